CREATE TABLE "dialogue_commitments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dialogue_commitments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dialogue_id" integer NOT NULL,
	"question_id" integer,
	"text" text NOT NULL,
	"lead_unit_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"plan_item_id" integer
);
--> statement-breakpoint
CREATE TABLE "dialogue_questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dialogue_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dialogue_id" integer NOT NULL,
	"position" integer NOT NULL,
	"question" text NOT NULL,
	"asked_by" text,
	"answer" text,
	"answered_by" text
);
--> statement-breakpoint
CREATE TABLE "dialogues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dialogues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"location" text,
	"chaired_by" text,
	"participants" text,
	"participant_count" integer,
	"summary" text,
	"plan_id" integer,
	"published_at" timestamp with time zone,
	"search" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dialogues_kind_check" CHECK ("dialogues"."kind" in ('annual_conference', 'businesses', 'decision', 'community', 'other')),
	CONSTRAINT "dialogues_participants_check" CHECK ("dialogues"."participant_count" is null or "dialogues"."participant_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "open311_clients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "open311_clients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_hint" text NOT NULL,
	"channel" text DEFAULT 'app' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "open311_clients_channel_check" CHECK ("open311_clients"."channel" in ('app', 'portal'))
);
--> statement-breakpoint
CREATE TABLE "reception_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reception_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"session_id" integer,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"received_on" date NOT NULL,
	"citizen_name" text NOT NULL,
	"address" text,
	"id_number" text,
	"content" text NOT NULL,
	"kind" text NOT NULL,
	"people_count" integer DEFAULT 1 NOT NULL,
	"prior_handling" text,
	"request" text,
	"handling" text,
	"in_competence" boolean DEFAULT true NOT NULL,
	"guided_to" text,
	"transferred_to" text,
	"feedback_id" integer,
	"notice_due_on" date NOT NULL,
	"noticed_on" date,
	"note" text,
	"search" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reception_entries_kind_check" CHECK ("reception_entries"."kind" in ('phan_anh', 'kien_nghi', 'khieu_nai', 'to_cao')),
	CONSTRAINT "reception_entries_people_check" CHECK ("reception_entries"."people_count" >= 1)
);
--> statement-breakpoint
CREATE TABLE "reception_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reception_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"host_level" text NOT NULL,
	"host_title" text NOT NULL,
	"host_name" text,
	"frequency" text NOT NULL,
	"weekday" integer,
	"month_week" integer,
	"month_day" integer,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"location" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reception_rules_level_check" CHECK ("reception_rules"."host_level" in ('commune_chair', 'province_chair', 'agency_head', 'public_service_head', 'party_province', 'party_commune', 'other')),
	CONSTRAINT "reception_rules_frequency_check" CHECK ("reception_rules"."frequency" in ('weekly', 'monthly')),
	CONSTRAINT "reception_rules_weekday_check" CHECK ("reception_rules"."weekday" is null or "reception_rules"."weekday" between 1 and 7),
	CONSTRAINT "reception_rules_month_week_check" CHECK ("reception_rules"."month_week" is null or "reception_rules"."month_week" in (-1, 1, 2, 3, 4)),
	CONSTRAINT "reception_rules_month_day_check" CHECK ("reception_rules"."month_day" is null or "reception_rules"."month_day" between 1 and 31)
);
--> statement-breakpoint
CREATE TABLE "reception_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reception_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"rule_id" integer,
	"kind" text DEFAULT 'periodic' NOT NULL,
	"on" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"location" text NOT NULL,
	"host_level" text NOT NULL,
	"host_title" text NOT NULL,
	"host_name" text,
	"delegated_to" text,
	"topic" text,
	"participants" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"published_at" timestamp with time zone,
	"postponed_reason" text,
	"replaces_id" integer,
	"privacy" text DEFAULT 'names' NOT NULL,
	"visitor_count" integer,
	"conclusion" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reception_sessions_kind_check" CHECK ("reception_sessions"."kind" in ('periodic', 'ad_hoc')),
	CONSTRAINT "reception_sessions_status_check" CHECK ("reception_sessions"."status" in ('planned', 'held', 'postponed', 'cancelled')),
	CONSTRAINT "reception_sessions_privacy_check" CHECK ("reception_sessions"."privacy" in ('names', 'counts')),
	CONSTRAINT "reception_sessions_visitors_check" CHECK ("reception_sessions"."visitor_count" is null or "reception_sessions"."visitor_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "feedback_items" DROP CONSTRAINT "feedback_items_channel_check";--> statement-breakpoint
ALTER TABLE "feedback_items" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD COLUMN "lng" double precision;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD COLUMN "place_text" text;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD COLUMN "client_id" integer;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD COLUMN "client_token" text;--> statement-breakpoint
ALTER TABLE "dialogue_commitments" ADD CONSTRAINT "dialogue_commitments_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_commitments" ADD CONSTRAINT "dialogue_commitments_question_id_dialogue_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."dialogue_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_commitments" ADD CONSTRAINT "dialogue_commitments_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_commitments" ADD CONSTRAINT "dialogue_commitments_plan_item_id_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogue_questions" ADD CONSTRAINT "dialogue_questions_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_session_id_reception_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reception_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_feedback_id_feedback_items_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_rules" ADD CONSTRAINT "reception_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_rules" ADD CONSTRAINT "reception_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_rules" ADD CONSTRAINT "reception_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_sessions" ADD CONSTRAINT "reception_sessions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_sessions" ADD CONSTRAINT "reception_sessions_rule_id_reception_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."reception_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_sessions" ADD CONSTRAINT "reception_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_sessions" ADD CONSTRAINT "reception_sessions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dialogue_commitments_dialogue_idx" ON "dialogue_commitments" USING btree ("dialogue_id");--> statement-breakpoint
CREATE INDEX "dialogue_questions_dialogue_idx" ON "dialogue_questions" USING btree ("dialogue_id","position");--> statement-breakpoint
CREATE INDEX "dialogues_unit_idx" ON "dialogues" USING btree ("unit_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_clients_key_idx" ON "open311_clients" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "reception_entries_number_idx" ON "reception_entries" USING btree ("unit_id","year","number");--> statement-breakpoint
CREATE INDEX "reception_entries_session_idx" ON "reception_entries" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "reception_rules_unit_idx" ON "reception_rules" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "reception_sessions_unit_idx" ON "reception_sessions" USING btree ("unit_id","on");--> statement-breakpoint
CREATE UNIQUE INDEX "reception_sessions_rule_day_idx" ON "reception_sessions" USING btree ("rule_id","on") WHERE "reception_sessions"."rule_id" is not null;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_client_id_open311_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."open311_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_items_client_token_idx" ON "feedback_items" USING btree ("client_token");--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_place_check" CHECK (("feedback_items"."lat" is null) = ("feedback_items"."lng" is null) and ("feedback_items"."lat" is null or ("feedback_items"."lat" between -90 and 90 and "feedback_items"."lng" between -180 and 180)));--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_channel_check" CHECK ("feedback_items"."channel" in ('web', 'hotline', 'paper', 'zalo', 'portal', 'in_person', 'app'));