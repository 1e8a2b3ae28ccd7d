import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Organisation units: a tree (parent + materialised path) with validity dates and successor links. */
export const units = pgTable(
  'units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text(),
    name: text().notNull(),
    /** Lower-case, diacritic-free name for search ("Đống Đa" → "dong da"), kept by the service. */
    nameSearch: text().notNull(),
    shortName: text(),
    type: text().notNull(),
    parentId: integer().references((): AnyPgColumn => units.id),
    /** "/1/5/23/": the ids from the root down to this unit. */
    path: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    headName: text(),
    headTitle: text(),
    headPhone: text(),
    headEmail: text(),
    address: text(),
    /** The commune has a loudspeaker system: the items the law broadcasts "nơi có hệ thống loa" are asked of it. */
    hasLoudspeaker: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path.op('text_pattern_ops')),
    index('units_code_idx').on(t.code),
    // Lists are sorted by name in Vietnamese order: the index hands out a page without sorting the set.
    index('units_name_vi_idx').on(sql`${t.name} collate vi`, t.id),
    check('units_type_check', sql`${t.type} in ('province', 'department', 'district', 'commune', 'office')`),
    check('units_validity_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** A closed unit points to the units that carry its history (merge, split, rename). */
export const unitSuccessions = pgTable(
  'unit_successions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    predecessorId: integer()
      .notNull()
      .references(() => units.id),
    successorId: integer()
      .notNull()
      .references(() => units.id),
    kind: text().notNull(),
    effectiveOn: date({ mode: 'string' }).notNull(),
    note: text(),
  },
  (t) => [
    uniqueIndex('unit_successions_pair_idx').on(t.predecessorId, t.successorId),
    index('unit_successions_successor_idx').on(t.successorId),
    check('unit_successions_kind_check', sql`${t.kind} in ('merge', 'split', 'rename')`),
    check('unit_successions_not_self', sql`${t.predecessorId} <> ${t.successorId}`),
  ],
);
