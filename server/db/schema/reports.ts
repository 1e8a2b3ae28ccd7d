import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { plans } from './plans.ts';
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

/**
 * The coordinator's own text of the province's consolidated report for a plan and period, edited before
 * export: the summary sections, saved as typed with a version like every editable record.
 */
export const consolidatedDrafts = pgTable(
  'consolidated_drafts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    periodCode: text().notNull(),
    sections: jsonb().$type<Record<string, string | null>>().notNull().default({}),
    version: integer().notNull().default(1),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consolidated_drafts_plan_period_idx').on(t.planId, t.periodCode)],
);
