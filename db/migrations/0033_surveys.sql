CREATE TABLE "survey_responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"survey_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"dossier_code" text,
	"procedure_code" text,
	"dossier_channel" text,
	"resume_hash" text,
	"sender_hash" text,
	"excluded_reason" text,
	"excluded_by" integer,
	"excluded_at" timestamp with time zone,
	"paper_number" text,
	"entered_by" integer,
	"batch" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_responses_source_check" CHECK ("survey_responses"."source" in ('web', 'paper', 'import')),
	CONSTRAINT "survey_responses_status_check" CHECK ("survey_responses"."status" in ('draft', 'submitted'))
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "surveys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"revision" integer NOT NULL,
	"name_vi" text NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"definition" jsonb NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_status_check" CHECK ("surveys"."status" in ('draft', 'published', 'retired'))
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_excluded_by_users_id_fk" FOREIGN KEY ("excluded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_responses_period_idx" ON "survey_responses" USING btree ("survey_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_responses_unit_idx" ON "survey_responses" USING btree ("unit_id","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_dossier_idx" ON "survey_responses" USING btree ("survey_id","dossier_code") WHERE "survey_responses"."dossier_code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_paper_idx" ON "survey_responses" USING btree ("survey_id","unit_id","paper_number") WHERE "survey_responses"."paper_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_resume_idx" ON "survey_responses" USING btree ("resume_hash") WHERE "survey_responses"."resume_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_code_revision_idx" ON "surveys" USING btree ("code","revision");