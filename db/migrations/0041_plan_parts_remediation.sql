ALTER TABLE "plan_items" ADD COLUMN "remedies_criterion" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "parts" jsonb;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "remediates_round_id" integer;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_remediates_round_id_assessment_rounds_id_fk" FOREIGN KEY ("remediates_round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plans_remediates_idx" ON "plans" USING btree ("remediates_round_id");