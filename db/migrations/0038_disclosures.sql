CREATE TABLE "disclosure_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disclosure_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"basis" text NOT NULL,
	"article" text NOT NULL,
	"unit_types" jsonb NOT NULL,
	"places" jsonb NOT NULL,
	"period" jsonb NOT NULL,
	"loudspeaker_days" integer,
	"deadline" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"unconfirmed" boolean DEFAULT false NOT NULL,
	"note" text,
	"built_in" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_obligations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disclosure_obligations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"title" text NOT NULL,
	"decision_number" text,
	"decision_date" date NOT NULL,
	"period_from" date,
	"period_to" date,
	"document_url" text,
	"public_file_id" integer,
	"search" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_obligations_period_check" CHECK ("disclosure_obligations"."period_from" is null or "disclosure_obligations"."period_to" is null or "disclosure_obligations"."period_from" <= "disclosure_obligations"."period_to")
);
--> statement-breakpoint
CREATE TABLE "disclosure_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disclosure_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"obligation_id" integer NOT NULL,
	"place" text NOT NULL,
	"place_detail" text,
	"from_date" date NOT NULL,
	"to_date" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_records_place_check" CHECK ("disclosure_records"."place" in ('office', 'village', 'loudspeaker', 'website', 'written', 'other')),
	CONSTRAINT "disclosure_records_dates_check" CHECK ("disclosure_records"."to_date" is null or "disclosure_records"."from_date" <= "disclosure_records"."to_date")
);
--> statement-breakpoint
ALTER TABLE "indicators" DROP CONSTRAINT "indicators_source_check";--> statement-breakpoint
ALTER TABLE "disclosure_items" ADD CONSTRAINT "disclosure_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD CONSTRAINT "disclosure_obligations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD CONSTRAINT "disclosure_obligations_public_file_id_evidence_files_id_fk" FOREIGN KEY ("public_file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD CONSTRAINT "disclosure_obligations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD CONSTRAINT "disclosure_obligations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_records" ADD CONSTRAINT "disclosure_records_obligation_id_disclosure_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."disclosure_obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_records" ADD CONSTRAINT "disclosure_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_records" ADD CONSTRAINT "disclosure_records_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_items_code_from_idx" ON "disclosure_items" USING btree ("code","valid_from");--> statement-breakpoint
CREATE INDEX "disclosure_obligations_unit_idx" ON "disclosure_obligations" USING btree ("unit_id","decision_date");--> statement-breakpoint
CREATE INDEX "disclosure_records_obligation_idx" ON "disclosure_records" USING btree ("obligation_id");--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_source_check" CHECK ("indicators"."source" in ('entered', 'dossiers', 'feedback', 'survey', 'disclosures'));