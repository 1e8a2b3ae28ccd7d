CREATE TABLE "index_results" (
	"framework_code" text NOT NULL,
	"year" integer NOT NULL,
	"province_code" text NOT NULL,
	"province_name" text NOT NULL,
	"criterion_code" text NOT NULL,
	"value" double precision,
	CONSTRAINT "index_results_framework_code_year_province_code_criterion_code_pk" PRIMARY KEY("framework_code","year","province_code","criterion_code")
);
