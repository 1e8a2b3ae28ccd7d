import { asc } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { indicators } from '../db/schema/index.ts';

/** The catalogue as the forms and dashboards show it, in its shipped order. */
export async function findIndicators(db: Db) {
  const rows = await db.select().from(indicators).orderBy(asc(indicators.position));
  // The whole catalogue in one page of the list contract: a few dozen entries, never paged.
  return {
    page: 1,
    perPage: Math.max(rows.length, 1),
    total: rows.length,
    items: rows.map((row) => ({
      code: row.code,
      nameVi: row.nameVi,
      nameEn: row.nameEn,
      measureUnit: row.measureUnit,
      kind: row.kind,
      source: row.source,
      frameworkCode: row.frameworkCode,
      description: row.description,
    })),
  };
}
