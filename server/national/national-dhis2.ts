import { AppError, msg } from '../../core/errors.ts';
import {
  buildDataValueSet,
  type Dhis2DataValueSet,
  type Dhis2OrgUnitFigures,
} from '../../core/national/dhis2.ts';
import {
  hasSourceData,
  NATIONAL_INDICATORS,
  type NationalCounters,
  type NationalFigure,
  nationalFigure,
} from '../../core/national/national-indicators.ts';
import { subtreeTotals } from '../../core/national/unit-totals.ts';
import { assertReadsNational } from './national-access.ts';
import { loadProvinces, loadUnits } from './national-queries.ts';
import { databaseFigures, type FigureSource, type NationalContext, selectionOf } from './national-service.ts';

export interface Dhis2Export {
  period: string;
  set: Dhis2DataValueSet;
  /** Org units written (provinces and units with an official code). */
  orgUnits: number;
  /** Units with figures but no official code (departments…): left out; their figures are in the province's. */
  omittedUnits: number;
}

function figuresOf(counters: Readonly<NationalCounters>): Map<string, NationalFigure> {
  return new Map(
    NATIONAL_INDICATORS.filter((indicator) => hasSourceData(indicator, counters)).map((indicator) => [
      indicator.code,
      nationalFigure(indicator, counters),
    ]),
  );
}

/**
 * The period's aggregates as a DHIS2 data value set (docs/dhis2.md): each province (its code) with
 * all its units' figures, then each of its units that has an official code with its subtree's; the
 * indicators whose source counted anything there.
 */
export async function dhis2Export(
  ctx: NationalContext,
  input: { period: string; province?: string | undefined },
  source: FigureSource = databaseFigures(ctx),
): Promise<Dhis2Export> {
  assertReadsNational(ctx.user);
  const selection = selectionOf(input.period);
  const provinces = await loadProvinces(ctx.db, input.province);
  if (input.province && provinces.length === 0)
    throw new AppError(
      'NOT_FOUND',
      msg(
        `Tỉnh mã ${input.province} chưa chia sẻ số liệu với hệ thống này.`,
        `The province with the code ${input.province} shares no figures with this installation.`,
      ),
    );
  const only = input.province ? { province: input.province } : {};
  const [byProvince, byUnit, units] = await Promise.all([
    source.counters(selection, only),
    source.counters(selection, { ...only, byUnit: true }),
    loadUnits(ctx.db, input.province),
  ]);
  const orgUnits: Dhis2OrgUnitFigures[] = [];
  let omittedUnits = 0;
  for (const province of provinces) {
    const code = province.provinceCode;
    const total = byProvince.get(code);
    if (total) orgUnits.push({ orgUnit: code, figures: figuresOf(total) });
    const prefix = `${code}|`;
    const own = new Map<string, NationalCounters>();
    for (const [key, value] of byUnit) if (key.startsWith(prefix)) own.set(key.slice(prefix.length), value);
    const provinceUnits = units.filter((unit) => unit.provinceCode === code);
    const totals = subtreeTotals(provinceUnits, own);
    const officialCode = new Map(provinceUnits.map((unit) => [unit.unitKey, unit.unitCode]));
    const written: Dhis2OrgUnitFigures[] = [];
    for (const [unitKey, unitTotals] of totals) {
      // The province's own unit is the province, written above with all its units' figures.
      if (unitKey === code) continue;
      const official = officialCode.get(unitKey);
      if (!official) {
        omittedUnits += 1;
        continue;
      }
      written.push({ orgUnit: official, figures: figuresOf(unitTotals) });
    }
    written.sort((a, b) => a.orgUnit.localeCompare(b.orgUnit));
    orgUnits.push(...written);
  }
  return {
    period: selection.code,
    set: buildDataValueSet(selection.code, NATIONAL_INDICATORS, orgUnits),
    orgUnits: orgUnits.length,
    omittedUnits,
  };
}
