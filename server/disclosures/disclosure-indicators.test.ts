import { describe, expect, it } from 'vitest';
import { tallyStatuses } from '../../core/disclosures/compliance.ts';
import { measureTargets } from '../reports/target-values.ts';
import { subtreeDisclosureFigure, type UnitDisclosureTally } from './disclosure-indicators.ts';

/**
 * DISCLOSURE_ON_TIME summed up the unit tree (never rates averaged), filtered to a target's level, and
 * measured against a plan's target in the consolidated report.
 */
const tallies: UnitDisclosureTally[] = [
  // Commune A: 1 on time of 4 judged (and 1 not yet due, which does not count).
  {
    unitId: 2,
    path: '/1/2/',
    type: 'commune',
    tally: tallyStatuses(['on_time', 'late', 'missing', 'taken_down_early', 'not_due']),
  },
  // Commune B: 3 of 3.
  { unitId: 3, path: '/1/3/', type: 'commune', tally: tallyStatuses(['on_time', 'on_time', 'on_time']) },
  // A department: 0 of 1.
  { unitId: 4, path: '/1/4/', type: 'department', tally: tallyStatuses(['missing']) },
];

describe('DISCLOSURE_ON_TIME', () => {
  it('sums numerators and denominators from the communes to the province', () => {
    expect(subtreeDisclosureFigure(tallies, '/1/2/')).toMatchObject({
      numerator: 1,
      denominator: 4,
      rate: 25,
    });
    expect(subtreeDisclosureFigure(tallies, '/1/3/')).toMatchObject({
      numerator: 3,
      denominator: 3,
      rate: 100,
    });
    // 4 of 8, 50 % — not the 41,67 % mean of 25, 100 and 0.
    expect(subtreeDisclosureFigure(tallies, '/1/')).toMatchObject({ numerator: 4, denominator: 8, rate: 50 });
    expect(subtreeDisclosureFigure(tallies, '/1/', ['commune'])).toMatchObject({
      numerator: 4,
      denominator: 7,
      rate: 57.14,
    });
    expect(subtreeDisclosureFigure(tallies, '/9/')).toMatchObject({
      numerator: 0,
      denominator: 0,
      rate: null,
    });
  });

  it('measures a plan’s target linked to it, at the target’s level', () => {
    const target = {
      ref: '1',
      text: '100% xã, phường công khai đúng hạn',
      op: '>=',
      value: 80,
      unit: '%',
      level: null,
      indicatorCode: 'DISCLOSURE_ON_TIME',
    };
    const [province] = measureTargets([], '/1/', '2026Q1', [target], [], [], tallies);
    expect(province).toMatchObject({
      indicator: 'DISCLOSURE_ON_TIME',
      measured: { numerator: 4, denominator: 8, rate: 50 },
      status: 'missed',
    });
    const [nothing] = measureTargets([], '/9/', '2026Q1', [target], [], [], tallies);
    expect(nothing?.status).toBe('no_data');
  });
});
