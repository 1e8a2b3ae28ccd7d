import { doublePrecision, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Published results of national indices per province and year, at the finest level published
 * (PAPI: sub-dimensions). Dimensions, totals, ranks and groups are computed from them by the core,
 * so they are never stored twice. Provinces are the 63 before 1 July 2025, by official code.
 */
export const indexResults = pgTable(
  'index_results',
  {
    frameworkCode: text().notNull(),
    year: integer().notNull(),
    provinceCode: text().notNull(),
    provinceName: text().notNull(),
    criterionCode: text().notNull(),
    /** null: not published (the province is then not ranked). */
    value: doublePrecision(),
  },
  (t) => [primaryKey({ columns: [t.frameworkCode, t.year, t.provinceCode, t.criterionCode] })],
);
