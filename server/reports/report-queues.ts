import { and, asc, desc, eq, inArray, isNull, like, type SQL, sql } from 'drizzle-orm';
import { scopeRoots } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { parseSort } from '../../core/list.ts';
import { periodsToPick } from '../../core/periods/period-choices.ts';
import type { ReportStatus } from '../../core/reports/report.ts';
import { addDays, todayInVietnam } from '../../core/text/dates.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { rootsScope, scopeCondition } from '../auth/scope.ts';
import { todayOf } from '../clock.ts';
import { countRows, listTotal, totalOver } from '../db/list-total.ts';
import { reports, units, users } from '../db/schema/index.ts';
import { loadReportingCalendar } from './calendar-settings.ts';
import { REPORTING_TYPES, type ReportContext } from './report-service.ts';

/** How far back and ahead the inbox looks for reports falling due. */
const INBOX_DAYS_BACK = 120;
const INBOX_DAYS_AHEAD = 60;
/** A user who reports for a whole subtree sees at most this many units in the inbox. */
const INBOX_UNITS = 200;

const inScope = (roots: string[]): SQL => scopeCondition(rootsScope(roots, units.path));

/**
 * What the user's units have to write: every report falling due from four months ago to two months
 * ahead, for each unit the user may write for, with its state. Those still to write or waiting for
 * the head come first, earliest due first; sent ones follow so the unit sees what became of them.
 */
export async function reportInbox(ctx: ReportContext) {
  const roots = scopeRoots(ctx.user.grants, 'reports.write');
  const today = todayOf(ctx);
  if (roots.length === 0) return { today, items: [] };
  const calendar = await loadReportingCalendar(ctx.db);
  // The periods open, due or overdue (this year's and last year's, whose year report falls due in
  // December), those a unit writes — quarters, halves, years — falling due in the inbox's span.
  const [from, to] = [addDays(today, -INBOX_DAYS_BACK), addDays(today, INBOX_DAYS_AHEAD)];
  const year = Number(today.slice(0, 4));
  const windows = [year - 1, year]
    .flatMap((each) => periodsToPick(each, today, calendar.regime, calendar.calendar))
    .filter((period) => period.kind !== 'month' && period.due >= from && period.due <= to)
    .sort((a, b) => a.due.localeCompare(b.due));
  const mine = await ctx.db
    .select({ id: units.id, name: units.name, type: units.type })
    .from(units)
    .where(and(isNull(units.validTo), inArray(units.type, REPORTING_TYPES), inScope(roots)))
    .orderBy(sql`${units.name} collate vi`)
    .limit(INBOX_UNITS);
  if (mine.length === 0 || windows.length === 0) return { today, items: [] };
  const existing = await ctx.db
    .select({
      id: reports.id,
      unitId: reports.unitId,
      periodCode: reports.periodCode,
      status: reports.status,
      reason: reports.reason,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .where(
      and(
        inArray(
          reports.unitId,
          mine.map((unit) => unit.id),
        ),
        inArray(
          reports.periodCode,
          windows.map((window) => window.code),
        ),
      ),
    );
  const byKey = new Map(existing.map((report) => [`${report.unitId}:${report.periodCode}`, report]));
  const items = mine.flatMap((unit) =>
    windows.map((window) => {
      const report = byKey.get(`${unit.id}:${window.code}`);
      const status = (report?.status ?? null) as ReportStatus | null;
      const toWrite = status === null || status === 'draft' || status === 'returned';
      // Presented to the head: no longer the reporter's to write, not sent yet either.
      const awaitingHead = status === 'presented';
      return {
        unit,
        period: window,
        report: report
          ? {
              id: report.id,
              status: report.status as ReportStatus,
              reason: report.reason,
              submittedOn: report.submittedAt ? todayInVietnam(report.submittedAt) : null,
            }
          : null,
        toWrite,
        awaitingHead,
        overdue: (toWrite || awaitingHead) && window.deadline < today,
      };
    }),
  );
  const isOpen = (item: { toWrite: boolean; awaitingHead: boolean }) => item.toWrite || item.awaitingHead;
  items.sort(
    (a, b) =>
      Number(isOpen(b)) - Number(isOpen(a)) ||
      (isOpen(a) ? a.period.due.localeCompare(b.period.due) : b.period.due.localeCompare(a.period.due)),
  );
  return { today, items };
}

const QUEUE_SORTS = {
  submittedAt: reports.submittedAt,
  periodCode: reports.periodCode,
  unit: sql`${units.name} collate vi`,
} as const;
export const QUEUE_SORT_FIELDS = Object.keys(QUEUE_SORTS) as [keyof typeof QUEUE_SORTS];

/**
 * The coordinator's review queue: reports sent and waiting for a decision, across periods, oldest
 * first by default, in the units the coordinator reviews; searchable by unit name without diacritics.
 */
export async function reviewQueue(
  ctx: ReportContext,
  options: { page: number; perPage: number; sort: string; q?: string; period?: string },
) {
  const roots = scopeRoots(ctx.user.grants, 'reports.review');
  if (roots.length === 0) throw new AppError('FORBIDDEN');
  const calendar = await loadReportingCalendar(ctx.db);
  // A period that is not one is a 400 naming the field, never a filter silently dropped.
  const period = options.period ? calendar.windowOf(options.period, 'period') : null;
  const where = and(
    eq(reports.status, 'submitted'),
    inScope(roots),
    period ? eq(reports.periodCode, period.code) : undefined,
    options.q ? like(units.nameSearch, searchPattern(options.q)) : undefined,
  );
  const { field, direction } = parseSort(options.sort);
  const column = QUEUE_SORTS[field as keyof typeof QUEUE_SORTS] ?? reports.submittedAt;
  const rows = await ctx.db
    .select({
      id: reports.id,
      periodCode: reports.periodCode,
      submittedAt: reports.submittedAt,
      unitId: units.id,
      unitName: units.name,
      unitType: units.type,
      submittedBy: users.fullName,
      total: totalOver(),
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .leftJoin(users, eq(users.id, reports.submittedBy))
    .where(where)
    .orderBy(direction === 'desc' ? desc(column) : asc(column), asc(reports.id))
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage);
  return {
    items: rows.map((row) => {
      const window = calendar.windowOf(row.periodCode);
      const submittedOn = row.submittedAt ? todayInVietnam(row.submittedAt) : null;
      return {
        id: row.id,
        period: window,
        unit: { id: row.unitId, name: row.unitName, type: row.unitType },
        submittedOn,
        submittedBy: row.submittedBy,
        onTime: submittedOn ? submittedOn <= window.deadline : null,
      };
    }),
    page: options.page,
    perPage: options.perPage,
    total: await listTotal(rows, options, () =>
      ctx.db
        .select({ n: countRows() })
        .from(reports)
        .innerJoin(units, eq(units.id, reports.unitId))
        .where(where),
    ),
  };
}
