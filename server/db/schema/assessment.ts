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
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Framework } from '../../../core/frameworks/framework.ts';
import { users } from './accounts.ts';
import { units } from './units.ts';

/** Framework versions: the shipped ones (national indices) and a province's own, as data. */
export const frameworks = pgTable(
  'frameworks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    fromYear: integer().notNull(),
    toYear: integer(),
    nameVi: text().notNull(),
    status: text().notNull(),
    /** The whole tree, in the shape of core/frameworks/framework.ts. */
    definition: jsonb().$type<Framework>().notNull(),
    /** Shipped with Chiso (reference/frameworks) rather than made by the province. */
    builtIn: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('frameworks_code_year_idx').on(t.code, t.fromYear)],
);

/** A round of assessment: a framework version applied to a set of units, stage by stage. */
export const assessmentRounds = pgTable(
  'assessment_rounds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    frameworkId: integer()
      .notNull()
      .references(() => frameworks.id),
    /** The unit that runs the round (the province's coordinator unit): its subtree is in scope. */
    ownerUnitId: integer()
      .notNull()
      .references(() => units.id),
    name: text().notNull(),
    year: integer().notNull(),
    stage: text().notNull().default('self'),
    /** Last day (ISO) of each stage's inputs. */
    deadlines: jsonb().$type<Record<string, string>>().notNull(),
    bonusCap: doublePrecision().notNull().default(0),
    penaltyCap: doublePrecision().notNull().default(0),
    /** How the ranking treats units that never sent their self-assessment (core/frameworks/scoring.ts). */
    nonSubmitters: text().notNull().default('excluded'),
    publishedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'assessment_rounds_stage_check',
      sql`${t.stage} in ('self', 'appraisal1', 'explanation', 'appraisal2', 'final', 'published')`,
    ),
    check('assessment_rounds_non_submitters_check', sql`${t.nonSubmitters} in ('excluded', 'zero')`),
  ],
);

/** A unit assessed in a round, with its bonus and penalty points. */
export const roundUnits = pgTable(
  'round_units',
  {
    roundId: integer()
      .notNull()
      .references(() => assessmentRounds.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    selfSubmittedAt: timestamp({ withTimezone: true }),
    bonus: doublePrecision().notNull().default(0),
    penalty: doublePrecision().notNull().default(0),
    adjustmentReason: text(),
    version: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId] }), index('round_units_unit_idx').on(t.unitId)],
);

/** One criterion of one unit in a round: the unit's score, the appraisal, the exchange between them. */
export const roundScores = pgTable(
  'round_scores',
  {
    roundId: integer()
      .notNull()
      .references(() => assessmentRounds.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    criterionCode: text().notNull(),
    selfScore: doublePrecision(),
    selfComment: text(),
    appraisedScore: doublePrecision(),
    appraisalReason: text(),
    /** Set when the appraiser returns the criterion to the unit for explanation. */
    returnedReason: text(),
    explanation: text(),
    /** When the council entered the criterion in the second appraisal: an explained criterion without it waits. */
    reappraisedAt: timestamp({ withTimezone: true }),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId, t.criterionCode] })],
);
