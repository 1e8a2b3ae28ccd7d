import { customType, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { blobs } from './files.ts';
import { units } from './units.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A unit's signing certificates (PKCS#12), the organisation's and optionally a signer's own. The file
 * and its password are sealed with a key derived from the installation secret (AES-256-GCM): neither
 * is ever stored in clear nor returned by any presenter. A replaced certificate is retired, not deleted:
 * documents signed with it still name it.
 */
export const signingCertificates = pgTable(
  'signing_certificates',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    /** 'organisation': the unit's own (its seal); 'person': one signer's, `userId` set. */
    kind: text().notNull(),
    userId: integer().references(() => users.id),
    p12Sealed: bytea().notNull(),
    passwordSealed: text().notNull(),
    subjectName: text().notNull(),
    organisation: text(),
    serial: text().notNull(),
    issuerName: text().notNull(),
    notBefore: timestamp({ withTimezone: true }).notNull(),
    notAfter: timestamp({ withTimezone: true }).notNull(),
    /** The organisation's seal (red) or the person's signature (blue), PNG with transparency. */
    imageSha256: text().references(() => blobs.sha256),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('signing_certificates_unit_idx').on(t.unitId, t.kind)],
);

/**
 * What a PDF's signatures say, read once per content (by SHA-256) when it is uploaded: signers,
 * times, whether each is intact, the certificates. Whether they are trusted is decided when shown,
 * against the trust list as it is then.
 */
export const fileSignatureChecks = pgTable('file_signature_checks', {
  sha256: text()
    .primaryKey()
    .references(() => blobs.sha256),
  checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  result: jsonb().notNull(),
});
