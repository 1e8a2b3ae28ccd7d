import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { planItems, plans } from './plans.ts';
import { units } from './units.ts';

/**
 * A dialogue a unit held with residents or businesses (the commune's yearly conference with the
 * Fatherland Front is a legal duty, Luật 10/2022 Điều 32): when, on what, who took part. Its follow-up
 * commitments are the tasks of one plan (`planId`, made when the first commitment is recorded), so they
 * reach the lead units' task lists, progress and overdue boards like any other task. Published, its
 * questions, answers and the commitments done show in the public record.
 */
export const dialogues = pgTable(
  'dialogues',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    kind: text().notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    topic: text().notNull(),
    location: text(),
    chairedBy: text(),
    participants: text(),
    participantCount: integer(),
    summary: text(),
    planId: integer().references(() => plans.id),
    publishedAt: timestamp({ withTimezone: true }),
    /** Folded topic for search without diacritics. */
    search: text().notNull(),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    updatedBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dialogues_unit_idx').on(t.unitId, t.heldOn),
    check(
      'dialogues_kind_check',
      sql`${t.kind} in ('annual_conference', 'businesses', 'decision', 'community', 'other')`,
    ),
    check('dialogues_participants_check', sql`${t.participantCount} is null or ${t.participantCount} >= 0`),
  ],
);

/** A question raised at a dialogue and the answer given there (or later). */
export const dialogueQuestions = pgTable(
  'dialogue_questions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    dialogueId: integer()
      .notNull()
      .references(() => dialogues.id),
    position: integer().notNull(),
    question: text().notNull(),
    askedBy: text(),
    answer: text(),
    answeredBy: text(),
  },
  (t) => [index('dialogue_questions_dialogue_idx').on(t.dialogueId, t.position)],
);

/** A follow-up commitment: the task that carries it (lead unit, deadline, progress live on the task). */
export const dialogueCommitments = pgTable(
  'dialogue_commitments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    dialogueId: integer()
      .notNull()
      .references(() => dialogues.id),
    questionId: integer().references(() => dialogueQuestions.id),
    text: text().notNull(),
    leadUnitId: integer()
      .notNull()
      .references(() => units.id),
    dueOn: date({ mode: 'string' }).notNull(),
    planItemId: integer().references(() => planItems.id),
  },
  (t) => [index('dialogue_commitments_dialogue_idx').on(t.dialogueId)],
);
