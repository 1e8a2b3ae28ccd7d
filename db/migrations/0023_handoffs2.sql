DROP INDEX "notifications_mail_idx";--> statement-breakpoint
ALTER TABLE "round_scores" ADD COLUMN "reappraised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "mail_claimed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_mail_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."mail_state" in ('pending', 'failed', 'sending');