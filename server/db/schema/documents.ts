import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { signingCertificates } from './signing.ts';
import { units } from './units.ts';

/**
 * The register of outgoing documents (sổ văn bản đi, Nghị định 30/2020 Điều 15): one row is THE issued
 * document of a unit — its number within the unit's year and type ("12/KH-UBND"), its trích yếu, date,
 * signer and recipients, what Chiso document it is (`source_kind`, `source_id`), and later the PDF
 * prepared and the PDF signed (SHA-256 in the evidence store). A number is taken once: a voided row
 * stays with its reason and its number is never given again.
 */
export const issuedDocuments = pgTable(
  'issued_documents',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The issuing unit. */
    unitId: integer()
      .notNull()
      .references(() => units.id),
    year: integer().notNull(),
    /** Type abbreviation (core/plans/document-number.ts DOCUMENT_TYPES): KH, BC, QĐ… CV for a công văn. */
    type: text().notNull(),
    /** The order within the unit's year and type, from 1. */
    seq: integer().notNull(),
    /** As printed: "12/KH-UBND", "05/UBND-VX". */
    number: text().notNull(),
    /** The ký hiệu, the part after the number: "KH-UBND", "UBND-VX". */
    symbol: text().notNull(),
    /** Trích yếu. */
    title: text().notNull(),
    issuedOn: date({ mode: 'string' }).notNull(),
    signerName: text(),
    /** Nơi nhận, one recipient a line. */
    recipients: text().array().notNull().default(sql`'{}'::text[]`),
    /** What Chiso document it is: plan, report, consolidated, apology, chasing, quarter_list, remediation, other. */
    sourceKind: text().notNull(),
    /** The source's key as text (a plan or report id, a dossier code, a period); null for 'other'. */
    sourceId: text(),
    status: text().notNull().default('numbered'),
    voidReason: text(),
    voidedAt: timestamp({ withTimezone: true }),
    voidedBy: integer().references(() => users.id),
    /** The prepared PDF in the evidence store (server/files/evidence.ts), filled by the signing step. */
    pdfSha256: text(),
    /** The signed PDF in the evidence store, filled by the signing step. */
    signedPdfSha256: text(),
    /** Where the prepared PDF leaves room for the signatures: { page, x, y, width, height } in points. */
    signatureBox: jsonb().$type<{ page: number; x: number; y: number; width: number; height: number }>(),
    preparedAt: timestamp({ withTimezone: true }),
    /** The PDF handed out to be signed outside Chiso (a USB token, a remote service), its field prepared. */
    awaitingSha256: text(),
    /** Lower-case, diacritic-free number, title, signer and recipients, for search. */
    search: text().notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('issued_documents_number_idx').on(t.unitId, t.year, t.type, t.seq),
    // One live number for one Chiso document of a unit (a voided one may be numbered again).
    uniqueIndex('issued_documents_source_idx')
      .on(t.unitId, t.sourceKind, t.sourceId)
      .where(sql`${t.sourceId} is not null and ${t.status} <> 'void'`),
    index('issued_documents_unit_year_idx').on(t.unitId, t.year),
    check('issued_documents_seq_check', sql`${t.seq} >= 1`),
    check('issued_documents_status_check', sql`${t.status} in ('numbered', 'signed', 'sent', 'void')`),
    check(
      'issued_documents_source_check',
      sql`${t.sourceKind} in ('plan', 'report', 'consolidated', 'apology', 'chasing', 'quarter_list', 'remediation', 'other')`,
    ),
    check('issued_documents_void_check', sql`(${t.status} = 'void') = (${t.voidReason} is not null)`),
  ],
);

/**
 * The signatures on an issued document, in the order they were made: the person's (the head's key),
 * the organisation's (the unit's seal, applied by its clerk), or one made outside Chiso and brought
 * back. `pdfSha256` is the document as it stood after that signature (the evidence store).
 */
export const documentSignatures = pgTable(
  'document_signatures',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    documentId: integer()
      .notNull()
      .references(() => issuedDocuments.id),
    kind: text().notNull(),
    /** Who signed in Chiso, or who brought back a document signed outside. */
    userId: integer().references(() => users.id),
    certificateId: integer().references(() => signingCertificates.id),
    signerName: text().notNull(),
    organisation: text(),
    serial: text().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull(),
    pdfSha256: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('document_signatures_document_idx').on(t.documentId),
    check('document_signatures_kind_check', sql`${t.kind} in ('person', 'organisation', 'outside')`),
  ],
);
