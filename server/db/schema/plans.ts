import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
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
import type { PlanParts } from '../../../core/plans/types.ts';
import { users } from './accounts.ts';
import { assessmentRounds } from './assessment.ts';
import { indicators } from './dossiers.ts';
import { units } from './units.ts';

/**
 * A plan (Kế hoạch) of a unit: the document's particulars and, for a unit's own plan made in answer to
 * a provincial one, the plan it implements (cascading).
 */
export const plans = pgTable(
  'plans',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    parentPlanId: integer().references((): AnyPgColumn => plans.id),
    number: text(),
    type: text(),
    issuedOn: date({ mode: 'string' }),
    place: text(),
    issuer: text(),
    signer: text(),
    title: text().notNull(),
    /** Diacritic-free title and number for search. */
    titleSearch: text().notNull(),
    year: integer().notNull(),
    indices: jsonb().$type<string[]>().notNull().default([]),
    /** A unit's own plan starts as a draft ('draft'); issued ("ban hành") it is 'active'; 'closed' when over. */
    status: text().notNull().default('active'),
    /** When the plan was issued in Chiso (the app's clock): a unit's answer is judged on time or late by it. */
    issuedAt: timestamp({ withTimezone: true }),
    issuedBy: integer().references(() => users.id),
    /** By when each unit below must submit its own plan implementing this one. */
    childPlansDue: date({ mode: 'string' }),
    /** Who asked the units for their plans (set the deadline): told when each unit issues its own. */
    childPlansAskedBy: integer().references((): AnyPgColumn => users.id),
    warnings: jsonb().$type<string[]>().notNull().default([]),
    /**
     * The document's parts around its tasks, as the .docx writes them: the basis (căn cứ), purposes and
     * requirements, the organisation section, the recipients (null: a plan read without them).
     */
    parts: jsonb().$type<PlanParts>(),
    /** A remediation plan: the assessment round whose weak criteria it answers. */
    remediatesRoundId: integer().references(() => assessmentRounds.id),
    /**
     * How much of a task's progress is the lead unit's own report (0–100); the rest is the mean
     * progress of the units' tasks that carry it out in their own plans, when there are any.
     */
    leadShare: doublePrecision().notNull().default(100),
    /** Since when the plan is on the public site (null: not public); who put it there. */
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: integer().references((): AnyPgColumn => users.id),
    version: integer().notNull().default(1),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plans_unit_idx').on(t.unitId),
    index('plans_parent_idx').on(t.parentPlanId),
    index('plans_remediates_idx').on(t.remediatesRoundId),
    check('plans_status_check', sql`${t.status} in ('draft', 'active', 'closed')`),
    check('plans_lead_share_check', sql`${t.leadShare} >= 0 and ${t.leadShare} <= 100`),
  ],
);

/** Sections and tasks of a plan, in document order, as a tree. */
export const planItems = pgTable(
  'plan_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    parentId: integer().references((): AnyPgColumn => planItems.id),
    position: integer().notNull(),
    ref: text().notNull(),
    kind: text().notNull(),
    text: text().notNull(),
    /** Diacritic-free text for search. */
    textSearch: text().notNull().default(''),
    indexCode: text(),
    /** Framework criterion the item improves ("PAPI.5", "PAR.3"). */
    criterionCode: text(),
    /** Agencies as the document names them (kept even when mapped to units). */
    leadNames: jsonb().$type<string[]>().notNull().default([]),
    supportNames: jsonb().$type<string[]>().notNull().default([]),
    due: date({ mode: 'string' }),
    recurrence: text(),
    status: text().notNull().default('not_started'),
    progress: doublePrecision().notNull().default(0),
    weight: doublePrecision().notNull().default(1),
    note: text(),
    implementsItemId: integer().references((): AnyPgColumn => planItems.id),
    /** In a remediation plan: the criterion the task is to bring to full marks ("XA.3.2", "PAPI.5"). */
    remediesCriterion: text(),
    version: integer().notNull().default(1),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_items_plan_idx').on(t.planId, t.position),
    index('plan_items_implements_idx').on(t.implementsItemId),
    check('plan_items_kind_check', sql`${t.kind} in ('section', 'task')`),
    check('plan_items_status_check', sql`${t.status} in ('not_started', 'in_progress', 'done', 'cancelled')`),
    check('plan_items_progress_check', sql`${t.progress} >= 0 and ${t.progress} <= 100`),
  ],
);

/** The units that lead (chủ trì) or coordinate (phối hợp) a task. */
export const planItemUnits = pgTable(
  'plan_item_units',
  {
    itemId: integer()
      .notNull()
      .references(() => planItems.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    role: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.unitId, t.role] }),
    index('plan_item_units_unit_idx').on(t.unitId),
    check('plan_item_units_role_check', sql`${t.role} in ('lead', 'support')`),
  ],
);

/** Numeric targets (chỉ tiêu) a plan sets. */
export const planTargets = pgTable(
  'plan_targets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id),
    ref: text().notNull(),
    text: text().notNull(),
    op: text().notNull(),
    value: doublePrecision().notNull(),
    unit: text().notNull(),
    level: text(),
    /** The catalogue indicator the target measures, when it is one (a unit's own target). */
    indicatorCode: text().references(() => indicators.code),
    /** The period it is set for ("2026Q4", "2026"); null: the plan's whole term. */
    periodCode: text(),
    version: integer().notNull().default(1),
  },
  (t) => [index('plan_targets_plan_idx').on(t.planId)],
);

/**
 * Agency names as plans write them ("Sở TT&TT", "UBND cấp huyện") mapped once to an organisation unit,
 * so the next import resolves them by itself. `unitId` null: the name is known to match no unit.
 */
export const agencyAliases = pgTable(
  'agency_aliases',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Diacritic-free, lower-case name. */
    nameKey: text().notNull(),
    name: text().notNull(),
    unitId: integer().references(() => units.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agency_aliases_name_idx').on(t.nameKey)],
);
