import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { fieldError, msg } from '../../core/errors.ts';
import {
  addTally,
  emptyTally,
  type FeedbackTally,
  type KpiItem,
  kpisOfTally,
  tallyFeedback,
} from '../../core/feedback/kpi.ts';
import type { FeedbackOutcome, FeedbackStatus } from '../../core/feedback/workflow.ts';
import { ratePercent } from '../../core/indicators/rollup.ts';
import { asTarget, resolveTarget, type StoredTarget } from '../../core/indicators/target-resolution.ts';
import { targetStatus } from '../../core/indicators/targets.ts';
import { regimeOf } from '../../core/periods/calendar-settings.ts';
import { parsePeriod, periodWindow } from '../../core/periods/periods.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import { todayOf } from '../clock.ts';
import type { Db, DbOrTx } from '../db/engine.ts';
import { feedbackItems, indicatorTargets, units } from '../db/schema/index.ts';
import { currentPaths } from '../indicators/indicator-access.ts';
import { getRegimeSettings } from '../reports/calendar-settings.ts';
import { assertReadsUnitFeedback, type FeedbackContext } from './feedback-access.ts';

/** A unit's tally: the petitions it answers (a merged unit's under the unit carrying it today). */
export interface UnitTally {
  unitId: number;
  path: string;
  type: string | null;
  tally: FeedbackTally;
}

export interface DateRange {
  from: string;
  to: string;
}

/**
 * The petitions received in a date range, tallied per unit answering them, as they stand on `asOf`:
 * one read serves a report, the overview or a board. Complaints and denunciations have their own
 * procedures and are not in these figures.
 */
export async function feedbackTallies(db: Db, range: DateRange, asOf: string): Promise<UnitTally[]> {
  const rows = await db
    .select({
      unitId: feedbackItems.handlingUnitId,
      status: feedbackItems.status,
      outcome: feedbackItems.outcome,
      receivedOn: feedbackItems.receivedOn,
      answerDueOn: feedbackItems.dueOn,
      answeredOn: feedbackItems.answeredOn,
      rating: feedbackItems.rating,
    })
    .from(feedbackItems)
    .where(
      and(
        eq(feedbackItems.procedure, 'petition'),
        gte(feedbackItems.receivedOn, range.from),
        lte(feedbackItems.receivedOn, range.to),
      ),
    );
  const itemsByUnit = new Map<number, KpiItem[]>();
  for (const { unitId, ...row } of rows) {
    const items = itemsByUnit.get(unitId) ?? [];
    items.push({
      ...row,
      status: row.status as FeedbackStatus,
      outcome: row.outcome as FeedbackOutcome | null,
      rating: row.rating as KpiItem['rating'],
    });
    itemsByUnit.set(unitId, items);
  }
  if (itemsByUnit.size === 0) return [];
  const paths = await currentPaths(db, [...itemsByUnit.keys()]);
  const byCurrent = new Map<string, FeedbackTally>();
  for (const [unitId, items] of itemsByUnit) {
    const path = paths.get(unitId);
    if (!path) continue;
    byCurrent.set(path, addTally(byCurrent.get(path) ?? emptyTally(), tallyFeedback(items, asOf)));
  }
  const ids = [...byCurrent.keys()].map((path) => pathIds(path).at(-1) ?? 0);
  const types = new Map(
    (await db.select({ id: units.id, type: units.type }).from(units).where(inArray(units.id, ids))).map(
      (row) => [row.id, row.type],
    ),
  );
  return [...byCurrent].map(([path, tally]) => {
    const unitId = pathIds(path).at(-1) ?? 0;
    return { unitId, path, type: types.get(unitId) ?? null, tally };
  });
}

/** The tally of a unit's whole subtree, of the unit types given (null: all). */
export function subtreeTally(
  tallies: readonly UnitTally[],
  path: string,
  unitTypes: readonly string[] | null = null,
): FeedbackTally {
  const total = emptyTally();
  for (const entry of tallies) {
    if (!entry.path.startsWith(path)) continue;
    if (unitTypes && !(entry.type && unitTypes.includes(entry.type))) continue;
    addTally(total, entry.tally);
  }
  return total;
}

/** A reporting period's data window under the province's regime (15th to 14th by default). */
export async function periodRange(db: DbOrTx, periodCode: string): Promise<DateRange | null> {
  const period = parsePeriod(periodCode);
  if (!period) return null;
  const window = periodWindow(period, regimeOf(await getRegimeSettings(db)));
  return { from: window.dataFrom, to: window.dataTo };
}

/** The tallies of a reporting period (its data window), as they stand on `asOf`. */
export async function periodTallies(db: Db, periodCode: string, asOf: string): Promise<UnitTally[]> {
  const range = await periodRange(db, periodCode);
  return range ? feedbackTallies(db, range, asOf) : [];
}

export interface FiguresQuery {
  unitId: number;
  /** The first and last day of receipt (default: the current year). */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * A unit's figures over the petitions its subtree answers, received in a date range (default: this
 * year), as they stand today: on-time, resolved and satisfied as numerator/denominator ("closed" is
 * counted apart and never read as resolved), median days, overdue; the on-time target that applies;
 * and the same per unit directly below it that had any petition, the most overdue first.
 */
export async function feedbackFigures(ctx: FeedbackContext, query: FiguresQuery) {
  const unit = await assertReadsUnitFeedback(ctx, query.unitId);
  const today = todayOf(ctx);
  const year = today.slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (from > to)
    throw fieldError(
      'to',
      msg('Ngày cuối phải sau ngày đầu của khoảng thời gian.', 'The last day must come after the first.'),
    );
  const [tallies, children, targets] = await Promise.all([
    feedbackTallies(ctx.db, { from, to }, today),
    ctx.db
      .select({ id: units.id, name: units.name, type: units.type, path: units.path })
      .from(units)
      .where(and(eq(units.parentId, unit.id), isNull(units.validTo))),
    ctx.db.select().from(indicatorTargets),
  ]);
  const periodCode = from.slice(0, 4);
  const figuresOf = (subject: { id: number; type: string }, tally: FeedbackTally) => {
    const target = resolveTarget(targets as StoredTarget[], {
      indicatorCode: 'FEEDBACK_ON_TIME',
      unitId: subject.id,
      unitType: subject.type,
      periodCode,
    });
    const kpis = kpisOfTally(tally);
    return {
      items: tally.counters.arrived,
      closed: tally.counters.closed,
      ...kpis,
      onTimeTarget: target ? asTarget(target) : null,
      onTimeStatus: target ? targetStatus(ratePercent(kpis.onTime), asTarget(target)) : null,
    };
  };
  const own = tallies.filter((entry) => entry.path === unit.path);
  const rows = [
    ...(own.length > 0
      ? [
          {
            unit: { id: unit.id, name: unit.name, type: unit.type },
            own: true,
            tally: subtreeTally(own, unit.path),
          },
        ]
      : []),
    ...children.map((child) => ({
      unit: { id: child.id, name: child.name, type: child.type },
      own: false,
      tally: subtreeTally(tallies, child.path),
    })),
  ].filter((row) => row.tally.counters.arrived > 0);
  return {
    unitId: unit.id,
    from,
    to,
    ...figuresOf(unit, subtreeTally(tallies, unit.path)),
    units: rows
      .map((row) => ({ unit: row.unit, own: row.own, ...figuresOf(row.unit, row.tally) }))
      .sort((a, b) => b.overdue - a.overdue || collator.compare(a.unit.name, b.unit.name)),
  };
}

const collator = new Intl.Collator('vi');
