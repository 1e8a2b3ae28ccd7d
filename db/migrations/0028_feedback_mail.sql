ALTER TABLE "feedback_events" ADD COLUMN "mail_state" text;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD COLUMN "mailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD COLUMN "mail_claimed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "feedback_events_mail_idx" ON "feedback_events" USING btree ("at") WHERE "feedback_events"."mail_state" in ('pending', 'failed', 'sending');