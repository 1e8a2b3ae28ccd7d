import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { SurveyAnswers, SurveyDefinition } from '../../../core/surveys/survey.ts';
import { users } from './accounts.ts';
import { units } from './units.ts';

/**
 * Questionnaire versions: the shipped SIPAS one and a province's own. A published version is never
 * edited (its responses were given to its words): a change is a new version, drafted from it.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    /** 1, 2, … per code. */
    revision: integer().notNull(),
    nameVi: text().notNull(),
    fromYear: integer().notNull(),
    toYear: integer(),
    status: text().notNull().default('draft'),
    definition: jsonb().$type<SurveyDefinition>().notNull(),
    builtIn: boolean().notNull().default(false),
    publishedAt: timestamp({ withTimezone: true }),
    /** Optimistic concurrency of the draft's edits. */
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('surveys_code_revision_idx').on(t.code, t.revision),
    check('surveys_status_check', sql`${t.status} in ('draft', 'published', 'retired')`),
  ],
);

/**
 * One respondent's answers to one survey version about one unit. No personal data: no address, no
 * name, no IP (only a keyed hash of the sender for the day, to flag repeats). A response tied to a
 * dossier's code is the only one for that dossier. A flagged response is kept, and counted only if a
 * coordinator restores it; an excluded one carries the reason and who excluded it.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    /**
     * "web" (the public page on the citizen's own phone), "kiosk" (the public page on the desk's own
     * device, opened by its link), "paper" (entered by staff), "import" (a file of paper forms).
     */
    source: text().notNull(),
    /** "draft": a citizen's answers in progress (resumable); "submitted": counted. */
    status: text().notNull().default('submitted'),
    answers: jsonb().$type<SurveyAnswers>().notNull(),
    /** When it was answered (submitted, or the date written on the paper form): its period. */
    answeredAt: timestamp({ withTimezone: true }).notNull(),
    dossierCode: text(),
    procedureCode: text(),
    /** The dossier's channel (direct, online_partial, online_full, postal) when tied to one. */
    dossierChannel: text(),
    /** SHA-256 of the citizen's resume token (drafts only; cleared on submit). */
    resumeHash: text(),
    /** Keyed hash of the sender's address and browser for the day: repeats are flagged, not refused. */
    senderHash: text(),
    /** Why it is held out: "repeat", "burst", "too_fast", "straight_line", or a coordinator's reason. */
    excludedReason: text(),
    excludedBy: integer().references(() => users.id),
    excludedAt: timestamp({ withTimezone: true }),
    /** The paper form's own number (số phiếu), unique per unit and survey. */
    paperNumber: text(),
    enteredBy: integer().references(() => users.id),
    /** The import it came with (a file's batch), so a batch can be found again. */
    batch: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('survey_responses_period_idx').on(t.surveyId, t.answeredAt),
    index('survey_responses_unit_idx').on(t.unitId, t.answeredAt),
    uniqueIndex('survey_responses_dossier_idx')
      .on(t.surveyId, t.dossierCode)
      .where(sql`${t.dossierCode} is not null`),
    uniqueIndex('survey_responses_paper_idx')
      .on(t.surveyId, t.unitId, t.paperNumber)
      .where(sql`${t.paperNumber} is not null`),
    uniqueIndex('survey_responses_resume_idx').on(t.resumeHash).where(sql`${t.resumeHash} is not null`),
    check('survey_responses_source_check', sql`${t.source} in ('web', 'kiosk', 'paper', 'import')`),
    check('survey_responses_status_check', sql`${t.status} in ('draft', 'submitted')`),
  ],
);

/**
 * A unit's answer to a citizen's comment (a free-text answer): what it did about it. One per comment
 * (response and question), written by the unit the response is about or above it, edited in versions.
 */
export const surveyCommentReplies = pgTable(
  'survey_comment_replies',
  {
    responseId: integer()
      .notNull()
      .references(() => surveyResponses.id),
    questionCode: text().notNull(),
    text: text().notNull(),
    repliedBy: integer().references(() => users.id),
    repliedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionCode] })],
);
