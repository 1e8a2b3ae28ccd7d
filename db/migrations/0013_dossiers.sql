CREATE TABLE "dossier_mappings" (
	"signature" text PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_rollups" (
	"unit_id" integer NOT NULL,
	"field" text NOT NULL,
	"period_code" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"received_online_full" integer DEFAULT 0 NOT NULL,
	"received_digitised" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"finished_on_time" integer DEFAULT 0 NOT NULL,
	"finished_early" integer DEFAULT 0 NOT NULL,
	"finished_late" integer DEFAULT 0 NOT NULL,
	"late_apologised" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_rollups_unit_id_field_period_code_pk" PRIMARY KEY("unit_id","field","period_code")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"code" text PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"procedure_code" text NOT NULL,
	"field" text NOT NULL,
	"level" text,
	"channel" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"status" text,
	"digitised" boolean DEFAULT false NOT NULL,
	"apology_issued" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_channel_check" CHECK ("dossiers"."channel" in ('direct', 'online_partial', 'online_full', 'postal')),
	CONSTRAINT "dossiers_order_check" CHECK ("dossiers"."finished_at" is null or "dossiers"."finished_at" >= "dossiers"."received_at")
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_code" text NOT NULL,
	"unit_type" text,
	"unit_id" integer,
	"period_code" text,
	"operator" text NOT NULL,
	"threshold" double precision NOT NULL,
	"risk_margin" double precision DEFAULT 0 NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_targets_operator_check" CHECK ("indicator_targets"."operator" in ('>', '>=', '<', '<=', '='))
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"indicator_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"period_code" text NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"value" double precision,
	"note" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_values_indicator_code_unit_id_period_code_pk" PRIMARY KEY("indicator_code","unit_id","period_code")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"measure_unit" text NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"framework_code" text,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicators_kind_check" CHECK ("indicators"."kind" in ('ratio', 'count', 'value')),
	CONSTRAINT "indicators_source_check" CHECK ("indicators"."source" in ('entered', 'dossiers', 'feedback', 'survey'))
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"level" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_seen_job_id" integer
);
--> statement-breakpoint
ALTER TABLE "dossier_mappings" ADD CONSTRAINT "dossier_mappings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_rollups" ADD CONSTRAINT "dossier_rollups_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_code_procedures_code_fk" FOREIGN KEY ("procedure_code") REFERENCES "public"."procedures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_code_indicators_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_code_indicators_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_rollups_period_idx" ON "dossier_rollups" USING btree ("period_code");--> statement-breakpoint
CREATE INDEX "dossiers_unit_finished_idx" ON "dossiers" USING btree ("unit_id","finished_at");--> statement-breakpoint
CREATE INDEX "indicator_targets_indicator_idx" ON "indicator_targets" USING btree ("indicator_code");