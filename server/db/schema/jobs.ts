import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export interface JobFile {
  fileName: string;
  contentType: string;
  sha256: string;
}

/**
 * Long work run in the background (generated documents, bulk imports): its progress and, when done,
 * its files and a summary (`result`) of what it did.
 */
export const jobs = pgTable('jobs', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  kind: text().notNull(),
  /** What the work was asked to do (e.g. the plan and period of a consolidated report), for lists. */
  params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  status: text().notNull().default('running'),
  progress: integer().notNull().default(0),
  total: integer().notNull().default(0),
  message: text(),
  files: jsonb().$type<JobFile[]>().notNull().default([]),
  result: jsonb().$type<unknown>(),
  error: text(),
  createdBy: integer().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});
