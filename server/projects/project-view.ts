import { asc, eq } from 'drizzle-orm';
import {
  type ContributionKind,
  checkAccounts,
  type ProjectStatus,
  progressIssue,
  projectBooks,
  type ReceiptSource,
} from '../../core/projects/books.ts';
import type { NoticeKind } from '../../core/projects/project-schemas.ts';
import {
  adoptionVerdict,
  answerTiming,
  type BoardRole,
  type BoardSide,
  boardIssues,
} from '../../core/projects/rules.ts';
import type { DbOrTx } from '../db/engine.ts';
import {
  projectBoardMembers,
  projectContributions,
  projectNotices,
  projectPayments,
  projectReceipts,
} from '../db/schema/index.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import type { ProjectRow } from './project-access.ts';

/**
 * A project read whole, with what the rules make of it: the adoption's verdict, the books, the
 * board's composition, each notice's answer against its legal time (working-day calendar of the
 * installation), the final accounts against the books. The staff's page shows all of it; the public
 * page (`project-public.ts`) shows a part of it, never a household that did not agree to be named.
 */
export type ProjectView = Awaited<ReturnType<typeof projectView>>;

export function projectRecord(project: ProjectRow) {
  return {
    name: project.name,
    location: project.location,
    purpose: project.purpose,
    investor: project.investor,
    decisionNumber: project.decisionNumber,
    decidedOn: project.decidedOn,
    households: project.households,
    agreed: project.agreed,
    budgetStateBudget: project.budgetStateBudget,
    budgetResidents: project.budgetResidents,
    budgetSponsors: project.budgetSponsors,
    budgetOther: project.budgetOther,
    status: project.status as ProjectStatus,
    progress: project.progress,
    startedOn: project.startedOn,
    finishedOn: project.finishedOn,
    boardDecisionNumber: project.boardDecisionNumber,
    boardDecidedOn: project.boardDecidedOn,
    accountsNumber: project.accountsNumber,
    accountsOn: project.accountsOn,
    accountsReceipts: project.accountsReceipts,
    accountsPayments: project.accountsPayments,
    accountsNote: project.accountsNote,
  };
}

const lineStamp = (row: { id: number; version: number }) => ({ id: row.id, version: row.version });

export async function projectView(
  db: DbOrTx,
  loaded: { project: ProjectRow; unitName: string },
  today: string,
) {
  const { project, unitName } = loaded;
  const id = project.id;
  // One after the other: `db` may be a transaction's single connection.
  const contributions = await db
    .select()
    .from(projectContributions)
    .where(eq(projectContributions.projectId, id))
    .orderBy(asc(projectContributions.contributedOn), asc(projectContributions.id));
  const receipts = await db
    .select()
    .from(projectReceipts)
    .where(eq(projectReceipts.projectId, id))
    .orderBy(asc(projectReceipts.receivedOn), asc(projectReceipts.id));
  const payments = await db
    .select()
    .from(projectPayments)
    .where(eq(projectPayments.projectId, id))
    .orderBy(asc(projectPayments.paidOn), asc(projectPayments.id));
  const members = await db
    .select()
    .from(projectBoardMembers)
    .where(eq(projectBoardMembers.projectId, id))
    .orderBy(asc(projectBoardMembers.id));
  const notices = await db
    .select()
    .from(projectNotices)
    .where(eq(projectNotices.projectId, id))
    .orderBy(asc(projectNotices.receivedOn), asc(projectNotices.id));
  const { calendar } = await loadReportingCalendar(db);

  const contributionLines = contributions.map((row) => ({
    ...lineStamp(row),
    household: row.household,
    village: row.village,
    kind: row.kind as ContributionKind,
    quantity: row.quantity,
    value: row.value,
    contributedOn: row.contributedOn,
    consent: row.consent,
    note: row.note,
  }));
  const receiptLines = receipts.map((row) => ({
    ...lineStamp(row),
    source: row.source as ReceiptSource,
    amount: row.amount,
    receivedOn: row.receivedOn,
    note: row.note,
  }));
  const paymentLines = payments.map((row) => ({
    ...lineStamp(row),
    paidOn: row.paidOn,
    payee: row.payee,
    purpose: row.purpose,
    amount: row.amount,
    voucher: row.voucher,
  }));
  const memberLines = members.map((row) => ({
    ...lineStamp(row),
    name: row.name,
    role: row.role as BoardRole,
    side: row.side as BoardSide,
    note: row.note,
  }));
  const noticeLines = notices.map((row) => ({
    ...lineStamp(row),
    kind: row.kind as NoticeKind,
    receivedOn: row.receivedOn,
    finding: row.finding,
    recommendation: row.recommendation,
    answeredOn: row.answeredOn,
    answer: row.answer,
    timing: answerTiming(
      {
        receivedOn: row.receivedOn,
        hasRecommendation: row.recommendation !== null,
        answeredOn: row.answeredOn,
      },
      today,
      calendar,
    ),
  }));
  const books = projectBooks({
    contributions: contributionLines,
    receipts: receiptLines,
    payments: paymentLines,
  });
  const record = projectRecord(project);
  const adoption = adoptionVerdict(record);
  const accounts =
    record.accountsReceipts !== null && record.accountsPayments !== null
      ? checkAccounts({ receipts: record.accountsReceipts, payments: record.accountsPayments }, books)
      : null;
  return {
    id,
    unitId: project.unitId,
    unitName,
    ...record,
    publishedAt: project.publishedAt?.toISOString() ?? null,
    version: project.version,
    updatedAt: project.updatedAt.toISOString(),
    adoption: {
      verdict: adoption.verdict,
      rule: adoption.rule && {
        numerator: adoption.rule.numerator,
        denominator: adoption.rule.denominator,
        basis: adoption.rule.basis,
        note: adoption.rule.note,
      },
    },
    progressIssue: progressIssue(record.status, record.progress),
    books,
    accounts,
    boardIssues: boardIssues(memberLines),
    contributions: contributionLines,
    receipts: receiptLines,
    payments: paymentLines,
    members: memberLines,
    notices: noticeLines,
  };
}
