import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { units } from './units.ts';

/**
 * A community project (công trình do dân đóng góp) of a commune: what is built where and by whom, the
 * households' decision adopting it (Luật 10/2022 Điều 21: households asked and agreeing), its budget by
 * source, progress, the Fatherland Front's decision setting up its supervision board and its final
 * accounts. Money is whole đồng (bigint). Published (`publishedAt`), it shows on /cong-khai/cong-trinh.
 * Each line below carries its own version, so two people recording different lines never collide.
 */
const dong = () => bigint({ mode: 'number' });

const stamps = {
  version: integer().notNull().default(1),
  updatedBy: integer().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const projects = pgTable(
  'projects',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    name: text().notNull(),
    location: text(),
    purpose: text(),
    investor: text(),
    decisionNumber: text(),
    decidedOn: date({ mode: 'string' }),
    households: integer(),
    agreed: integer(),
    budgetStateBudget: dong().notNull().default(0),
    budgetResidents: dong().notNull().default(0),
    budgetSponsors: dong().notNull().default(0),
    budgetOther: dong().notNull().default(0),
    status: text().notNull().default('preparing'),
    progress: integer().notNull().default(0),
    startedOn: date({ mode: 'string' }),
    finishedOn: date({ mode: 'string' }),
    boardDecisionNumber: text(),
    boardDecidedOn: date({ mode: 'string' }),
    accountsNumber: text(),
    accountsOn: date({ mode: 'string' }),
    accountsReceipts: dong(),
    accountsPayments: dong(),
    accountsNote: text(),
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: integer().references(() => users.id),
    /** Folded name and place, for search without diacritics. */
    search: text().notNull(),
    createdBy: integer().references(() => users.id),
    ...stamps,
  },
  (t) => [
    index('projects_unit_idx').on(t.unitId),
    check('projects_status_check', sql`${t.status} in ('preparing', 'building', 'completed', 'settled')`),
    check('projects_progress_check', sql`${t.progress} between 0 and 100`),
    check(
      'projects_households_check',
      sql`${t.agreed} is null or ${t.households} is null or ${t.agreed} between 0 and ${t.households}`,
    ),
  ],
);

/** A household's contribution: money (đồng), land (m²) or labour (days), with its agreed value. */
export const projectContributions = pgTable(
  'project_contributions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    household: text().notNull(),
    village: text(),
    kind: text().notNull(),
    quantity: dong().notNull(),
    value: dong(),
    contributedOn: date({ mode: 'string' }).notNull(),
    /** The household agreed to have its name published. */
    consent: boolean().notNull().default(false),
    note: text(),
    ...stamps,
  },
  (t) => [
    index('project_contributions_project_idx').on(t.projectId),
    check('project_contributions_kind_check', sql`${t.kind} in ('money', 'land', 'labour')`),
    check('project_contributions_quantity_check', sql`${t.quantity} > 0`),
  ],
);

/** Money received from another source than the households (state budget, sponsors, other). */
export const projectReceipts = pgTable(
  'project_receipts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    source: text().notNull(),
    amount: dong().notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    note: text(),
    ...stamps,
  },
  (t) => [
    index('project_receipts_project_idx').on(t.projectId),
    check('project_receipts_source_check', sql`${t.source} in ('state_budget', 'sponsors', 'other')`),
    check('project_receipts_amount_check', sql`${t.amount} > 0`),
  ],
);

export const projectPayments = pgTable(
  'project_payments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    paidOn: date({ mode: 'string' }).notNull(),
    payee: text().notNull(),
    purpose: text().notNull(),
    amount: dong().notNull(),
    voucher: text(),
    ...stamps,
  },
  (t) => [
    index('project_payments_project_idx').on(t.projectId),
    check('project_payments_amount_check', sql`${t.amount} > 0`),
  ],
);

/** A member of the community supervision board, as the Fatherland Front's decision names them. */
export const projectBoardMembers = pgTable(
  'project_board_members',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    name: text().notNull(),
    role: text().notNull(),
    side: text().notNull(),
    note: text(),
    ...stamps,
  },
  (t) => [
    index('project_board_members_project_idx').on(t.projectId),
    check('project_board_members_role_check', sql`${t.role} in ('head', 'deputy', 'member')`),
    check('project_board_members_side_check', sql`${t.side} in ('front', 'inspection', 'residents')`),
  ],
);

/** The board's notice or inspection record (finding, recommendation) and the commune's answer to it. */
export const projectNotices = pgTable(
  'project_notices',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    kind: text().notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    finding: text().notNull(),
    recommendation: text(),
    answeredOn: date({ mode: 'string' }),
    answer: text(),
    ...stamps,
  },
  (t) => [
    index('project_notices_project_idx').on(t.projectId),
    check('project_notices_kind_check', sql`${t.kind} in ('notice', 'inspection')`),
  ],
);
