CREATE TABLE "survey_comment_replies" (
	"response_id" integer NOT NULL,
	"question_code" text NOT NULL,
	"text" text NOT NULL,
	"replied_by" integer,
	"replied_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "survey_comment_replies_response_id_question_code_pk" PRIMARY KEY("response_id","question_code")
);
--> statement-breakpoint
ALTER TABLE "survey_comment_replies" ADD CONSTRAINT "survey_comment_replies_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_comment_replies" ADD CONSTRAINT "survey_comment_replies_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;