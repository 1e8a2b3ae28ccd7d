import { parsePeriod } from '../periods/periods.ts';
import type { NationalFigure, NationalIndicator } from './national-indicators.ts';

/**
 * The upward report in DHIS2's `dataValueSets` JSON (docs/dhis2.md): one data element per indicator
 * (its code), the numerator and the denominator as two values told apart by the category option
 * combos coded NUMERATOR and DENOMINATOR, the org unit by its official code, the period in DHIS2's
 * ISO form. Imported with `idScheme=CODE`, so no DHIS2 uid is needed on our side.
 */
export const DHIS2_NUMERATOR = 'NUMERATOR';
export const DHIS2_DENOMINATOR = 'DENOMINATOR';

/**
 * A Chiso period code in DHIS2's form: a month "2026M03" → "202603" (yyyyMM); a quarter "2026Q1", a
 * half "2026S1" (DHIS2's SixMonthly yyyySn) and a year "2026" are written the same in both. Null for
 * anything that is not a period.
 */
export function dhis2Period(code: string): string | null {
  const period = parsePeriod(code);
  if (!period) return null;
  if (period.kind === 'month') return `${period.year}${String(period.index).padStart(2, '0')}`;
  return period.code;
}

export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: typeof DHIS2_NUMERATOR | typeof DHIS2_DENOMINATOR;
  /** DHIS2 takes every value as a string: a plain decimal number, never an exponent. */
  value: string;
}

export interface Dhis2DataValueSet {
  dataValues: Dhis2DataValue[];
}

/** One org unit's figures: its official code, and a figure per indicator it has data for. */
export interface Dhis2OrgUnitFigures {
  orgUnit: string;
  figures: ReadonlyMap<string, NationalFigure>;
}

/** A number as DHIS2 reads it: integers as they are, decimals to 6 places without trailing zeros. */
export function dhis2Number(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a number DHIS2 can take: ${value}`);
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * The data value set of a period: for each org unit and indicator (in the catalogue's order), the
 * numerator, and for a ratio the denominator. A count has a numerator only.
 */
export function buildDataValueSet(
  periodCode: string,
  indicators: readonly NationalIndicator[],
  orgUnits: readonly Dhis2OrgUnitFigures[],
): Dhis2DataValueSet {
  const period = dhis2Period(periodCode);
  if (period === null) throw new Error(`not a period: ${periodCode}`);
  const dataValues: Dhis2DataValue[] = [];
  for (const unit of orgUnits) {
    for (const indicator of indicators) {
      const figure = unit.figures.get(indicator.code);
      if (!figure) continue;
      const base = { dataElement: indicator.code, period, orgUnit: unit.orgUnit };
      dataValues.push({
        ...base,
        categoryOptionCombo: DHIS2_NUMERATOR,
        value: dhis2Number(figure.numerator),
      });
      if (figure.denominator !== null)
        dataValues.push({
          ...base,
          categoryOptionCombo: DHIS2_DENOMINATOR,
          value: dhis2Number(figure.denominator),
        });
    }
  }
  return { dataValues };
}
