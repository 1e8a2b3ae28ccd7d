ALTER TABLE "plan_targets" ADD COLUMN "indicator_code" text;--> statement-breakpoint
ALTER TABLE "plan_targets" ADD COLUMN "period_code" text;--> statement-breakpoint
ALTER TABLE "plan_targets" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "issued_by" integer;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "child_plans_asked_by" integer;--> statement-breakpoint
ALTER TABLE "plan_targets" ADD CONSTRAINT "plan_targets_indicator_code_indicators_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_child_plans_asked_by_users_id_fk" FOREIGN KEY ("child_plans_asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Plans saved before a draft existed were issued when they were saved: their answer keeps its date.
UPDATE "plans" SET "issued_at" = "created_at", "issued_by" = "created_by" WHERE "status" <> 'draft';--> statement-breakpoint
UPDATE "plans" SET "child_plans_asked_by" = "created_by" WHERE "child_plans_due" IS NOT NULL;