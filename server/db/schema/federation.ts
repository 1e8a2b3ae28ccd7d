import { date, doublePrecision, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What a province shares upward, in a schema of its own (`federation`): aggregates and official
 * codes only — never a person's name, phone or e-mail, a citizen's words or an evidence file.
 *
 * A province's Chiso keeps these tables equal to a recomputation from its own data (rows changed only
 * when a figure changed, so logical replication ships only what changed) and publishes them
 * (`npx chiso federation publish`). A national Chiso subscribes to every province's publication into
 * the same tables: every row carries its `province_code` in its primary key, so 34 provinces' rows
 * never collide, and a unit is named by its official code (`unit_key`; a unit without one, e.g. a
 * department, by "u" and its id in the province's own database).
 */
export const federation = pgSchema('federation');

/** One row per province: when its figures were last recomputed, and a heartbeat while it publishes. */
export const fedProvinces = federation.table('provinces', {
  provinceCode: text().primaryKey(),
  name: text().notNull(),
  /** When the province last recomputed what it shares (its figures are as of then). */
  refreshedAt: timestamp({ withTimezone: true }).notNull(),
  /** Written every minute while the province publishes: the national view says how fresh it is. */
  heartbeatAt: timestamp({ withTimezone: true }).notNull(),
  /** The Chiso version that wrote it (the national instance must be at least as new). */
  chisoVersion: text().notNull(),
});

export const fedUnits = federation.table(
  'units',
  {
    provinceCode: text().notNull(),
    /** The official code (DVHC for province and communes), or "u<id>" for a unit without one. */
    unitKey: text().notNull(),
    /** The official code when the unit has one. */
    unitCode: text(),
    name: text().notNull(),
    type: text().notNull(),
    parentKey: text(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitKey] })],
);

/** The reporting periods the province asks reports for, with their deadline. */
export const fedPeriods = federation.table(
  'periods',
  {
    provinceCode: text().notNull(),
    /** "2026Q1", "2026S1", "2026". */
    periodCode: text().notNull(),
    dueOn: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.periodCode] })],
);

/** `dossier_rollups` by unit key instead of id: the counters the dossier indicators are computed from. */
export const fedDossierRollups = federation.table(
  'dossier_rollups',
  {
    provinceCode: text().notNull(),
    unitKey: text().notNull(),
    field: text().notNull(),
    periodCode: text().notNull(),
    received: integer().notNull(),
    receivedOnline: integer().notNull(),
    receivedOnlineFull: integer().notNull(),
    receivedDigitised: integer().notNull(),
    finished: integer().notNull(),
    finishedOnTime: integer().notNull(),
    finishedEarly: integer().notNull(),
    finishedLate: integer().notNull(),
    lateApologised: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitKey, t.field, t.periodCode] })],
);

/** Citizens' feedback counted by the unit that handles it and the quarter it arrived in. */
export const fedFeedbackRollups = federation.table(
  'feedback_rollups',
  {
    provinceCode: text().notNull(),
    unitKey: text().notNull(),
    periodCode: text().notNull(),
    received: integer().notNull(),
    /** Answered or closed with an outcome. */
    closed: integer().notNull(),
    closedOnTime: integer().notNull(),
    /** Still open at the time of the recomputation. */
    open: integer().notNull(),
    openOverdue: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitKey, t.periodCode] })],
);

/** Satisfaction surveys (SIPAS) counted by the unit surveyed and the quarter of the response. */
export const fedSurveyRollups = federation.table(
  'survey_rollups',
  {
    provinceCode: text().notNull(),
    unitKey: text().notNull(),
    periodCode: text().notNull(),
    /** Responses that count (sent, not held out). */
    responses: integer().notNull(),
    /** Of them, satisfied overall (more than half of their scored answers satisfied). */
    satisfied: integer().notNull(),
    /**
     * The satisfaction index's parts: the scores of every scored answer (each 0–1: a satisfied choice 1,
     * a scale's position) summed, and how many answers were scored. Index = score ÷ answers.
     */
    satisfiedScore: doublePrecision().notNull(),
    scoredAnswers: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitKey, t.periodCode] })],
);

/** Each unit expected to report for a period, and whether and when it did. */
export const fedReportCompleteness = federation.table(
  'report_completeness',
  {
    provinceCode: text().notNull(),
    unitKey: text().notNull(),
    periodCode: text().notNull(),
    /** 'missing' | 'draft' | 'submitted' | 'accepted' (returned counts as draft). */
    status: text().notNull(),
    submittedAt: timestamp({ withTimezone: true }),
    /** Sent on or before the period's deadline. */
    onTime: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitKey, t.periodCode] })],
);

/** Published assessment results: a unit's total in a published round of a framework. */
export const fedAssessmentResults = federation.table(
  'assessment_results',
  {
    provinceCode: text().notNull(),
    unitKey: text().notNull(),
    /** The framework's code ("PAR_INDEX_XA"…) and the round's year. */
    frameworkCode: text().notNull(),
    year: integer().notNull(),
    score: doublePrecision().notNull(),
    maxScore: doublePrecision().notNull(),
    /** Rank among the round's units (1 = best). */
    rank: integer(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitKey, t.frameworkCode, t.year] })],
);

/** Plan tasks counted by the unit that leads them, the plan's year and the task's state. */
export const fedPlanTaskStatuses = federation.table(
  'plan_task_statuses',
  {
    provinceCode: text().notNull(),
    unitKey: text().notNull(),
    year: integer().notNull(),
    /** 'not_started' | 'in_progress' | 'done' | 'overdue' (overdue: not done past its deadline). */
    status: text().notNull(),
    tasks: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitKey, t.year, t.status] })],
);
