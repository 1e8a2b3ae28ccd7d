import { and, asc, desc, eq, gte, inArray, isNull, like, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import { parseSort } from '../../core/list.ts';
import type { HostLevel, SessionStatus } from '../../core/reception/labels.ts';
import { ruleInWords } from '../../core/reception/labels.ts';
import { onlineChecklist } from '../../core/reception/online.ts';
import type { ENTRY_SORT_FIELDS, SESSION_SORT_FIELDS } from '../../core/reception/reception-schemas.ts';
import { frequencyCheck, publishTiming } from '../../core/reception/schedule.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { todayOf } from '../clock.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import {
  feedbackItems,
  receptionEntries,
  receptionRules,
  receptionSessions,
  units,
} from '../db/schema/index.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import {
  assertUnit,
  loadSession,
  type ReceptionContext,
  readableUnits,
  underUnit,
} from './reception-access.ts';
import { mayDelegate } from './reception-settings.ts';

/**
 * Reading a unit's reception: its rules (in words), its sessions (with the publish-ahead timing of each),
 * a session with its register lines, the register (search without diacritics, sort, pages by the one
 * list contract; each line with its petition's code, status and outcome), the frequency check against
 * the legal minimum, and the coordinator's compliance board over every unit in scope that has rules.
 */
type Calendar = Awaited<ReturnType<typeof loadReportingCalendar>>['calendar'];
type SessionRow = typeof receptionSessions.$inferSelect;

export async function listRules(ctx: ReceptionContext, unitId: number) {
  await assertUnit(ctx, unitId, 'read');
  const rows = await ctx.db
    .select()
    .from(receptionRules)
    .where(eq(receptionRules.unitId, unitId))
    .orderBy(asc(receptionRules.validFrom), asc(receptionRules.id));
  return rows.map((rule) => ({
    ...rule,
    pattern: ruleInWords({ ...rule, frequency: rule.frequency as 'weekly' | 'monthly' }),
  }));
}

/** A session as lists show it: the timing against the publish-ahead rule as of today. */
function presentSession(session: SessionRow, today: string, calendar: Calendar) {
  const publishedOn = session.publishedAt
    ? new Date(session.publishedAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
    : null;
  const timing = publishTiming(session.on, publishedOn ?? today, calendar);
  return {
    ...session,
    publishedAt: session.publishedAt?.toISOString() ?? null,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    publishedOn,
    publishBy: timing.publishBy,
    /** Published after the last day, or still unpublished past it (only while planned). */
    publishLate: session.status === 'planned' && timing.late,
    publishBasis: timing.basis,
    /** An online session's preparations with their last days (none for one in person). */
    checklist:
      session.mode === 'online'
        ? onlineChecklist(
            {
              on: session.on,
              startTime: session.startTime,
              notifiedOn: session.onlineNotifiedOn,
              testedOn: session.onlineTestedOn,
            },
            today,
            calendar,
          )
        : null,
  };
}

export interface SessionQuery {
  page: number;
  perPage: number;
  sort: string;
  unitId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: SessionStatus | undefined;
}

const SESSION_SORTS: Record<(typeof SESSION_SORT_FIELDS)[number], SQL> = {
  on: sql`${receptionSessions.on}`,
  status: sql`${receptionSessions.status}`,
};

export async function listSessions(ctx: ReceptionContext, query: SessionQuery) {
  const conditions: SQL[] = [readableUnits(ctx)];
  if (query.unitId !== undefined) {
    const unit = await assertUnit(ctx, query.unitId, 'read');
    conditions.push(underUnit(unit.path));
  }
  if (query.from) conditions.push(gte(receptionSessions.on, query.from));
  if (query.to) conditions.push(lte(receptionSessions.on, query.to));
  if (query.status) conditions.push(eq(receptionSessions.status, query.status));
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const column = SESSION_SORTS[field as keyof typeof SESSION_SORTS] ?? SESSION_SORTS.on;
  const rows = await ctx.db
    .select({ session: receptionSessions, unitName: units.name, total: totalOver() })
    .from(receptionSessions)
    .innerJoin(units, eq(units.id, receptionSessions.unitId))
    .where(where)
    .orderBy(direction === 'asc' ? asc(column) : desc(column), asc(receptionSessions.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(receptionSessions)
      .innerJoin(units, eq(units.id, receptionSessions.unitId))
      .where(where),
  );
  const today = todayOf(ctx);
  const { calendar } = await loadReportingCalendar(ctx.db);
  return {
    items: rows.map(({ session, unitName }) => ({ ...presentSession(session, today, calendar), unitName })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

export interface EntryQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
  unitId?: number | undefined;
  year?: number | undefined;
  sessionId?: number | undefined;
  overdue?: boolean | undefined;
}

const ENTRY_SORTS: Record<(typeof ENTRY_SORT_FIELDS)[number], SQL> = {
  number: sql`${receptionEntries.year} * 1000000 + ${receptionEntries.number}`,
  receivedOn: sql`${receptionEntries.receivedOn}`,
  citizenName: sql`${receptionEntries.citizenName} collate vi`,
  noticeDueOn: sql`${receptionEntries.noticeDueOn}`,
  referrerDueOn: sql`${receptionEntries.referrerDueOn}`,
};

const entryColumns = {
  entry: receptionEntries,
  unitName: units.name,
  feedbackCode: feedbackItems.code,
  feedbackStatus: feedbackItems.status,
  feedbackOutcome: feedbackItems.outcome,
  feedbackDueOn: feedbackItems.dueOn,
};

type EntryRow = {
  entry: typeof receptionEntries.$inferSelect;
  unitName: string;
  feedbackCode: string | null;
  feedbackStatus: string | null;
  feedbackOutcome: string | null;
  feedbackDueOn: string | null;
};

function presentEntry(row: EntryRow, today: string) {
  const { search: _search, ...entry } = row.entry;
  return {
    ...entry,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    unitName: row.unitName,
    noticeOverdue: entry.noticedOn === null && entry.noticeDueOn < today,
    /** The transferring body not told by its day (or told after it). */
    referrerLate:
      entry.referrerDueOn !== null &&
      (entry.referrerNotifiedOn === null
        ? entry.referrerDueOn < today
        : entry.referrerNotifiedOn > entry.referrerDueOn),
    feedback:
      row.feedbackCode === null
        ? null
        : {
            id: entry.feedbackId,
            code: row.feedbackCode,
            status: row.feedbackStatus,
            outcome: row.feedbackOutcome,
            dueOn: row.feedbackDueOn,
          },
  };
}

export async function listEntries(ctx: ReceptionContext, query: EntryQuery) {
  const today = todayOf(ctx);
  const conditions: SQL[] = [readableUnits(ctx)];
  if (query.unitId !== undefined) {
    const unit = await assertUnit(ctx, query.unitId, 'read');
    conditions.push(underUnit(unit.path));
  }
  if (query.year !== undefined) conditions.push(eq(receptionEntries.year, query.year));
  if (query.sessionId !== undefined) conditions.push(eq(receptionEntries.sessionId, query.sessionId));
  if (query.overdue) {
    const overdue = or(
      and(isNull(receptionEntries.noticedOn), lt(receptionEntries.noticeDueOn, today)),
      and(isNull(receptionEntries.referrerNotifiedOn), lt(receptionEntries.referrerDueOn, today)),
    );
    if (overdue) conditions.push(overdue);
  }
  if (query.q) conditions.push(like(receptionEntries.search, searchPattern(query.q)));
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const column = ENTRY_SORTS[field as keyof typeof ENTRY_SORTS] ?? ENTRY_SORTS.number;
  const rows = await ctx.db
    .select({ ...entryColumns, total: totalOver() })
    .from(receptionEntries)
    .innerJoin(units, eq(units.id, receptionEntries.unitId))
    .leftJoin(feedbackItems, eq(feedbackItems.id, receptionEntries.feedbackId))
    .where(where)
    // A line with no such date (no follow-up clock) comes last either way.
    .orderBy(
      sql`${column} is null`,
      direction === 'asc' ? asc(column) : desc(column),
      asc(receptionEntries.id),
    )
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(receptionEntries)
      .innerJoin(units, eq(units.id, receptionEntries.unitId))
      .where(where),
  );
  return {
    items: rows.map((row) => presentEntry(row, today)),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

export async function entryDetail(ctx: ReceptionContext, id: number) {
  const [row] = await ctx.db
    .select({ ...entryColumns, unitPath: units.path })
    .from(receptionEntries)
    .innerJoin(units, eq(units.id, receptionEntries.unitId))
    .leftJoin(feedbackItems, eq(feedbackItems.id, receptionEntries.feedbackId))
    .where(eq(receptionEntries.id, id));
  if (!row || !hasPermissionOn(ctx.user.grants, 'feedback.read', row.unitPath))
    throw new AppError(
      'NOT_FOUND',
      msg('Không tìm thấy dòng sổ tiếp công dân.', 'Register entry not found.'),
    );
  return presentEntry(row, todayOf(ctx));
}

/** A session with its register lines, the session it replaces and the one that replaced it. */
export async function sessionDetail(ctx: ReceptionContext, id: number) {
  const { session, unitName, unitPath } = await loadSession(ctx, id, 'read');
  const today = todayOf(ctx);
  const { calendar } = await loadReportingCalendar(ctx.db);
  const entries = await ctx.db
    .select(entryColumns)
    .from(receptionEntries)
    .innerJoin(units, eq(units.id, receptionEntries.unitId))
    .leftJoin(feedbackItems, eq(feedbackItems.id, receptionEntries.feedbackId))
    .where(eq(receptionEntries.sessionId, id))
    .orderBy(asc(receptionEntries.number));
  const [replacement] = await ctx.db
    .select({ id: receptionSessions.id, on: receptionSessions.on })
    .from(receptionSessions)
    .where(eq(receptionSessions.replacesId, id));
  const [replaced] = session.replacesId
    ? await ctx.db
        .select({ id: receptionSessions.id, on: receptionSessions.on })
        .from(receptionSessions)
        .where(eq(receptionSessions.id, session.replacesId))
    : [];
  return {
    ...presentSession(session, today, calendar),
    unitName,
    canHandle: hasPermissionOn(ctx.user.grants, 'feedback.handle', unitPath),
    entries: entries.map((row) => presentEntry(row, today)),
    visitors:
      session.privacy === 'counts'
        ? (session.visitorCount ?? 0)
        : entries.reduce((sum, row) => sum + row.entry.peopleCount, 0),
    delegationAllowed: (await mayDelegate(ctx.db, session.on)).allowed,
    replacedBy: replacement ?? null,
    replaces: replaced ?? null,
  };
}

async function checkOf(ctx: ReceptionContext, unitIds: number[], from: string, to: string) {
  if (unitIds.length === 0) return new Map<number, ReturnType<typeof frequencyCheck>>();
  const { calendar } = await loadReportingCalendar(ctx.db);
  const rules = await ctx.db
    .select({
      unitId: receptionRules.unitId,
      level: receptionRules.hostLevel,
      validFrom: receptionRules.validFrom,
      validTo: receptionRules.validTo,
    })
    .from(receptionRules)
    .where(inArray(receptionRules.unitId, unitIds));
  const sessions = await ctx.db
    .select({
      unitId: receptionSessions.unitId,
      on: receptionSessions.on,
      hostLevel: receptionSessions.hostLevel,
      status: receptionSessions.status,
    })
    .from(receptionSessions)
    .where(
      and(
        inArray(receptionSessions.unitId, unitIds),
        gte(receptionSessions.on, sql`${from}::date - 31`),
        lte(receptionSessions.on, sql`${to}::date + 31`),
      ),
    );
  const result = new Map<number, ReturnType<typeof frequencyCheck>>();
  for (const unitId of unitIds)
    result.set(
      unitId,
      frequencyCheck(
        rules
          .filter((rule) => rule.unitId === unitId)
          .map((rule) => ({ ...rule, level: rule.level as HostLevel })),
        sessions
          .filter((session) => session.unitId === unitId)
          .map((session) => ({
            on: session.on,
            hostLevel: session.hostLevel as HostLevel,
            status: session.status as SessionStatus,
          })),
        from,
        to,
        calendar,
      ),
    );
  return result;
}

function assertPeriod(from: string, to: string) {
  if (from > to)
    throw new AppError('VALIDATION_FAILED', msg('Từ ngày phải trước đến ngày.', 'From must be before to.'));
}

/** A unit's weeks or months against the legal minimum of each host level it schedules. */
export async function unitCheck(ctx: ReceptionContext, query: { unitId: number; from: string; to: string }) {
  await assertUnit(ctx, query.unitId, 'read');
  assertPeriod(query.from, query.to);
  const buckets = (await checkOf(ctx, [query.unitId], query.from, query.to)).get(query.unitId) ?? [];
  return { unitId: query.unitId, from: query.from, to: query.to, buckets };
}

/**
 * The coordinator's board: every unit in scope that has rules, with its weeks or months short of the
 * minimum, its sessions held and planned, the sessions published late (or unpublished past their last
 * day), and its register lines whose notice is overdue.
 */
export async function compliance(ctx: ReceptionContext, query: { from: string; to: string }) {
  assertPeriod(query.from, query.to);
  const today = todayOf(ctx);
  const { calendar } = await loadReportingCalendar(ctx.db);
  const withRules = await ctx.db
    .selectDistinct({ id: units.id, name: units.name, path: units.path })
    .from(receptionRules)
    .innerJoin(units, eq(units.id, receptionRules.unitId))
    .where(readableUnits(ctx))
    .orderBy(units.path);
  const ids = withRules.map((unit) => unit.id);
  const checks = await checkOf(ctx, ids, query.from, query.to);
  const sessions = ids.length
    ? await ctx.db
        .select()
        .from(receptionSessions)
        .where(
          and(
            inArray(receptionSessions.unitId, ids),
            gte(receptionSessions.on, query.from),
            lte(receptionSessions.on, query.to),
          ),
        )
    : [];
  const overdue = ids.length
    ? await ctx.db
        .select({ unitId: receptionEntries.unitId, n: countRows() })
        .from(receptionEntries)
        .where(
          and(
            inArray(receptionEntries.unitId, ids),
            isNull(receptionEntries.noticedOn),
            lt(receptionEntries.noticeDueOn, today),
          ),
        )
        .groupBy(receptionEntries.unitId)
    : [];
  return {
    from: query.from,
    to: query.to,
    units: withRules
      .map((unit) => {
        const own = sessions.filter((session) => session.unitId === unit.id);
        const buckets = checks.get(unit.id) ?? [];
        const late = own.filter((session) => {
          if (session.status !== 'planned' && !session.publishedAt) return false;
          const publishedOn = session.publishedAt
            ? new Date(session.publishedAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
            : today;
          return publishTiming(session.on, publishedOn, calendar).late;
        });
        return {
          unitId: unit.id,
          unitName: unit.name,
          held: own.filter((session) => session.status === 'held').length,
          planned: own.filter((session) => session.status === 'planned').length,
          periods: buckets.length,
          shortPeriods: buckets.filter((bucket) => bucket.short),
          publishedLate: late.length,
          noticeOverdue: overdue.find((row) => row.unitId === unit.id)?.n ?? 0,
        };
      })
      .sort(
        (a, b) => b.shortPeriods.length - a.shortPeriods.length || a.unitName.localeCompare(b.unitName, 'vi'),
      ),
  };
}
