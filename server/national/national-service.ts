import type { Grant } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import { quartersOfPeriod } from '../../core/indicators/quarters.ts';
import {
  addNationalCounters,
  emptyNationalCounters,
  NATIONAL_INDICATORS,
  type NationalCounters,
  type NationalFigure,
  type NationalIndicator,
  nationalFigure,
  nationalIndicator,
} from '../../core/national/national-indicators.ts';
import { nationalPeriods, quarterOf } from '../../core/national/national-periods.ts';
import type {
  Completeness,
  NationalDashboard,
  NationalIndicatorView,
  NationalRanking,
  ProvinceColumn,
} from '../../core/national/national-views.ts';
import { rankByFigure } from '../../core/national/ranking.ts';
import { parsePeriod } from '../../core/periods/periods.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { readSubscriptions } from '../federation/federation-settings.ts';
import { assertReadsNational } from './national-access.ts';
import {
  type CountersByKey,
  loadCounters,
  loadPeriodCodes,
  loadProvinces,
  type PeriodSelection,
  type ProvinceRow,
} from './national-queries.ts';

export interface NationalContext extends ServiceContext {
  user: { grants: readonly Grant[] };
}

/** A province is said to be out of date when its figures or its heartbeat are older than this. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** Where the sums come from: the database, or a cache in front of it (the routes keep one). */
export interface FigureSource {
  counters(period: PeriodSelection, options: { province?: string; byUnit?: boolean }): Promise<CountersByKey>;
  /** Every period code any province has figures or reports for. */
  periodCodes(): Promise<string[]>;
}

export function databaseFigures(ctx: ServiceContext): FigureSource {
  return {
    counters: (period, options) => loadCounters(ctx.db, period, options),
    periodCodes: () => loadPeriodCodes(ctx.db),
  };
}

export function presentIndicator(indicator: NationalIndicator): NationalIndicatorView {
  const { code, nameVi, nameEn, kind, better, source } = indicator;
  return { code, nameVi, nameEn, kind, better, source };
}

export function selectionOf(code: string): PeriodSelection {
  const period = parsePeriod(code);
  if (!period || period.kind === 'month')
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Kỳ "${code}" không đọc được: dùng một quý, 6 tháng hoặc một năm (2026Q1, 2026S1, 2026).`,
        `The period "${code}" cannot be read: use a quarter, a half or a year (2026Q1, 2026S1, 2026).`,
      ),
    );
  return { code: period.code, quarters: quartersOfPeriod(period.code), year: period.year };
}

/** The asked period, or the newest quarter any province has data for (today's quarter when none has). */
export async function resolvePeriod(
  ctx: NationalContext,
  asked: string | undefined,
  source: FigureSource,
): Promise<{ selection: PeriodSelection; periods: string[] }> {
  const periods = nationalPeriods(await source.periodCodes());
  const code = asked ?? periods.find((candidate) => /Q\d$/.test(candidate)) ?? quarterOf(todayOf(ctx));
  return { selection: selectionOf(code), periods };
}

export function freshnessOf(row: ProvinceRow, now: Date) {
  const asOf = new Date(Math.min(row.refreshedAt.getTime(), row.heartbeatAt.getTime()));
  return {
    refreshedAt: row.refreshedAt.toISOString(),
    heartbeatAt: row.heartbeatAt.toISOString(),
    asOf: asOf.toISOString(),
    isStale: now.getTime() - asOf.getTime() > STALE_AFTER_MS,
  };
}

export function completenessOf(counters: Readonly<NationalCounters>): Completeness {
  return {
    expected: counters.reportsExpected,
    sent: counters.reportsSent,
    onTime: counters.reportsOnTime,
  };
}

function figuresOf(counters: Readonly<NationalCounters>): Map<string, NationalFigure> {
  return new Map(
    NATIONAL_INDICATORS.map((indicator) => [indicator.code, nationalFigure(indicator, counters)]),
  );
}

/**
 * Every province side by side for a period: its freshness, every indicator (numerator, denominator,
 * value and its rank among the provinces), its report completeness; and the national totals (the
 * counters summed, never the provinces' rates averaged).
 */
export async function nationalDashboard(
  ctx: NationalContext,
  input: { period?: string | undefined },
  source: FigureSource = databaseFigures(ctx),
): Promise<NationalDashboard> {
  assertReadsNational(ctx.user);
  const { selection, periods } = await resolvePeriod(ctx, input.period, source);
  const [provinces, byProvince, subscriptions] = await Promise.all([
    loadProvinces(ctx.db),
    source.counters(selection, {}),
    readSubscriptions(ctx.db),
  ]);
  const now = nowOf(ctx);
  const columns = provinces.map((row) => {
    const own = byProvince.get(row.provinceCode) ?? emptyNationalCounters();
    return { row, counters: own, figures: figuresOf(own) };
  });
  const ranks = new Map<string, Map<string, { rank: number | null; unranked: 'no_denominator' | null }>>();
  for (const indicator of NATIONAL_INDICATORS) {
    const ranked = rankByFigure(
      columns,
      (column) => column.figures.get(indicator.code) as NationalFigure,
      indicator.better,
    );
    ranks.set(
      indicator.code,
      new Map(ranked.map(({ item, rank, unranked }) => [item.row.provinceCode, { rank, unranked }])),
    );
  }
  const total = emptyNationalCounters();
  for (const column of columns) addNationalCounters(total, column.counters);
  const provinceColumns: ProvinceColumn[] = columns.map(({ row, counters: own, figures }) => ({
    code: row.provinceCode,
    name: row.name,
    freshness: freshnessOf(row, now),
    figures: Object.fromEntries(
      NATIONAL_INDICATORS.map((indicator) => [
        indicator.code,
        {
          ...(figures.get(indicator.code) as NationalFigure),
          ...(ranks.get(indicator.code)?.get(row.provinceCode) ?? { rank: null, unranked: null }),
        },
      ]),
    ),
    completeness: completenessOf(own),
  }));
  return {
    instance: subscriptions.provinces.length > 0 ? 'national' : 'province',
    period: selection.code,
    periods,
    now: now.toISOString(),
    indicators: NATIONAL_INDICATORS.map(presentIndicator),
    provinces: provinceColumns,
    national: {
      figures: Object.fromEntries(figuresOf(total)),
      completeness: completenessOf(total),
      provinces: provinces.length,
    },
  };
}

export function indicatorOrRefuse(code: string): NationalIndicator {
  const indicator = nationalIndicator(code);
  if (!indicator)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(`Không có chỉ tiêu mã ${code}.`, `No indicator with the code ${code}.`),
    );
  return indicator;
}

/** The provinces ranked on one indicator, best first; those with nothing under a ratio last, unranked. */
export async function nationalRanking(
  ctx: NationalContext,
  input: { indicator: string; period?: string | undefined },
  source: FigureSource = databaseFigures(ctx),
): Promise<NationalRanking> {
  assertReadsNational(ctx.user);
  const indicator = indicatorOrRefuse(input.indicator);
  const { selection } = await resolvePeriod(ctx, input.period, source);
  const [provinces, byProvince] = await Promise.all([loadProvinces(ctx.db), source.counters(selection, {})]);
  const rows = provinces.map((row) => ({
    code: row.provinceCode,
    name: row.name,
    figure: nationalFigure(indicator, byProvince.get(row.provinceCode) ?? emptyNationalCounters()),
  }));
  return {
    period: selection.code,
    indicator: presentIndicator(indicator),
    items: rankByFigure(rows, (row) => row.figure, indicator.better).map(({ item, rank, unranked }) => ({
      code: item.code,
      name: item.name,
      ...item.figure,
      rank,
      unranked,
    })),
  };
}
