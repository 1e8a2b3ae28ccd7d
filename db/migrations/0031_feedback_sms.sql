ALTER TABLE "feedback_events" ADD COLUMN "sms_state" text;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD COLUMN "sms_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD COLUMN "sms_claimed_at" timestamp with time zone;