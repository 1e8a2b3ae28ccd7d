import { customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** Binary file content; node-postgres reads and writes it as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** File contents stored once by their SHA-256, however many records attach them. */
export const blobs = pgTable('blobs', {
  sha256: text().primaryKey(),
  size: integer().notNull(),
  data: bytea().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Evidence files attached to a record: a plan's task ("plan_item", its id) or a criterion of a unit in
 * an assessment round ("round_score", "round/unit/criterion"). Served only as downloads.
 */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ownerType: text().notNull(),
    ownerKey: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    sha256: text()
      .notNull()
      .references(() => blobs.sha256),
    uploadedBy: integer().references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_files_owner_idx').on(t.ownerType, t.ownerKey)],
);
