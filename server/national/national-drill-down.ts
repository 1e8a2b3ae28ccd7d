import { AppError, msg } from '../../core/errors.ts';
import { parseSort } from '../../core/list.ts';
import {
  addNationalCounters,
  emptyNationalCounters,
  NATIONAL_INDICATORS,
  type NationalCounters,
  nationalFigure,
} from '../../core/national/national-indicators.ts';
import type { CommuneRow, ProvinceDrillDown } from '../../core/national/national-views.ts';
import { rankByFigure } from '../../core/national/ranking.ts';
import { subtreeTotals } from '../../core/national/unit-totals.ts';
import { isoDate, parsePeriod } from '../../core/periods/periods.ts';
import { compareVietnamese, foldVietnamese } from '../../core/text/vietnamese.ts';
import { nowOf } from '../clock.ts';
import { assertReadsNational } from './national-access.ts';
import { loadProvinces, loadUnits, type SharedUnitRow } from './national-queries.ts';
import {
  completenessOf,
  databaseFigures,
  type FigureSource,
  freshnessOf,
  indicatorOrRefuse,
  type NationalContext,
  presentIndicator,
  resolvePeriod,
} from './national-service.ts';

export interface DrillDownInput {
  code: string;
  indicator: string;
  period?: string | undefined;
  q?: string | undefined;
  sort: string;
  page: number;
  perPage: number;
}

/** The communes in force at some time in the period (a commune merged away mid-year is still there). */
function inForceDuring(unit: SharedUnitRow, periodCode: string): boolean {
  const period = parsePeriod(periodCode);
  if (!period) return false;
  const first = isoDate(period.year, period.firstMonth, 1);
  const last = isoDate(period.year, period.lastMonth + 1, 0);
  return unit.validFrom <= last && (unit.validTo === null || unit.validTo >= first);
}

/**
 * One province's communes on an indicator: each commune's figure (its own rows and the units under
 * it), ranked among all the province's communes before any search, so a commune keeps its rank when
 * found by name; searched without diacritics (name or official code), sorted, paged (core/list.ts).
 */
export async function provinceDrillDown(
  ctx: NationalContext,
  input: DrillDownInput,
  source: FigureSource = databaseFigures(ctx),
): Promise<ProvinceDrillDown> {
  assertReadsNational(ctx.user);
  const indicator = indicatorOrRefuse(input.indicator);
  const [province] = await loadProvinces(ctx.db, input.code);
  if (!province)
    throw new AppError(
      'NOT_FOUND',
      msg(
        `Tỉnh mã ${input.code} chưa chia sẻ số liệu với hệ thống này.`,
        `The province with the code ${input.code} shares no figures with this installation.`,
      ),
    );
  const { selection, periods } = await resolvePeriod(ctx, input.period, source);
  const [units, byUnit] = await Promise.all([
    loadUnits(ctx.db, province.provinceCode),
    source.counters(selection, { province: province.provinceCode, byUnit: true }),
  ]);
  const prefix = `${province.provinceCode}|`;
  const own = new Map<string, NationalCounters>();
  const provinceTotal = emptyNationalCounters();
  for (const [key, value] of byUnit) {
    if (!key.startsWith(prefix)) continue;
    own.set(key.slice(prefix.length), value);
    addNationalCounters(provinceTotal, value);
  }
  const totals = subtreeTotals(units, own);
  const communes = units
    .filter((unit) => unit.type === 'commune' && inForceDuring(unit, selection.code))
    .map((unit) => {
      const unitCounters = totals.get(unit.unitKey) ?? emptyNationalCounters();
      return { unit, counters: unitCounters, figure: nationalFigure(indicator, unitCounters) };
    });
  const ranked = rankByFigure(communes, (row) => row.figure, indicator.better);
  const rows: CommuneRow[] = ranked.map(({ item, rank, unranked }) => ({
    unitKey: item.unit.unitKey,
    code: item.unit.unitCode,
    name: item.unit.name,
    ...item.figure,
    rank,
    unranked,
    completeness: completenessOf(item.counters),
  }));
  const query = input.q ? foldVietnamese(input.q) : '';
  const found = query
    ? rows.filter((row) => foldVietnamese(row.name).includes(query) || (row.code ?? '').startsWith(query))
    : rows;
  const { field, direction } = parseSort(input.sort);
  const sign = direction === 'asc' ? 1 : -1;
  // Unranked communes (nothing under the ratio) stay at the end whichever way rank or value is sorted.
  const byMissingLast = (a: number | null, b: number | null) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : sign * (a - b);
  const sorted = [...found].sort((a, b) => {
    const first =
      field === 'name'
        ? sign * compareVietnamese(a.name, b.name)
        : field === 'value'
          ? byMissingLast(a.value, b.value)
          : byMissingLast(a.rank, b.rank);
    return first || compareVietnamese(a.name, b.name);
  });
  const start = (input.page - 1) * input.perPage;
  return {
    period: selection.code,
    periods,
    now: nowOf(ctx).toISOString(),
    province: {
      code: province.provinceCode,
      name: province.name,
      freshness: freshnessOf(province, nowOf(ctx)),
    },
    indicators: NATIONAL_INDICATORS.map(presentIndicator),
    indicator: presentIndicator(indicator),
    total: nationalFigure(indicator, provinceTotal),
    ranked: rows.filter((row) => row.rank !== null).length,
    communes: {
      items: sorted.slice(start, start + input.perPage),
      page: input.page,
      perPage: input.perPage,
      total: found.length,
    },
  };
}
