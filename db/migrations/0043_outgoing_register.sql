CREATE TABLE "issued_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "issued_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"type" text NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"symbol" text NOT NULL,
	"title" text NOT NULL,
	"issued_on" date NOT NULL,
	"signer_name" text,
	"recipients" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text,
	"status" text DEFAULT 'numbered' NOT NULL,
	"void_reason" text,
	"voided_at" timestamp with time zone,
	"voided_by" integer,
	"pdf_sha256" text,
	"signed_pdf_sha256" text,
	"search" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issued_documents_seq_check" CHECK ("issued_documents"."seq" >= 1),
	CONSTRAINT "issued_documents_status_check" CHECK ("issued_documents"."status" in ('numbered', 'signed', 'sent', 'void')),
	CONSTRAINT "issued_documents_source_check" CHECK ("issued_documents"."source_kind" in ('plan', 'report', 'consolidated', 'apology', 'chasing', 'quarter_list', 'remediation', 'other')),
	CONSTRAINT "issued_documents_void_check" CHECK (("issued_documents"."status" = 'void') = ("issued_documents"."void_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "role_grants" DROP CONSTRAINT "role_grants_role_check";--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_number_idx" ON "issued_documents" USING btree ("unit_id","year","type","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_source_idx" ON "issued_documents" USING btree ("unit_id","source_kind","source_id") WHERE "issued_documents"."source_id" is not null and "issued_documents"."status" <> 'void';--> statement-breakpoint
CREATE INDEX "issued_documents_unit_year_idx" ON "issued_documents" USING btree ("unit_id","year");--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_role_check" CHECK ("role_grants"."role" in ('admin', 'coordinator', 'unit_reporter', 'unit_head', 'appraiser', 'leader', 'clerk'));