import { and, asc, desc, eq, ilike, inArray, isNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { dossierQuarter } from '../../core/dossiers/dossier-values.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { daysLate, isLate } from '../../core/indicators/dossier-indicators.ts';
import { isQuarterCode } from '../../core/indicators/quarters.ts';
import { type ListResult, parseSort } from '../../core/list.ts';
import { parsePeriod, periodWindow } from '../../core/periods/periods.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { dossierRollups, dossiers, procedures, units } from '../db/schema/index.ts';
import { assertChangesDossier } from '../dossiers/dossier-access.ts';
import { latestQuarter } from './dashboard-service.ts';
import {
  assertOpen,
  assertReadsIndicators,
  attributeClosed,
  type IndicatorContext,
} from './indicator-access.ts';

export const LATE_SORTS = ['daysLate', 'receivedAt', 'dueAt', 'finishedAt', 'code'] as const;

export interface LateDossier {
  code: string;
  unit: { id: number; name: string };
  procedureCode: string;
  procedureName: string | null;
  field: string;
  channel: string;
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  /** Finished after its due time, or still open past it at the end of the period. */
  lateness: 'finished_late' | 'overdue';
  daysLate: number;
  apologyIssued: boolean;
}

/** A quarter's data window as instants: from 00:00 on its first day to 00:00 after its last, Vietnam time. */
function windowOf(periodCode: string): { from: Date; to: Date } {
  const period = parsePeriod(periodCode);
  if (!period || !isQuarterCode(periodCode))
    throw fieldError(
      'period',
      msg('Kỳ phải là một quý, ví dụ 2026Q1.', 'The period must be a quarter, e.g. 2026Q1.'),
    );
  const window = periodWindow(period);
  const to = new Date(`${window.dataTo}T00:00:00+07:00`);
  return { from: new Date(`${window.dataFrom}T00:00:00+07:00`), to: new Date(to.getTime() + 86_400_000) };
}

/** Closed units whose figures today belong inside the subtree at `path` (merged communes…). */
async function closedUnitsInto(db: Db, path: string): Promise<number[]> {
  const closed = await db.select({ id: units.id }).from(units).where(sql`${units.validTo} is not null`);
  const attributed = await attributeClosed(
    db,
    closed.map((row) => row.id),
  );
  return [...attributed].filter(([, current]) => current.path.startsWith(path)).map(([id]) => id);
}

export interface LateQuery {
  unitId?: number;
  /** Default: the latest quarter with data, as on the dashboard. */
  period?: string | undefined;
  /** A dossier code or a procedure name, any part of it. */
  q?: string | undefined;
  apology?: 'missing' | 'issued';
  page: number;
  perPage: number;
  sort: string;
}

export async function findLateDossiers(
  ctx: IndicatorContext,
  query: LateQuery,
): Promise<ListResult<LateDossier>> {
  const unit = await assertReadsIndicators(ctx, query.unitId);
  assertOpen(unit);
  const { from, to } = windowOf(query.period?.toUpperCase() ?? (await latestQuarter(ctx.db)));
  // Late as of now, or as of the end of a past period.
  const asOf = new Date(Math.min(nowOf(ctx).getTime(), to.getTime()));
  const closedIds = await closedUnitsInto(ctx.db, unit.path);
  const inSubtree =
    closedIds.length > 0
      ? (or(like(units.path, `${unit.path}%`), inArray(dossiers.unitId, closedIds)) as SQL)
      : like(units.path, `${unit.path}%`);
  const lateInPeriod = or(
    sql`${dossiers.finishedAt} >= ${from} and ${dossiers.finishedAt} < ${to} and ${dossiers.finishedAt} > ${dossiers.dueAt}`,
    and(isNull(dossiers.finishedAt), lt(dossiers.dueAt, asOf), lt(dossiers.receivedAt, to)),
  ) as SQL;
  const apology =
    query.apology === undefined ? undefined : eq(dossiers.apologyIssued, query.apology === 'issued');
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const search = pattern ? or(ilike(dossiers.code, pattern), ilike(procedures.name, pattern)) : undefined;
  const where = and(inSubtree, lateInPeriod, apology, search);
  const lateDays = sql<number>`ceil(extract(epoch from (coalesce(${dossiers.finishedAt}, ${asOf}) - ${dossiers.dueAt})) / 86400)`;
  const { field, direction } = parseSort(query.sort);
  const column = {
    daysLate: lateDays,
    receivedAt: dossiers.receivedAt,
    dueAt: dossiers.dueAt,
    finishedAt: dossiers.finishedAt,
    code: dossiers.code,
  }[field as (typeof LATE_SORTS)[number]];
  const order = direction === 'desc' ? desc(column ?? dossiers.code) : asc(column ?? dossiers.code);
  const rows = await ctx.db
    .select({
      code: dossiers.code,
      unitId: dossiers.unitId,
      unitName: units.name,
      procedureCode: dossiers.procedureCode,
      procedureName: procedures.name,
      field: dossiers.field,
      channel: dossiers.channel,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      finishedAt: dossiers.finishedAt,
      apologyIssued: dossiers.apologyIssued,
      total: totalOver(),
    })
    .from(dossiers)
    .innerJoin(units, eq(units.id, dossiers.unitId))
    .leftJoin(procedures, eq(procedures.code, dossiers.procedureCode))
    .where(where)
    .orderBy(order, asc(dossiers.code))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(dossiers)
      .innerJoin(units, eq(units.id, dossiers.unitId))
      .leftJoin(procedures, eq(procedures.code, dossiers.procedureCode))
      .where(where),
  );
  return {
    items: rows.map(({ total: _total, ...row }) => presentLate(row, asOf)),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

function presentLate(
  row: {
    code: string;
    unitId: number;
    unitName: string;
    procedureCode: string;
    procedureName: string | null;
    field: string;
    channel: string;
    receivedAt: Date;
    dueAt: Date | null;
    finishedAt: Date | null;
    apologyIssued: boolean;
  },
  asOf: Date,
): LateDossier {
  return {
    code: row.code,
    unit: { id: row.unitId, name: row.unitName },
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    field: row.field,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    lateness: row.finishedAt ? 'finished_late' : 'overdue',
    daysLate: daysLate(row, asOf),
    apologyIssued: row.apologyIssued,
  };
}

/**
 * Records that the apology letter (thư xin lỗi) of a late dossier was sent, or withdraws it, and moves
 * the roll-up's `lateApologised` of the quarter the dossier was finished in, in the same transaction.
 */
export async function setApology(ctx: IndicatorContext, code: string, issued: boolean) {
  const dossier = await assertChangesDossier(ctx, code);
  const row = dossier.dossier;
  const now = nowOf(ctx);
  if (!isLate(row, now))
    throw fieldError(
      'issued',
      msg(
        'Hồ sơ không trễ hạn: không cần thư xin lỗi.',
        'The dossier is not late: no apology letter is needed.',
      ),
    );
  if (row.apologyIssued !== issued) {
    await mutate(ctx, async (tx, audit) => {
      const [changed] = await tx
        .update(dossiers)
        .set({ apologyIssued: issued, updatedAt: now })
        .where(and(eq(dossiers.code, code), eq(dossiers.apologyIssued, !issued)))
        .returning({ code: dossiers.code });
      if (!changed) throw new AppError('CONFLICT');
      // Only a dossier finished late is in a roll-up's finishedLate; an open one is counted when it ends.
      if (row.finishedAt) {
        await tx
          .update(dossierRollups)
          .set({ lateApologised: sql`greatest(0, ${dossierRollups.lateApologised} + ${issued ? 1 : -1})` })
          .where(
            and(
              eq(dossierRollups.unitId, row.unitId),
              eq(dossierRollups.field, row.field),
              eq(dossierRollups.periodCode, dossierQuarter(row.finishedAt.getTime())),
            ),
          );
      }
      await audit({
        action: issued ? 'dossier.apology_issued' : 'dossier.apology_withdrawn',
        entityType: 'dossier',
        entityId: code,
        unitId: row.unitId,
        before: { apologyIssued: row.apologyIssued },
        after: { apologyIssued: issued },
      });
    });
  }
  return presentLate(
    {
      ...row,
      unitName: dossier.unit.name,
      procedureName: dossier.procedureName,
      apologyIssued: issued,
    },
    now,
  );
}
