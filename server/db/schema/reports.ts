import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { units } from './units.ts';

export interface TaskUpdate {
  itemId: number;
  status: string;
  progress: number;
  done: string | null;
  /** The task's version when the writer read it (absent in drafts saved before versions were kept). */
  version?: number;
}

/** A unit's report for a period ("2026Q1"): its narrative, what it says of each task, its workflow state. */
export const reports = pgTable(
  'reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    periodCode: text().notNull(),
    status: text().notNull().default('draft'),
    narrative: jsonb().$type<Record<string, string | null>>().notNull().default({}),
    taskUpdates: jsonb().$type<TaskUpdate[]>().notNull().default([]),
    /** Why it was last returned or reopened. */
    reason: text(),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: integer().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: integer().references(() => users.id),
    version: integer().notNull().default(1),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_unit_period_idx').on(t.unitId, t.periodCode),
    index('reports_period_idx').on(t.periodCode, t.status),
  ],
);
