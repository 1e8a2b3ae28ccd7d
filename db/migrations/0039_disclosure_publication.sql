ALTER TABLE "disclosure_obligations" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD COLUMN "published_by" integer;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD CONSTRAINT "disclosure_obligations_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Before the switch an obligation was public as soon as a posting's first day had come (Vietnam's date,
-- UTC+7): those stay public, since the day they were recorded, so an upgrade never empties the register.
UPDATE "disclosure_obligations" SET "published_at" = "created_at" WHERE EXISTS (SELECT 1 FROM "disclosure_records" WHERE "disclosure_records"."obligation_id" = "disclosure_obligations"."id" AND "disclosure_records"."from_date" <= (now() AT TIME ZONE 'UTC' + interval '7 hours')::date);
