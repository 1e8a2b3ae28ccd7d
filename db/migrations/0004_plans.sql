CREATE TABLE "agency_aliases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agency_aliases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name_key" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_item_units" (
	"item_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "plan_item_units_item_id_unit_id_role_pk" PRIMARY KEY("item_id","unit_id","role"),
	CONSTRAINT "plan_item_units_role_check" CHECK ("plan_item_units"."role" in ('lead', 'support'))
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"parent_id" integer,
	"position" integer NOT NULL,
	"ref" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"index_code" text,
	"criterion_code" text,
	"lead_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"support_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due" date,
	"recurrence" text,
	"status" text DEFAULT 'not_started' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"note" text,
	"implements_item_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_items_kind_check" CHECK ("plan_items"."kind" in ('section', 'task')),
	CONSTRAINT "plan_items_status_check" CHECK ("plan_items"."status" in ('not_started', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "plan_items_progress_check" CHECK ("plan_items"."progress" >= 0 and "plan_items"."progress" <= 100)
);
--> statement-breakpoint
CREATE TABLE "plan_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"ref" text NOT NULL,
	"text" text NOT NULL,
	"op" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"level" text
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"parent_plan_id" integer,
	"number" text,
	"type" text,
	"issued_on" date,
	"place" text,
	"issuer" text,
	"signer" text,
	"title" text NOT NULL,
	"title_search" text NOT NULL,
	"year" integer NOT NULL,
	"indices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"child_plans_due" date,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_status_check" CHECK ("plans"."status" in ('draft', 'active', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "agency_aliases" ADD CONSTRAINT "agency_aliases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_units" ADD CONSTRAINT "plan_item_units_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_units" ADD CONSTRAINT "plan_item_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_parent_id_plan_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_implements_item_id_plan_items_id_fk" FOREIGN KEY ("implements_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_targets" ADD CONSTRAINT "plan_targets_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_parent_plan_id_plans_id_fk" FOREIGN KEY ("parent_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agency_aliases_name_idx" ON "agency_aliases" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "plan_item_units_unit_idx" ON "plan_item_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_items_implements_idx" ON "plan_items" USING btree ("implements_item_id");--> statement-breakpoint
CREATE INDEX "plan_targets_plan_idx" ON "plan_targets" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plans_unit_idx" ON "plans" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "plans_parent_idx" ON "plans" USING btree ("parent_plan_id");