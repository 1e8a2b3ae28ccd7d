CREATE TABLE "plan_item_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_item_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"item_id" integer NOT NULL,
	"role" text NOT NULL,
	"unit_type" text,
	"group_id" integer,
	CONSTRAINT "plan_item_groups_unique" UNIQUE NULLS NOT DISTINCT("item_id","role","unit_type","group_id"),
	CONSTRAINT "plan_item_groups_role_check" CHECK ("plan_item_groups"."role" in ('lead', 'support')),
	CONSTRAINT "plan_item_groups_one_kind" CHECK (("plan_item_groups"."unit_type" is null) <> ("plan_item_groups"."group_id" is null))
);
--> statement-breakpoint
CREATE TABLE "unit_group_members" (
	"group_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "unit_group_members_group_id_unit_id_pk" PRIMARY KEY("group_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "unit_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_search" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_item_groups" ADD CONSTRAINT "plan_item_groups_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_groups" ADD CONSTRAINT "plan_item_groups_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_group_members" ADD CONSTRAINT "unit_group_members_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_group_members" ADD CONSTRAINT "unit_group_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_groups" ADD CONSTRAINT "unit_groups_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_groups" ADD CONSTRAINT "unit_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_item_groups_group_idx" ON "plan_item_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "unit_group_members_unit_idx" ON "unit_group_members" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_groups_name_idx" ON "unit_groups" USING btree ("unit_id","name_search");