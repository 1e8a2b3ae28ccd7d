import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** The state's list of administrative units (34 provinces, 3,321 communes since 1 July 2025): shipped reference data. */
export const adminAreas = pgTable(
  'admin_areas',
  {
    code: text().primaryKey(),
    level: text().notNull(),
    name: text().notNull(),
    provinceCode: text(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
  },
  (t) => [check('admin_areas_level_check', sql`${t.level} in ('province', 'commune')`)],
);

/** Small facts about this installation (e.g. when it was initialised). */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
  version: integer().notNull().default(1),
  updatedBy: integer().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
