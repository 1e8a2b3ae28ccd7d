CREATE TABLE "feedback_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"feedback_id" integer NOT NULL,
	"action" text NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"from_unit_id" integer,
	"to_unit_id" integer,
	"visibility" text NOT NULL,
	"note" text,
	CONSTRAINT "feedback_events_visibility_check" CHECK ("feedback_events"."visibility" in ('public', 'citizen', 'internal'))
);
--> statement-breakpoint
CREATE TABLE "feedback_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"procedure" text NOT NULL,
	"category_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"handling_unit_id" integer NOT NULL,
	"channel" text NOT NULL,
	"text" text NOT NULL,
	"text_key" text NOT NULL,
	"search" text NOT NULL,
	"citizen_name" text,
	"publish_name" boolean DEFAULT false NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"contact_address" text,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"duplicate_of_id" integer,
	"forwarded_to" text,
	"received_on" date NOT NULL,
	"accepted_on" date,
	"answered_on" date,
	"closed_on" date,
	"due_on" date NOT NULL,
	"due_basis" text NOT NULL,
	"answer" text,
	"rating" text,
	"rated_on" date,
	"reopened" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_items_channel_check" CHECK ("feedback_items"."channel" in ('web', 'hotline', 'paper', 'zalo', 'portal', 'in_person')),
	CONSTRAINT "feedback_items_status_check" CHECK ("feedback_items"."status" in ('received', 'accepted', 'needs_info', 'in_progress', 'answered', 'closed')),
	CONSTRAINT "feedback_items_outcome_check" CHECK ("feedback_items"."outcome" is null or "feedback_items"."outcome" in ('resolved', 'not_resolved', 'not_competent', 'duplicate', 'spam')),
	CONSTRAINT "feedback_items_rating_check" CHECK ("feedback_items"."rating" is null or "feedback_items"."rating" in ('satisfied', 'not_satisfied'))
);
--> statement-breakpoint
CREATE TABLE "feedback_routes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_routes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"category_code" text,
	"unit_id" integer,
	"handling_unit_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_submission_counts" (
	"address_hash" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "feedback_submission_counts_address_hash_hour_pk" PRIMARY KEY("address_hash","hour")
);
--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_feedback_id_feedback_items_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_category_code_feedback_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."feedback_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_handling_unit_id_units_id_fk" FOREIGN KEY ("handling_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_duplicate_of_id_feedback_items_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_routes" ADD CONSTRAINT "feedback_routes_category_code_feedback_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."feedback_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_routes" ADD CONSTRAINT "feedback_routes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_routes" ADD CONSTRAINT "feedback_routes_handling_unit_id_units_id_fk" FOREIGN KEY ("handling_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_events_item_idx" ON "feedback_events" USING btree ("feedback_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_items_code_idx" ON "feedback_items" USING btree ("code");--> statement-breakpoint
CREATE INDEX "feedback_items_handling_idx" ON "feedback_items" USING btree ("handling_unit_id","status");--> statement-breakpoint
CREATE INDEX "feedback_items_unit_idx" ON "feedback_items" USING btree ("unit_id","text_key");--> statement-breakpoint
CREATE INDEX "feedback_items_received_idx" ON "feedback_items" USING btree ("received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_routes_line_idx" ON "feedback_routes" USING btree (coalesce("category_code", ''),coalesce("unit_id", 0));--> statement-breakpoint
CREATE INDEX "feedback_submission_counts_hour_idx" ON "feedback_submission_counts" USING btree ("hour");--> statement-breakpoint
-- The categories a province starts with (it may rename, reorder or retire them).
INSERT INTO "feedback_categories" ("code", "name_vi", "name_en", "position") VALUES
('administrative_procedures', 'Thủ tục hành chính', 'Administrative procedures', 1),
('land', 'Đất đai', 'Land', 2),
('environment', 'Môi trường', 'Environment', 3),
('order_security', 'An ninh trật tự', 'Order and security', 4),
('infrastructure', 'Hạ tầng', 'Infrastructure', 5),
('social_policy', 'Chính sách xã hội', 'Social policy', 6),
('official_attitude', 'Thái độ cán bộ', 'Attitude of an official', 7),
('other', 'Khác', 'Other', 8);
