import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../indicators/catalogue.ts';
import { updatedAgo } from './age-words.ts';
import { buildDataValueSet, dhis2Number, dhis2Period } from './dhis2.ts';
import {
  emptyNationalCounters,
  NATIONAL_INDICATORS,
  type NationalCounters,
  type NationalFigure,
  nationalFigure,
  nationalIndicator,
} from './national-indicators.ts';
import { nationalPeriods, quarterOf } from './national-periods.ts';
import { rankByFigure } from './ranking.ts';
import { subtreeTotals } from './unit-totals.ts';

const catalogue = parseCatalogue(
  JSON.parse(readFileSync(new URL('../../reference/indicators/catalogue.json', import.meta.url), 'utf8')),
);

function counters(values: Partial<NationalCounters>): NationalCounters {
  return { ...emptyNationalCounters(), ...values };
}

const indicator = (code: string) => {
  const found = nationalIndicator(code);
  if (!found) throw new Error(code);
  return found;
};

describe('the national indicator catalogue', () => {
  it('keeps the catalogue’s codes and names where it measures the same thing', () => {
    const shared = NATIONAL_INDICATORS.filter((item) => catalogue.some((entry) => entry.code === item.code));
    expect(shared.map((item) => item.code)).toEqual([
      'DOSSIER_ON_TIME',
      'DOSSIER_EARLY',
      'DOSSIER_LATE_RATE',
      'DOSSIER_ONLINE_FULL',
      'DOSSIER_ONLINE',
      'DOSSIER_DIGITISED',
      'DOSSIER_LATE_APOLOGY',
      'DOSSIER_RECEIVED',
      'DOSSIER_FINISHED',
      'DOSSIER_LATE',
      'FEEDBACK_RECEIVED',
    ]);
    for (const item of shared) {
      const entry = catalogue.find((candidate) => candidate.code === item.code);
      expect([item.nameVi, item.nameEn, item.kind]).toEqual([entry?.nameVi, entry?.nameEn, entry?.kind]);
    }
  });

  it('has every code once, with both names and a numerator (and a denominator for a ratio)', () => {
    const codes = NATIONAL_INDICATORS.map((item) => item.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(17);
    for (const item of NATIONAL_INDICATORS) {
      expect(item.nameVi.length * item.nameEn.length).toBeGreaterThan(0);
      expect(item.denominator === null).toBe(item.kind === 'count');
      expect(item.denominatorVi === null).toBe(item.kind === 'count');
    }
  });

  it('computes each figure from the counters, a ratio in % and a count as itself', () => {
    const c = counters({
      finished: 40,
      finishedOnTime: 30,
      finishedLate: 10,
      lateApologised: 4,
      received: 50,
      feedbackClosed: 8,
      feedbackClosedOnTime: 6,
      surveyResponses: 200,
      surveySatisfied: 170,
      reportsExpected: 5,
      reportsOnTime: 4,
      planTasks: 16,
      planTasksDone: 12,
      assessmentScore: 412.5,
      assessmentMaxScore: 500,
    });
    const value = (code: string) => nationalFigure(indicator(code), c);
    expect(value('DOSSIER_ON_TIME')).toEqual({ numerator: 30, denominator: 40, value: 75 });
    expect(value('DOSSIER_LATE_APOLOGY')).toEqual({ numerator: 4, denominator: 10, value: 40 });
    expect(value('DOSSIER_RECEIVED')).toEqual({ numerator: 50, denominator: null, value: 50 });
    expect(value('FEEDBACK_CLOSED_ON_TIME')).toEqual({ numerator: 6, denominator: 8, value: 75 });
    expect(value('SURVEY_SATISFIED')).toEqual({ numerator: 170, denominator: 200, value: 85 });
    expect(value('REPORTS_ON_TIME')).toEqual({ numerator: 4, denominator: 5, value: 80 });
    expect(value('PLAN_TASKS_DONE')).toEqual({ numerator: 12, denominator: 16, value: 75 });
    expect(value('ASSESSMENT_SCORE')).toEqual({ numerator: 412.5, denominator: 500, value: 82.5 });
    // Nothing of the received online: 0 %, a figure; nothing counted under a ratio: no value (no rank).
    expect(value('DOSSIER_ONLINE')).toEqual({ numerator: 0, denominator: 50, value: 0 });
    expect(value('DOSSIER_DIGITISED').value).toBe(0);
    expect(nationalFigure(indicator('DOSSIER_EARLY'), emptyNationalCounters())).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
    });
  });
});

describe('ranking', () => {
  const ratio = (numerator: number, denominator: number): NationalFigure => ({
    numerator,
    denominator,
    value: denominator === 0 ? null : (numerator / denominator) * 100,
  });

  it('gives ties one rank and skips the next, best first; no denominator: not ranked, last', () => {
    const items = [
      { code: 'A', figure: ratio(1, 2) },
      { code: 'B', figure: ratio(9, 10) },
      { code: 'C', figure: ratio(0, 0) },
      { code: 'D', figure: ratio(5, 10) },
      { code: 'E', figure: ratio(1, 3) },
      { code: 'F', figure: ratio(2, 6) },
    ];
    const ranked = rankByFigure(items, (item) => item.figure, 'higher');
    expect(ranked.map(({ item, rank, unranked }) => [item.code, rank, unranked])).toEqual([
      ['B', 1, null],
      ['A', 2, null],
      ['D', 2, null],
      ['E', 4, null],
      // 2/6 equals 1/3 exactly, though (2/6)*100 and (1/3)*100 are computed apart.
      ['F', 4, null],
      ['C', null, 'no_denominator'],
    ]);
  });

  it('ranks the lowest first where lower is better, and counts as numbers', () => {
    const late = rankByFigure(
      [
        { code: 'X', figure: ratio(3, 10) },
        { code: 'Y', figure: ratio(1, 10) },
        { code: 'Z', figure: ratio(3, 10) },
      ],
      (item) => item.figure,
      'lower',
    );
    expect(late.map(({ item, rank }) => `${item.code}${rank}`)).toEqual(['Y1', 'X2', 'Z2']);
    const count = (n: number): NationalFigure => ({ numerator: n, denominator: null, value: n });
    const received = rankByFigure([count(0), count(7), count(7), count(2)], (figure) => figure, 'higher');
    expect(received.map(({ item, rank }) => [item.value, rank])).toEqual([
      [7, 1],
      [7, 1],
      [2, 3],
      [0, 4],
    ]);
  });
});

describe('DHIS2', () => {
  it('writes periods in DHIS2’s ISO form', () => {
    expect(dhis2Period('2026M03')).toBe('202603');
    expect(dhis2Period('2026M12')).toBe('202612');
    expect(dhis2Period('2026Q1')).toBe('2026Q1');
    expect(dhis2Period('2026q4')).toBe('2026Q4');
    expect(dhis2Period('2026S2')).toBe('2026S2');
    expect(dhis2Period('2026')).toBe('2026');
    expect(dhis2Period('2026H1')).toBeNull();
    expect(dhis2Period('2026Q5')).toBeNull();
  });

  it('writes numbers as plain decimal strings', () => {
    expect([dhis2Number(0), dhis2Number(1234567), dhis2Number(412.5), dhis2Number(1 / 3)]).toEqual([
      '0',
      '1234567',
      '412.5',
      '0.333333',
    ]);
  });

  it('gives each org unit a numerator and, for a ratio, a denominator per indicator it has', () => {
    const onTime = indicator('DOSSIER_ON_TIME');
    const received = indicator('DOSSIER_RECEIVED');
    const set = buildDataValueSet(
      '2026Q1',
      [onTime, received],
      [
        {
          orgUnit: '33',
          figures: new Map([
            ['DOSSIER_ON_TIME', { numerator: 30, denominator: 40, value: 75 }],
            ['DOSSIER_RECEIVED', { numerator: 50, denominator: null, value: 50 }],
          ]),
        },
        {
          orgUnit: '11953',
          figures: new Map([['DOSSIER_ON_TIME', { numerator: 0, denominator: 0, value: null }]]),
        },
      ],
    );
    const row = (orgUnit: string, dataElement: string, categoryOptionCombo: string, value: string) => ({
      dataElement,
      period: '2026Q1',
      orgUnit,
      categoryOptionCombo,
      value,
    });
    expect(set).toEqual({
      dataValues: [
        row('33', 'DOSSIER_ON_TIME', 'NUMERATOR', '30'),
        row('33', 'DOSSIER_ON_TIME', 'DENOMINATOR', '40'),
        row('33', 'DOSSIER_RECEIVED', 'NUMERATOR', '50'),
        row('11953', 'DOSSIER_ON_TIME', 'NUMERATOR', '0'),
        row('11953', 'DOSSIER_ON_TIME', 'DENOMINATOR', '0'),
      ],
    });
    expect(() => buildDataValueSet('2026H1', [onTime], [])).toThrow();
  });
});

describe('a province’s units and periods', () => {
  it('sums each unit’s subtree: a commune with its office, the province with all', () => {
    const totals = subtreeTotals(
      [
        { unitKey: '33', parentKey: null },
        { unitKey: '11953', parentKey: '33' },
        { unitKey: 'u77', parentKey: '11953' },
        { unitKey: 'u5', parentKey: '33' },
      ],
      new Map([
        ['11953', { received: 10 }],
        ['u77', { received: 3, finished: 2 }],
        ['u5', { received: 100 }],
        ['u999', { received: 1 }],
      ]),
    );
    expect(totals.get('33')?.received).toBe(113);
    expect(totals.get('11953')?.received).toBe(13);
    expect(totals.get('11953')?.finished).toBe(2);
    expect(totals.get('u5')?.received).toBe(100);
    // A key with no unit row (not shared yet) counts for itself only.
    expect(totals.get('u999')?.received).toBe(1);
  });

  it('offers the quarters with data and the halves and years they make up, newest first', () => {
    expect(nationalPeriods(['2025Q4', '2026Q1', '2026Q2', '2026S1', 'junk', '2026Q1'])).toEqual([
      '2026Q2',
      '2026Q1',
      '2026S1',
      '2026',
      '2025Q4',
      '2025S2',
      '2025',
    ]);
    expect(nationalPeriods([])).toEqual([]);
    expect(quarterOf('2026-11-23')).toBe('2026Q4');
    expect(quarterOf('2026-03-31')).toBe('2026Q1');
  });
});

describe('freshness in words', () => {
  const now = '2026-04-20T09:00:00.000Z';
  const minutesAgo = (minutes: number) => new Date(Date.parse(now) - minutes * 60_000).toISOString();
  it('says how long ago in whole minutes, hours or days', () => {
    expect(updatedAgo(minutesAgo(0.5), now, 'vi')).toBe('vừa cập nhật');
    expect(updatedAgo(minutesAgo(3), now, 'vi')).toBe('cập nhật 3 phút trước');
    expect(updatedAgo(minutesAgo(59), now, 'vi')).toBe('cập nhật 59 phút trước');
    expect(updatedAgo(minutesAgo(119), now, 'vi')).toBe('cập nhật 1 giờ trước');
    expect(updatedAgo(minutesAgo(60 * 50), now, 'vi')).toBe('cập nhật 2 ngày trước');
    expect(updatedAgo(minutesAgo(1), now, 'en')).toBe('updated 1 minute ago');
    expect(updatedAgo(minutesAgo(180), now, 'en')).toBe('updated 3 hours ago');
    // A clock a little ahead on the province's side is not "in the future".
    expect(updatedAgo('2026-04-20T09:02:00.000Z', now, 'vi')).toBe('vừa cập nhật');
  });
});
