ALTER TABLE "dossiers" DROP CONSTRAINT "dossiers_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "dossiers" DROP CONSTRAINT "dossiers_procedure_code_procedures_code_fk";
--> statement-breakpoint
DROP INDEX "dossiers_unit_finished_idx";--> statement-breakpoint
CREATE INDEX "dossiers_late_idx" ON "dossiers" USING btree ("unit_id","finished_at") WHERE "dossiers"."finished_at" is null or "dossiers"."finished_at" > "dossiers"."due_at";