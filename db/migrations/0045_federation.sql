CREATE SCHEMA "federation";
--> statement-breakpoint
CREATE TABLE "federation"."assessment_results" (
	"province_code" text NOT NULL,
	"unit_key" text NOT NULL,
	"framework_code" text NOT NULL,
	"year" integer NOT NULL,
	"score" double precision NOT NULL,
	"max_score" double precision NOT NULL,
	"rank" integer,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_results_province_code_unit_key_framework_code_year_pk" PRIMARY KEY("province_code","unit_key","framework_code","year")
);
--> statement-breakpoint
CREATE TABLE "federation"."dossier_rollups" (
	"province_code" text NOT NULL,
	"unit_key" text NOT NULL,
	"field" text NOT NULL,
	"period_code" text NOT NULL,
	"received" integer NOT NULL,
	"received_online" integer NOT NULL,
	"received_online_full" integer NOT NULL,
	"received_digitised" integer NOT NULL,
	"finished" integer NOT NULL,
	"finished_on_time" integer NOT NULL,
	"finished_early" integer NOT NULL,
	"finished_late" integer NOT NULL,
	"late_apologised" integer NOT NULL,
	CONSTRAINT "dossier_rollups_province_code_unit_key_field_period_code_pk" PRIMARY KEY("province_code","unit_key","field","period_code")
);
--> statement-breakpoint
CREATE TABLE "federation"."feedback_rollups" (
	"province_code" text NOT NULL,
	"unit_key" text NOT NULL,
	"period_code" text NOT NULL,
	"received" integer NOT NULL,
	"closed" integer NOT NULL,
	"closed_on_time" integer NOT NULL,
	"open" integer NOT NULL,
	"open_overdue" integer NOT NULL,
	CONSTRAINT "feedback_rollups_province_code_unit_key_period_code_pk" PRIMARY KEY("province_code","unit_key","period_code")
);
--> statement-breakpoint
CREATE TABLE "federation"."periods" (
	"province_code" text NOT NULL,
	"period_code" text NOT NULL,
	"due_on" date,
	CONSTRAINT "periods_province_code_period_code_pk" PRIMARY KEY("province_code","period_code")
);
--> statement-breakpoint
CREATE TABLE "federation"."plan_task_statuses" (
	"province_code" text NOT NULL,
	"unit_key" text NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"tasks" integer NOT NULL,
	CONSTRAINT "plan_task_statuses_province_code_unit_key_year_status_pk" PRIMARY KEY("province_code","unit_key","year","status")
);
--> statement-breakpoint
CREATE TABLE "federation"."provinces" (
	"province_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL,
	"chiso_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation"."report_completeness" (
	"province_code" text NOT NULL,
	"unit_key" text NOT NULL,
	"period_code" text NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"on_time" integer NOT NULL,
	CONSTRAINT "report_completeness_province_code_unit_key_period_code_pk" PRIMARY KEY("province_code","unit_key","period_code")
);
--> statement-breakpoint
CREATE TABLE "federation"."survey_rollups" (
	"province_code" text NOT NULL,
	"unit_key" text NOT NULL,
	"period_code" text NOT NULL,
	"responses" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"satisfied_score" double precision NOT NULL,
	"scored_answers" integer NOT NULL,
	CONSTRAINT "survey_rollups_province_code_unit_key_period_code_pk" PRIMARY KEY("province_code","unit_key","period_code")
);
--> statement-breakpoint
CREATE TABLE "federation"."units" (
	"province_code" text NOT NULL,
	"unit_key" text NOT NULL,
	"unit_code" text,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"parent_key" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "units_province_code_unit_key_pk" PRIMARY KEY("province_code","unit_key")
);
