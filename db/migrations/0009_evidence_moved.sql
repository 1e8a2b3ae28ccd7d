-- Task evidence moves to the shared evidence store: contents once per SHA-256 in blobs, the
-- attachment in evidence_files (owner "plan_item" and the item's id).
INSERT INTO "blobs" ("sha256", "size", "data")
SELECT DISTINCT ON ("sha256") "sha256", "size", "data" FROM "plan_item_evidence" ORDER BY "sha256"
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "evidence_files" ("owner_type", "owner_key", "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at")
SELECT 'plan_item', "item_id"::text, "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"
FROM "plan_item_evidence" ORDER BY "id";--> statement-breakpoint
DROP TABLE "plan_item_evidence" CASCADE;
