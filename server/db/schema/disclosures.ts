import { sql } from 'drizzle-orm';
import {
  boolean,
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
import type { DeadlineRule, DisclosurePlace, PeriodRule } from '../../../core/disclosures/catalogue.ts';
import { users } from './accounts.ts';
import { evidenceFiles } from './files.ts';
import { units } from './units.ts';

/**
 * What must be disclosed (the catalogue the province edits, seeded from
 * reference/disclosures/catalogue.json): one row per version of a rule, a code's versions never in
 * force on the same day. Obligations point at the code; the version in force on the decision's day
 * judges them.
 */
export const disclosureItems = pgTable(
  'disclosure_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    nameVi: text().notNull(),
    nameEn: text().notNull(),
    basis: text().notNull(),
    article: text().notNull(),
    unitTypes: jsonb().$type<string[]>().notNull(),
    places: jsonb().$type<DisclosurePlace[]>().notNull(),
    period: jsonb().$type<PeriodRule>().notNull(),
    loudspeakerDays: integer(),
    deadline: jsonb().$type<DeadlineRule>().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    unconfirmed: boolean().notNull().default(false),
    note: text(),
    /** Shipped with the product (edited in place by the province, never deleted). */
    builtIn: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    version: integer().notNull().default(1),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('disclosure_items_code_from_idx').on(t.code, t.validFrom)],
);

/**
 * What a unit must disclose: an item of the catalogue, the document (title, decision number and date),
 * the period it covers (a quarter, a plan's years), and the public document (a link, or a file of the
 * evidence store the unit marked public). It is on the public register only once someone who records
 * the unit's disclosures switched it public (`publishedAt`).
 */
export const disclosureObligations = pgTable(
  'disclosure_obligations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    itemCode: text().notNull(),
    title: text().notNull(),
    decisionNumber: text(),
    decisionDate: date({ mode: 'string' }).notNull(),
    periodFrom: date({ mode: 'string' }),
    periodTo: date({ mode: 'string' }),
    documentUrl: text(),
    publicFileId: integer().references(() => evidenceFiles.id),
    /** On the public register since (the staff's switch); null: not public, whatever was posted elsewhere. */
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: integer().references(() => users.id),
    /** Folded title and number for search without diacritics. */
    search: text().notNull(),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('disclosure_obligations_unit_idx').on(t.unitId, t.decisionDate),
    check(
      'disclosure_obligations_period_check',
      sql`${t.periodFrom} is null or ${t.periodTo} is null or ${t.periodFrom} <= ${t.periodTo}`,
    ),
  ],
);

/** Where and when an obligation was disclosed; the note is the staff's own, never public. */
export const disclosureRecords = pgTable(
  'disclosure_records',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    obligationId: integer()
      .notNull()
      .references(() => disclosureObligations.id),
    place: text().notNull(),
    placeDetail: text(),
    fromDate: date({ mode: 'string' }).notNull(),
    toDate: date({ mode: 'string' }),
    note: text(),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('disclosure_records_obligation_idx').on(t.obligationId),
    check(
      'disclosure_records_place_check',
      sql`${t.place} in ('office', 'village', 'loudspeaker', 'website', 'written', 'other')`,
    ),
    check('disclosure_records_dates_check', sql`${t.toDate} is null or ${t.fromDate} <= ${t.toDate}`),
  ],
);
