import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { units } from './units.ts';

/** The procedure catalogue (thủ tục hành chính): a code first seen in an import joins it. */
export const procedures = pgTable('procedures', {
  code: text().primaryKey(),
  name: text().notNull(),
  /** Lĩnh vực, e.g. "Hộ tịch". */
  field: text().notNull(),
  level: text(),
  firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** The import (job) that first brought it in. */
  firstSeenJobId: integer(),
});

/**
 * Dossiers (hồ sơ TTHC) from the one-stop systems, upserted by their code. Millions of rows arrive in
 * bulk, so the table carries no foreign keys (their per-row checks cost more than the rest of the
 * write): the importer is its only writer and checks every unit and procedure code against the unit
 * table and the catalogue, neither of which ever deletes a row (units close, with `valid_to`).
 */
export const dossiers = pgTable(
  'dossiers',
  {
    code: text().primaryKey(),
    unitId: integer().notNull(),
    procedureCode: text().notNull(),
    /** The procedure's field at import time, kept on the row for the roll-ups. */
    field: text().notNull(),
    level: text(),
    channel: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    returnedAt: timestamp({ withTimezone: true }),
    status: text(),
    digitised: boolean().notNull().default(false),
    apologyIssued: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Only the dossiers the late list reads (finished late, or not finished): a fifth of the rows, so a
    // bulk import maintains a fifth of the index entries.
    index('dossiers_late_idx')
      .on(t.unitId, t.finishedAt)
      .where(sql`${t.finishedAt} is null or ${t.finishedAt} > ${t.dueAt}`),
    check(
      'dossiers_channel_check',
      sql`${t.channel} in ('direct', 'online_partial', 'online_full', 'postal')`,
    ),
    check('dossiers_order_check', sql`${t.finishedAt} is null or ${t.finishedAt} >= ${t.receivedAt}`),
  ],
);

/**
 * Dossier counts per unit, procedure field and reporting quarter ("2026Q1", the regime's data window),
 * maintained in the same transaction as every import so dashboards never scan raw dossiers. A dossier
 * counts as received in the quarter of its receipt and as finished (on time, early, late…) in the
 * quarter it was finished.
 */
export const dossierRollups = pgTable(
  'dossier_rollups',
  {
    unitId: integer()
      .notNull()
      .references(() => units.id),
    field: text().notNull(),
    periodCode: text().notNull(),
    received: integer().notNull().default(0),
    receivedOnline: integer().notNull().default(0),
    receivedOnlineFull: integer().notNull().default(0),
    receivedDigitised: integer().notNull().default(0),
    finished: integer().notNull().default(0),
    finishedOnTime: integer().notNull().default(0),
    finishedEarly: integer().notNull().default(0),
    finishedLate: integer().notNull().default(0),
    lateApologised: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.field, t.periodCode] }),
    index('dossier_rollups_period_idx').on(t.periodCode),
  ],
);

/** A column layout of a one-stop export, mapped once in the UI and remembered by its headers. */
export const dossierMappings = pgTable('dossier_mappings', {
  /** The file's headers, folded and joined: the same export layout finds its mapping again. */
  signature: text().primaryKey(),
  /** Canonical field → the file's header. */
  mapping: jsonb().$type<Record<string, string>>().notNull(),
  updatedBy: integer().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The indicator catalogue: ratios are kept as numerator and denominator, never as a percentage. */
export const indicators = pgTable(
  'indicators',
  {
    code: text().primaryKey(),
    nameVi: text().notNull(),
    nameEn: text().notNull(),
    /** "%", "hồ sơ", "điểm"… */
    measureUnit: text().notNull(),
    kind: text().notNull(),
    source: text().notNull(),
    /** The framework it serves, e.g. SERVICE_766. */
    frameworkCode: text(),
    description: text(),
    position: integer().notNull().default(0),
  },
  (t) => [
    check('indicators_kind_check', sql`${t.kind} in ('ratio', 'count', 'value')`),
    check(
      'indicators_source_check',
      sql`${t.source} in ('entered', 'dossiers', 'feedback', 'survey', 'disclosures')`,
    ),
  ],
);

/** Values entered by a unit for a period (indicators whose source is "entered"). */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    indicatorCode: text()
      .notNull()
      .references(() => indicators.code),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    periodCode: text().notNull(),
    numerator: doublePrecision(),
    denominator: doublePrecision(),
    value: doublePrecision(),
    note: text(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.indicatorCode, t.unitId, t.periodCode] })],
);

/**
 * Targets: for an indicator, a unit type ("commune"), one unit, or everyone (both null), and a period
 * (a year "2026" covers its quarters; null = every period). The most specific target applies.
 */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    indicatorCode: text()
      .notNull()
      .references(() => indicators.code),
    unitType: text(),
    unitId: integer().references(() => units.id),
    periodCode: text(),
    operator: text().notNull(),
    threshold: doublePrecision().notNull(),
    riskMargin: doublePrecision().notNull().default(0),
    note: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('indicator_targets_indicator_idx').on(t.indicatorCode),
    check('indicator_targets_operator_check', sql`${t.operator} in ('>', '>=', '<', '<=', '=')`),
  ],
);
