import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from './catalogue.ts';
import {
  addCounters,
  DOSSIER_INDICATOR_CODES,
  daysLate,
  dossierFigure,
  emptyCounters,
  isLate,
} from './dossier-indicators.ts';
import { checkEnteredValue } from './indicator-schemas.ts';
import { quartersEndingAt, quartersOfPeriod } from './quarters.ts';

const catalogue = parseCatalogue(
  JSON.parse(readFileSync(new URL('../../reference/indicators/catalogue.json', import.meta.url), 'utf8')),
);

describe('dossier indicators from roll-up counters', () => {
  it('on time, early and apology rates are their counters over the right denominators', () => {
    const counters = { ...emptyCounters(), finished: 200, finishedOnTime: 190, finishedEarly: 150 };
    counters.finishedLate = 10;
    counters.lateApologised = 4;
    counters.received = 400;
    counters.receivedOnlineFull = 100;
    expect(dossierFigure('DOSSIER_ON_TIME', counters)).toEqual({
      numerator: 190,
      denominator: 200,
      rate: 95,
    });
    expect(dossierFigure('DOSSIER_EARLY', counters).rate).toBe(75);
    expect(dossierFigure('DOSSIER_LATE_APOLOGY', counters)).toEqual({
      numerator: 4,
      denominator: 10,
      rate: 40,
    });
    expect(dossierFigure('DOSSIER_ONLINE_FULL', counters).rate).toBe(25);
    expect(dossierFigure('DOSSIER_RECEIVED', counters)).toEqual({
      numerator: 400,
      denominator: null,
      rate: 400,
    });
    expect(dossierFigure('DOSSIER_ON_TIME', emptyCounters()).rate).toBeNull();
  });

  it('adding two communes adds counters, so the rate is not the mean of their rates', () => {
    const small = { ...emptyCounters(), finished: 10, finishedOnTime: 9 };
    const large = { ...emptyCounters(), finished: 1000, finishedOnTime: 500 };
    const total = addCounters(addCounters(emptyCounters(), small), large);
    expect(dossierFigure('DOSSIER_ON_TIME', total).rate).toBeCloseTo((509 / 1010) * 100, 9);
    expect(dossierFigure('DOSSIER_ON_TIME', total).rate).not.toBeCloseTo(70, 0);
  });

  it('every dossier formula has its catalogue entry, sourced from dossiers with the matching kind', () => {
    for (const code of DOSSIER_INDICATOR_CODES) {
      const entry = catalogue.find((indicator) => indicator.code === code);
      expect(entry?.source, code).toBe('dossiers');
      expect(entry?.kind, code).toBe(
        dossierFigure(code, emptyCounters()).denominator === null ? 'count' : 'ratio',
      );
    }
    expect(catalogue.filter((indicator) => indicator.frameworkCode === 'SERVICE_766')).toHaveLength(17);
  });

  it('late: finished after due, or open past due; days late count a started day', () => {
    const due = new Date('2026-02-01T10:00:00Z');
    const asOf = new Date('2026-02-10T00:00:00Z');
    expect(isLate({ dueAt: due, finishedAt: new Date('2026-02-01T09:00:00Z') }, asOf)).toBe(false);
    expect(daysLate({ dueAt: due, finishedAt: new Date('2026-02-03T11:00:00Z') }, asOf)).toBe(3);
    expect(daysLate({ dueAt: due, finishedAt: null }, asOf)).toBe(9);
    expect(isLate({ dueAt: null, finishedAt: null }, asOf)).toBe(false);
  });
});

describe('periods and entered values', () => {
  it('a half or a year adds up from its quarters; a month has none of its own', () => {
    expect(quartersOfPeriod('2026Q3')).toEqual(['2026Q3']);
    expect(quartersOfPeriod('2026S2')).toEqual(['2026Q3', '2026Q4']);
    expect(quartersOfPeriod('2026')).toEqual(['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    expect(quartersOfPeriod('2026M03')).toEqual([]);
  });

  it('eight quarters end at the asked one, across years', () => {
    expect(quartersEndingAt('2026Q1', 8)).toEqual([
      '2024Q2',
      '2024Q3',
      '2024Q4',
      '2025Q1',
      '2025Q2',
      '2025Q3',
      '2025Q4',
      '2026Q1',
    ]);
  });

  it('a ratio needs numerator ≤ denominator unless the indicator allows more', () => {
    const ratio = catalogue.find((indicator) => indicator.code === 'DOC_SIGNED');
    if (!ratio) throw new Error('DOC_SIGNED missing');
    expect(
      checkEnteredValue(
        ratio,
        { indicatorCode: 'DOC_SIGNED', numerator: 9, denominator: 10, note: null },
        'v',
      ),
    ).toBeNull();
    expect(
      checkEnteredValue(
        ratio,
        { indicatorCode: 'DOC_SIGNED', numerator: 11, denominator: 10, note: null },
        'v',
      )?.path,
    ).toBe('v.numerator');
    expect(
      checkEnteredValue(ratio, { indicatorCode: 'DOC_SIGNED', numerator: 1, denominator: 0, note: null }, 'v')
        ?.path,
    ).toBe('v.denominator');
    expect(
      checkEnteredValue(
        { ...ratio, numeratorMayExceed: true },
        { indicatorCode: 'DOC_SIGNED', numerator: 11, denominator: 10, note: null },
        'v',
      ),
    ).toBeNull();
    expect(checkEnteredValue(ratio, { indicatorCode: 'DOC_SIGNED', value: 90, note: null }, 'v')?.path).toBe(
      'v.value',
    );
    const count = { ...ratio, kind: 'count' as const };
    expect(checkEnteredValue(count, { indicatorCode: 'X', value: 2.5, note: null }, 'v')?.path).toBe(
      'v.value',
    );
  });
});
