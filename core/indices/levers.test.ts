import { describe, expect, it } from 'vitest';
import { gains, rows, scoresOf, years } from '../../tests/papi-shipped.ts';
import { levers, topLevers, typicalYearlyGains } from './levers.ts';
import { PAPI_DIMENSIONS, type ProvinceScores, papiStructure } from './papi.ts';
import { simulate } from './simulator.ts';

describe('typical yearly gains', () => {
  it('are the 90th percentile of year-on-year changes 2018–2024, method changes left out', () => {
    // Computed apart (Python over the published D1…D8 columns): 365 pairs for PAPI.1, 305 for PAPI.5
    // (2020 → 2021 left out), 302 for PAPI.8 (2018 → 2019 left out).
    expect(
      Object.fromEntries(Object.entries(gains).map(([code, gain]) => [code, Number(gain?.toFixed(4))])),
    ).toEqual({
      'PAPI.1': 0.4302,
      'PAPI.2': 0.4437,
      'PAPI.3': 0.2357,
      'PAPI.4': 0.6454,
      'PAPI.5': 0.2653,
      'PAPI.6': 0.736,
      'PAPI.7': 0.3164,
      'PAPI.8': 0.4794,
    });
  });

  it('count only the same province in consecutive years, both scored', () => {
    const structure = papiStructure(2022);
    const province = (unitCode: string, value: number | null): ProvinceScores => ({
      unit: unitCode,
      unitCode,
      subdimensions: Object.fromEntries(
        PAPI_DIMENSIONS.flatMap((dimension) =>
          structure[dimension].map((code) => [code, code === 'PAPI.1.1' ? value : 1]),
        ),
      ),
    });
    const synthetic = typicalYearlyGains([
      { year: 2021, provinces: [province('01', 1), province('02', 1), province('03', 1)] },
      // 01 gains 0.5, 02 gains 1; 03 is not scored; 04 is new.
      {
        year: 2022,
        provinces: [province('01', 1.5), province('02', 2), province('03', null), province('04', 2.5)],
      },
      // 2024 does not follow 2022: no pair.
      { year: 2024, provinces: [province('01', 0.25)] },
    ]);
    // PERCENTILE.INC of [0.5, 1] at 0.9 = 0.5 + 0.9 × 0.5.
    expect(synthetic['PAPI.1']).toBeCloseTo(0.95, 10);
    expect(synthetic['PAPI.2']).toBe(0);
    expect(typicalYearlyGains([{ year: 2024, provinces: [province('01', 1)] }])['PAPI.1']).toBeNull();
  });
});

describe('levers', () => {
  it('Hưng Yên 2024: per dimension its score, the median and best, the next rank, ranks a point buys', () => {
    const result = levers(scoresOf(2024), '33', gains);
    expect(result).toHaveLength(8);
    // The next province up (Phú Thọ, 44.4145) is 0.01026 ahead; one more point passes ten provinces.
    expect(result[0]).toEqual({
      dimension: 'PAPI.1',
      score: 5.452,
      median: 4.9318,
      best: 5.9546,
      pointsToNextRank: 0.0103,
      ranksPerPoint: 10,
      typicalYearlyGain: 0.4302,
    });
    expect(result.map((lever) => lever.pointsToNextRank)).toEqual(Array(8).fill(0.0103));
    expect(result.find((lever) => lever.dimension === 'PAPI.6')).toMatchObject({
      score: 7.5498,
      best: 8.4198,
      typicalYearlyGain: 0.736,
    });
  });

  it('the first province has no next rank and gains no rank from a point', () => {
    const first = levers(scoresOf(2024), '22', gains);
    expect(first.every((lever) => lever.pointsToNextRank === null && lever.ranksPerPoint === 0)).toBe(true);
  });

  it('has no next rank past the scale, and a point buys only the room left', () => {
    const scores = scoresOf(2024);
    // Hưng Yên's PAPI.1 is 5.452038; with a (made-up) ceiling of 5.457 it has 0.005 of room, less than the 0.0103 needed.
    const tight = { ...scores, scales: { ...scores.scales, 'PAPI.1': { min: 1, max: 5.457 } } };
    expect(levers(tight, '33', gains)[0]).toMatchObject({ pointsToNextRank: null, ranksPerPoint: 0 });
    // With 0.5 of room a point buys what 0.5 buys.
    const half = { ...scores, scales: { ...scores.scales, 'PAPI.1': { min: 1, max: 5.952038 } } };
    expect(levers(half, '33', gains)[0]?.ranksPerPoint).toBe(
      19 - simulate(scores, '33', [{ code: 'PAPI.1', delta: 0.5 }]).rankAfter,
    );
    expect(levers(half, '33', gains)[0]?.ranksPerPoint).toBe(6);
  });

  it.each(years)('%i: agrees with simulate for every ranked province and dimension', (year) => {
    const scores = scoresOf(year);
    for (const province of rows.filter((row) => row.year === year && row.published.rank !== null)) {
      const rank = province.published.rank as number;
      for (const lever of levers(scores, province.unitCode, gains)) {
        const raise = (delta: number) =>
          simulate(scores, province.unitCode, [{ code: lever.dimension, delta }]);
        expect(rank - raise(1).rankAfter).toBe(lever.ranksPerPoint);
        // In the shipped years the next rank always fits within the scale.
        expect(lever.pointsToNextRank === null).toBe(rank === 1);
        if (lever.pointsToNextRank === null) continue;
        expect(raise(lever.pointsToNextRank).rankAfter).toBeLessThanOrEqual(rank - 1);
        expect(raise(lever.pointsToNextRank - 0.0001).rankAfter).toBe(rank);
      }
    }
  });
});

describe('topLevers', () => {
  it('Hưng Yên 2024: a point buys 10 ranks everywhere, so the dimensions provinces gain most on in a year lead', () => {
    expect(topLevers(levers(scoresOf(2024), '33', gains), 3).map((lever) => lever.dimension)).toEqual([
      'PAPI.6',
      'PAPI.4',
      'PAPI.8',
    ]);
  });

  it('leaves out a dimension without headroom: already the best province, or no next rank within the scale', () => {
    const all = levers(scoresOf(2024), '34', gains);
    // Thái Bình is the best province on vertical accountability (4,6101).
    expect(all.find((lever) => lever.dimension === 'PAPI.3')).toMatchObject({ score: 4.6101, best: 4.6101 });
    const raised = all.map((lever) =>
      lever.dimension === 'PAPI.6' ? { ...lever, pointsToNextRank: null } : lever,
    );
    const top = topLevers(raised, 8).map((lever) => lever.dimension);
    expect(top).not.toContain('PAPI.3');
    expect(top).not.toContain('PAPI.6');
    expect(top).toHaveLength(6);
    expect(topLevers(levers(scoresOf(2024), '22', gains), 3)).toEqual([]);
  });
});
