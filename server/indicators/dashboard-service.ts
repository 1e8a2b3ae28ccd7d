import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Permission, scopeRoots } from '../../core/auth/roles.ts';
import { dossierQuarter } from '../../core/dossiers/dossier-values.ts';
import { fieldError, msg } from '../../core/errors.ts';
import {
  addCounters,
  DOSSIER_COUNTERS,
  type DossierCounters,
  type DossierIndicatorCode,
  dossierFigure,
  emptyCounters,
  isDossierIndicator,
} from '../../core/indicators/dossier-indicators.ts';
import { isQuarterCode, quartersEndingAt } from '../../core/indicators/quarters.ts';
import { asTarget, resolveTarget, type StoredTarget } from '../../core/indicators/target-resolution.ts';
import {
  TARGET_STATUS,
  type Target,
  type TargetStatus,
  targetStatus,
} from '../../core/indicators/targets.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import type { Db } from '../db/engine.ts';
import { ReadCache } from '../db/read-cache.ts';
import { dossierRollups, indicators, indicatorTargets, units } from '../db/schema/index.ts';
import {
  assertOpen,
  assertReadsIndicators,
  currentPaths,
  type IndicatorContext,
  type UnitRef,
} from './indicator-access.ts';

/** Eight quarters of trend: two years, so a quarter can be read against the same quarter last year. */
export const TREND_QUARTERS = 8;

type Status = TargetStatus | null;

export interface Kpi {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  numerator: number;
  denominator: number | null;
  rate: number | null;
  target: Target | null;
  /** null when no target applies. */
  status: Status;
  colour: string | null;
}

export interface DossierDashboard {
  unit: { id: number; name: string; type: string };
  period: string;
  periods: string[];
  breadcrumbs: { id: number; name: string }[];
  kpis: Kpi[];
  trend: { period: string; values: Record<string, number | null> }[];
  children: {
    unit: { id: number; name: string; type: string };
    values: Record<
      string,
      { numerator: number; denominator: number | null; rate: number | null; status: Status }
    >;
  }[];
}

/** The latest quarter any roll-up has, or the current one on an empty installation. */
export async function latestQuarter(db: Db): Promise<string> {
  const [row] = await db
    .select({ period: sql<string | null>`max(${dossierRollups.periodCode})` })
    .from(dossierRollups)
    .where(sql`${dossierRollups.periodCode} ~ '^[0-9]{4}Q[1-4]$'`);
  return row?.period ?? dossierQuarter(Date.now());
}

const counterSums = Object.fromEntries(
  DOSSIER_COUNTERS.map((name) => [name, sql<number>`sum(${dossierRollups[name]})::float8`]),
) as Record<(typeof DOSSIER_COUNTERS)[number], ReturnType<typeof sql<number>>>;

export interface UnitCounters {
  /** Today's unit carrying the figures (a closed unit's successor), by its path. */
  unitPath: string;
  periodCode: string;
  counters: DossierCounters;
}

/**
 * Counters per unit and quarter for every unit, closed ones moved to their successors. Reads only the
 * roll-ups, summed over procedure fields, never raw dossiers.
 */
export async function loadUnitCounters(db: Db, periods: string[]): Promise<UnitCounters[]> {
  // Grouped by unit and quarter only (no join): the aggregate is the whole cost, paths come after.
  const rows = await db
    .select({ unitId: dossierRollups.unitId, periodCode: dossierRollups.periodCode, ...counterSums })
    .from(dossierRollups)
    .where(inArray(dossierRollups.periodCode, periods))
    .groupBy(dossierRollups.unitId, dossierRollups.periodCode);
  const paths = await currentPaths(db, [...new Set(rows.map((row) => row.unitId))]);
  return rows.flatMap((row) => {
    const unitPath = paths.get(row.unitId);
    if (!unitPath) return [];
    const counters = emptyCounters();
    for (const name of DOSSIER_COUNTERS) counters[name] = Number(row[name]);
    return [{ unitPath, periodCode: row.periodCode, counters }];
  });
}

export type CounterSource = (periods: string[]) => Promise<UnitCounters[]>;

/**
 * One aggregate of the whole roll-up table per window of quarters, kept until any data changes: every
 * drill-down (province, commune, another commune…) over the same quarters is then arithmetic in memory.
 */
export function cachedCounterSource(db: Db, cacheMs: number): CounterSource {
  // Roll-ups and unit paths: no narrow change (a report sent) touches them.
  const cache = new ReadCache<UnitCounters[]>({ maxEntries: 32, maxAgeMs: cacheMs, dependsOn: [] });
  return (periods) => cache.get(periods.join(','), () => loadUnitCounters(db, periods));
}

function statusOf(
  rate: number | null,
  target: StoredTarget | null,
): { status: Status; colour: string | null } {
  if (!target) return { status: null, colour: null };
  const status = targetStatus(rate, asTarget(target));
  return { status, colour: TARGET_STATUS[status].colour };
}

/** From the highest unit of the user's scope (under the read permission) down to the unit. */
export async function breadcrumbsOf(
  ctx: IndicatorContext,
  unit: UnitRef,
  permission: Permission = 'indicators.read',
) {
  const roots = scopeRoots(ctx.user.grants, permission);
  const ids = pathIds(unit.path);
  // From the highest unit of the user's scope on this path down to the unit.
  const root = roots.find((rootPath) => unit.path.startsWith(rootPath)) ?? unit.path;
  const visible = ids.slice(Math.max(0, pathIds(root).length - 1));
  const rows = await ctx.db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, visible));
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return visible.map((id) => ({ id, name: names.get(id) ?? '' }));
}

export async function dossierDashboard(
  ctx: IndicatorContext,
  query: { unitId?: number; period?: string },
  counterSource: CounterSource = (periods) => loadUnitCounters(ctx.db, periods),
  /** Quarters of trend up to the asked one (the leader's overview shows none: 1, a eighth of the reading). */
  trendQuarters = TREND_QUARTERS,
): Promise<DossierDashboard> {
  const unit = await assertReadsIndicators(ctx, query.unitId);
  assertOpen(unit);
  const period = query.period?.toUpperCase() ?? (await latestQuarter(ctx.db));
  if (!isQuarterCode(period))
    throw fieldError(
      'period',
      msg('Kỳ phải là một quý, ví dụ 2026Q1.', 'The period must be a quarter, e.g. 2026Q1.'),
    );
  const periods = quartersEndingAt(period, trendQuarters);

  const [catalogue, targetRows, childUnits, counters, breadcrumbs] = await Promise.all([
    ctx.db
      .select()
      .from(indicators)
      .where(eq(indicators.source, 'dossiers'))
      .orderBy(asc(indicators.position)),
    ctx.db.select().from(indicatorTargets),
    ctx.db
      .select({ id: units.id, name: units.name, type: units.type, path: units.path })
      .from(units)
      .where(and(eq(units.parentId, unit.id), isNull(units.validTo)))
      .orderBy(sql`${units.name} collate vi`),
    counterSource(periods),
    breadcrumbsOf(ctx, unit),
  ]);
  const codes = catalogue.map((entry) => entry.code).filter(isDossierIndicator) as DossierIndicatorCode[];
  const targets = targetRows as StoredTarget[];

  // Totals per quarter for the unit, and per child for the asked quarter: counters add, rates come last.
  const depth = pathIds(unit.path).length;
  const byPeriod = new Map(periods.map((code) => [code, emptyCounters()]));
  const byChild = new Map(childUnits.map((child) => [child.id, emptyCounters()]));
  for (const row of counters) {
    if (!row.unitPath.startsWith(unit.path)) continue;
    const total = byPeriod.get(row.periodCode);
    if (total) addCounters(total, row.counters);
    if (row.periodCode !== period) continue;
    const child = byChild.get(pathIds(row.unitPath)[depth] ?? -1);
    if (child) addCounters(child, row.counters);
  }

  const current = byPeriod.get(period) ?? emptyCounters();
  const subject = { unitId: unit.id, unitType: unit.type, periodCode: period };
  const kpis = codes.map((code): Kpi => {
    const entry = catalogue.find((indicator) => indicator.code === code);
    const figure = dossierFigure(code, current);
    const target = resolveTarget(targets, { ...subject, indicatorCode: code });
    return {
      code,
      nameVi: entry?.nameVi ?? code,
      nameEn: entry?.nameEn ?? code,
      measureUnit: entry?.measureUnit ?? '',
      ...figure,
      target: target ? asTarget(target) : null,
      ...statusOf(figure.rate, target),
    };
  });
  return {
    unit: { id: unit.id, name: unit.name, type: unit.type },
    period,
    periods,
    breadcrumbs,
    kpis,
    trend: periods.map((code) => {
      const totals = byPeriod.get(code) ?? emptyCounters();
      return {
        period: code,
        values: Object.fromEntries(codes.map((c) => [c, dossierFigure(c, totals).rate])),
      };
    }),
    children: childUnits.map((child) => {
      const totals = byChild.get(child.id) ?? emptyCounters();
      const childSubject = { unitId: child.id, unitType: child.type, periodCode: period };
      return {
        unit: { id: child.id, name: child.name, type: child.type },
        values: Object.fromEntries(
          codes.map((code) => {
            const figure = dossierFigure(code, totals);
            const target = resolveTarget(targets, { ...childSubject, indicatorCode: code });
            return [code, { ...figure, status: statusOf(figure.rate, target).status }];
          }),
        ),
      };
    }),
  };
}
