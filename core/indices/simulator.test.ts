import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codebook, rows, scoresOf, years } from '../../tests/papi-shipped.ts';
import { AppError } from '../errors.ts';
import { PAPI_DIMENSIONS, type ProvinceScores, papiStructure } from './papi.ts';
import { papiName, papiScales } from './papi-codebook.ts';
import { type PapiChange, type PapiYearScores, simulate } from './simulator.ts';

const HUNG_YEN = '33';

function refusal(run: () => unknown): { code: string; vi: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, vi: error.text.vi };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the PAPI codebook', () => {
  it("reads each year's scales: the variant that fills the dimension's 1–10", () => {
    expect(papiScales(codebook, 2018)).toMatchObject({
      'PAPI.1': { min: 1, max: 10 },
      'PAPI.1.1': { min: 0.25, max: 2.5 },
      'PAPI.3.1': { min: 0.33, max: 3.33 },
      'PAPI.5.2': { min: 0.25, max: 2.5 },
      'PAPI.8.1': { min: 0.5, max: 5 },
    });
    expect(papiScales(codebook, 2019)['PAPI.8.1']).toEqual({ min: 0.33, max: 3.33 });
    expect(papiScales(codebook, 2020)['PAPI.5.1']).toEqual({ min: 0.25, max: 2.5 });
    expect(papiScales(codebook, 2021)['PAPI.5.1']).toEqual({ min: 0.33, max: 3.33 });
    expect(papiScales(codebook, 2021)).not.toHaveProperty('PAPI.5.2');
    expect(papiScales(codebook, 2018)).not.toHaveProperty('PAPI.8.3');
    expect(Object.keys(papiScales(codebook, 2024))).toHaveLength(8 + 28);
  });

  it('names dimensions and sub-dimensions in Vietnamese', () => {
    expect(papiName(codebook, 'PAPI.5')).toBe('Thủ tục hành chính công');
    expect(papiName(codebook, 'PAPI.2')).toBe('Công khai, minh bạch trong hoạch định chính sách');
    expect(papiName(codebook, 'PAPI.8.3')).toBe('Phúc đáp của chính quyền qua cổng thông tin điện tử');
  });
});

describe('simulate with no change', () => {
  it.each(years)('%i: gives every ranked province exactly its published rank and total', (year) => {
    const scores = scoresOf(year);
    const provinces = rows.filter((row) => row.year === year);
    const ranked = provinces.filter((row) => row.published.rank !== null);
    expect(ranked.length).toBeGreaterThanOrEqual(60);
    for (const province of provinces) {
      const published = province.published;
      if (published.rank === null) {
        expect(refusal(() => simulate(scores, province.unitCode, []))).toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        continue;
      }
      const result = simulate(scores, province.unitCode, []);
      expect(result.rankBefore).toBe(published.rank);
      expect(result.rankAfter).toBe(published.rank);
      expect(result.totalAfter).toBeCloseTo(published.total ?? Number.NaN, 5);
      expect(result.groupAfter).toBe(result.groupBefore);
      expect(result.ranked).toBe(ranked.length);
    }
  });

  it('Hưng Yên 2024: rank 19 of 61, 44.4042, upper-middle group', () => {
    const result = simulate(scoresOf(2024), HUNG_YEN, []);
    expect(result).toMatchObject({
      province: 'Hưng Yên',
      provinceCode: '33',
      year: 2024,
      ranked: 61,
      rankBefore: 19,
      rankAfter: 19,
      groupBefore: 2,
      groupAfter: 2,
      changes: [],
    });
    expect(result.totalBefore).toBeCloseTo(44.404242, 5);
    expect(result.dimensions['PAPI.5'].before).toBeCloseTo(7.309698, 5);
  });
});

describe('simulate with changes', () => {
  it('a dimension moved by 0.5 moves the total by 0.5: Hưng Yên 2024 goes from 19th to 13th, top group', () => {
    const result = simulate(scoresOf(2024), HUNG_YEN, [{ code: 'PAPI.5', delta: 0.5 }]);
    expect(result.totalAfter - result.totalBefore).toBeCloseTo(0.5, 10);
    expect(result.dimensions['PAPI.5'].after).toBeCloseTo(7.809698, 5);
    expect(result.dimensions['PAPI.4'].after).toBe(result.dimensions['PAPI.4'].before);
    expect(result).toMatchObject({ rankAfter: 13, groupAfter: 1 });
    expect(result.changes).toEqual([
      { code: 'PAPI.5', delta: 0.5, applied: expect.closeTo(0.5, 10), clamped: false, bound: null },
    ]);
  });

  it('a sub-dimension moves its dimension and the total by the amount applied: Hưng Yên 2024, 5.1 +0,1 → 18th', () => {
    const result = simulate(scoresOf(2024), HUNG_YEN, [
      { code: 'PAPI.5.1', delta: 0.1 },
      { code: 'PAPI.5.3', delta: 0.2 },
      { code: 'PAPI.2.3', delta: -0.05 },
    ]);
    // 2.486635447 + 2.371198654 + 2.451863527 = 7.309697628, the published 7.3097, and + 0.3.
    expect(result.dimensions['PAPI.5'].after).toBeCloseTo(7.609697628, 9);
    expect(result.dimensions['PAPI.2'].after - result.dimensions['PAPI.2'].before).toBeCloseTo(-0.05, 10);
    expect(result.totalAfter - result.totalBefore).toBeCloseTo(0.25, 10);
    expect(simulate(scoresOf(2024), HUNG_YEN, [{ code: 'PAPI.5.1', delta: 0.1 }])).toMatchObject({
      rankAfter: 18,
      groupAfter: 2,
    });
    // 2020: construction permits (5.2) still counted, one of four quarters of procedures.
    const early = simulate(scoresOf(2020), HUNG_YEN, [{ code: 'PAPI.5.2', delta: 0.1 }]);
    expect(early).toMatchObject({ rankBefore: 44, rankAfter: 42, groupBefore: 3, groupAfter: 3 });
    expect(early.totalAfter - early.totalBefore).toBeCloseTo(0.1, 10);
  });

  it('refuses a dimension changed together with one of its sub-dimensions', () => {
    const scores = scoresOf(2024);
    expect(
      refusal(() =>
        simulate(scores, HUNG_YEN, [
          { code: 'PAPI.5.1', delta: 0.1 },
          { code: 'PAPI.2', delta: 0.1 },
          { code: 'PAPI.5', delta: 0.2 },
        ]),
      ),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      vi: 'Không thể thay đổi cùng lúc chỉ số nội dung PAPI.5 và chỉ số nội dung thành phần PAPI.5.1 của nó: điểm PAPI.5 là tổng các chỉ số thành phần. Hãy thay đổi hoặc PAPI.5, hoặc các chỉ số thành phần của nó.',
    });
    // A dimension beside another dimension's sub-dimension is fine.
    expect(
      simulate(scores, HUNG_YEN, [
        { code: 'PAPI.5.1', delta: 0.1 },
        { code: 'PAPI.2', delta: 0.1 },
      ]).totalAfter,
    ).toBeCloseTo(44.404242 + 0.2, 5);
  });

  it('holds scores within their scales and says so', () => {
    const result = simulate(scoresOf(2024), HUNG_YEN, [
      // 2.486635447 + 1 passes the 3.33 of a third of procedures since 2021.
      { code: 'PAPI.5.1', delta: 1 },
      { code: 'PAPI.8', delta: 9 },
      { code: 'PAPI.1', delta: -9 },
    ]);
    expect(result.changes).toEqual([
      {
        code: 'PAPI.5.1',
        delta: 1,
        applied: expect.closeTo(3.33 - 2.486635447, 8),
        clamped: true,
        bound: 3.33,
      },
      { code: 'PAPI.8', delta: 9, applied: expect.closeTo(10 - 3.426675, 5), clamped: true, bound: 10 },
      { code: 'PAPI.1', delta: -9, applied: expect.closeTo(1 - 5.452038, 5), clamped: true, bound: 1 },
    ]);
    expect(result.dimensions['PAPI.8'].after).toBe(10);
    expect(result.dimensions['PAPI.1'].after).toBe(1);
    // 2018: e-governance had two sub-dimensions of 0.5–5.
    const early = simulate(scoresOf(2018), HUNG_YEN, [{ code: 'PAPI.8.2', delta: 5 }]);
    expect(early.changes[0]).toMatchObject({ clamped: true, bound: 5 });
    // Three thirds at the codebook's floor of 0.33 make 0.99: the dimension is still held at its 1.
    const floor = simulate(
      scoresOf(2024),
      HUNG_YEN,
      ['PAPI.3.1', 'PAPI.3.2', 'PAPI.3.3'].map((code) => ({ code, delta: -3 })),
    );
    expect(floor.changes.map((change) => change.bound)).toEqual([0.33, 0.33, 0.33]);
    expect(floor.dimensions['PAPI.3'].after).toBe(1);
    expect(floor.dimensions['PAPI.3'].after).toBe(
      simulate(scoresOf(2024), HUNG_YEN, [{ code: 'PAPI.3', delta: -9 }]).dimensions['PAPI.3'].after,
    );
  });

  it('refuses codes the year does not have, a code given twice, an amount that is not a number, unknown and unranked provinces', () => {
    const scores = scoresOf(2024);
    expect(refusal(() => simulate(scores, HUNG_YEN, [{ code: 'PAPI.5.2', delta: 0.1 }]))).toEqual({
      code: 'VALIDATION_FAILED',
      vi: 'Mã PAPI.5.2 không có trong PAPI năm 2024: dùng PAPI.1 … PAPI.8 (chỉ số nội dung) hoặc một chỉ số nội dung thành phần của năm đó (ví dụ PAPI.5.1).',
    });
    expect(refusal(() => simulate(scores, HUNG_YEN, [{ code: 'PAPI.9', delta: 1 }])).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      refusal(() =>
        simulate(scores, HUNG_YEN, [
          { code: 'PAPI.5', delta: 0.1 },
          { code: 'PAPI.5', delta: 0.2 },
        ]),
      ).vi,
    ).toBe('PAPI.5 được thay đổi hai lần: gộp thành một mức thay đổi.');
    expect(refusal(() => simulate(scores, HUNG_YEN, [{ code: 'PAPI.5', delta: Number.NaN }])).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(refusal(() => simulate(scores, '99', []))).toEqual({
      code: 'NOT_FOUND',
      vi: 'Không có tỉnh mã 99 trong kết quả PAPI năm 2024.',
    });
    expect(refusal(() => simulate(scores, '26', []))).toEqual({
      code: 'VALIDATION_FAILED',
      vi: 'Vĩnh Phúc không được xếp hạng PAPI năm 2024 (thiếu số liệu công bố), nên không mô phỏng được.',
    });
  });
});

describe('groups after a change', () => {
  // Eight provinces of 2024 whose totals are T, T + 0.1, …, T + 0.7 (only sub-dimension 1.1 differs).
  const structure = papiStructure(2024);
  const province = (index: number): ProvinceScores => ({
    unit: `Tỉnh ${index}`,
    unitCode: String(index).padStart(2, '0'),
    subdimensions: Object.fromEntries(
      PAPI_DIMENSIONS.flatMap((dimension) =>
        structure[dimension].map((code) => [code, code === 'PAPI.1.1' ? 1 + index / 10 : 1]),
      ),
    ),
  });
  const scores: PapiYearScores = {
    year: 2024,
    provinces: Array.from({ length: 8 }, (_, index) => province(index)),
    scales: papiScales(codebook, 2024),
  };

  it('recomputes the quartile cut points with the changed total among them', () => {
    // Before: the top quartile starts at T + 0.525 (PERCENTILE.INC), so T + 0.5 is in group 2.
    expect(simulate(scores, '05', []).groupBefore).toBe(2);
    // Raised to T + 0.53 it passes the old cut, but the cut moves with it (to T + 0.5475): still group 2.
    const raised = simulate(scores, '05', [{ code: 'PAPI.1.1', delta: 0.03 }]);
    expect(raised.totalAfter - raised.totalBefore).toBeCloseTo(0.03, 10);
    expect(raised.groupAfter).toBe(2);
    // Past the next province (T + 0.65 > T + 0.6) it is in the top quartile of the new totals.
    expect(simulate(scores, '05', [{ code: 'PAPI.1.1', delta: 0.15 }]).groupAfter).toBe(1);
    // And falling below T puts it last, in the lowest quarter.
    expect(simulate(scores, '05', [{ code: 'PAPI.1.1', delta: -0.55 }])).toMatchObject({
      rankAfter: 8,
      groupAfter: 4,
    });
  });
});

describe('simulate agrees with re-ranking the totals by hand (property)', () => {
  // The oracle: clamp each changed sub-dimension, sum, add the dimension's change and hold it within 1–10,
  // then count the provinces whose total (summed from their sub-dimensions) is higher.
  const clampTo = (value: number, scale: { min: number; max: number }) =>
    Math.min(scale.max, Math.max(scale.min, value));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const totalOf = (province: ProvinceScores, year: number) =>
    sum(
      Object.values(papiStructure(year)).flatMap((codes) =>
        codes.map((code) => province.subdimensions[code] ?? 0),
      ),
    );

  it('the rank after equals 1 + the provinces with a higher total', () => {
    const yearArbitrary = fc.constantFrom(...years);
    fc.assert(
      fc.property(
        yearArbitrary.chain((year) => {
          const scores = scoresOf(year);
          const ranked = scores.provinces.filter((province) =>
            PAPI_DIMENSIONS.every((dimension) =>
              papiStructure(year)[dimension].every(
                (code) => typeof province.subdimensions[code] === 'number',
              ),
            ),
          );
          return fc.record({
            year: fc.constant(year),
            province: fc.constantFrom(...ranked.map((row) => row.unitCode)),
            changes: fc
              .uniqueArray(
                fc.record({
                  code: fc.constantFrom(...Object.keys(scores.scales)),
                  delta: fc.double({ min: -2, max: 2, noNaN: true }),
                }),
                { selector: (change) => change.code, maxLength: 6 },
              )
              // A dimension and one of its sub-dimensions are never changed together (refused above).
              .map((changes) =>
                changes.filter(
                  (change) =>
                    !changes.some(
                      (other) => other.code !== change.code && change.code.startsWith(`${other.code}.`),
                    ),
                ),
              ),
          });
        }),
        ({ year, province, changes }) => {
          const scores = scoresOf(year);
          const scales = scores.scales;
          const me = scores.provinces.find((row) => row.unitCode === province) as ProvinceScores;
          const byCode = new Map(changes.map((change: PapiChange) => [change.code, change.delta]));
          const handTotal = sum(
            PAPI_DIMENSIONS.map((dimension) => {
              const inner = sum(
                papiStructure(year)[dimension].map((code) =>
                  byCode.has(code)
                    ? clampTo((me.subdimensions[code] ?? 0) + (byCode.get(code) ?? 0), scales[code]!)
                    : (me.subdimensions[code] ?? 0),
                ),
              );
              // Every published dimension lies within 1–10, so holding an unchanged one there changes nothing.
              return clampTo(inner + (byCode.get(dimension) ?? 0), scales[dimension]!);
            }),
          );
          const others = rows
            .filter((row) => row.year === year && row.published.rank !== null && row.unitCode !== province)
            .map((row) => totalOf(row, year));
          const result = simulate(scores, province, changes);
          expect(result.totalAfter).toBeCloseTo(handTotal, 9);
          expect(result.rankAfter).toBe(1 + others.filter((total) => total > handTotal + 1e-9).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a sub-dimension change is the same change of its dimension (property)', () => {
  const dimensionOf = (code: string) => code.split('.').slice(0, 2).join('.');
  const rankedIn = (year: number) =>
    rows.filter((row) => row.year === year && row.published.rank !== null).map((row) => row.unitCode);

  it('total, rank, group and the dimension after equal those of the dimension moved by the amount applied', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...years).chain((year) =>
          fc.record({
            year: fc.constant(year),
            province: fc.constantFrom(...rankedIn(year)),
            changes: fc.uniqueArray(
              fc.record({
                code: fc.constantFrom(
                  ...Object.keys(scoresOf(year).scales).filter((code) => code.split('.').length === 3),
                ),
                delta: fc.double({ min: -3, max: 3, noNaN: true }),
              }),
              { selector: (change) => change.code, minLength: 1, maxLength: 5 },
            ),
          }),
        ),
        ({ year, province, changes }) => {
          const scores = scoresOf(year);
          const bySub = simulate(scores, province, changes);
          // The same points, summed per dimension, given to the dimensions instead.
          const perDimension = new Map<string, number>();
          for (const change of bySub.changes)
            perDimension.set(
              dimensionOf(change.code),
              (perDimension.get(dimensionOf(change.code)) ?? 0) + change.applied,
            );
          const byDimension = simulate(
            scores,
            province,
            [...perDimension].map(([code, delta]) => ({ code, delta })),
          );
          expect(bySub.totalAfter).toBeCloseTo(byDimension.totalAfter, 9);
          expect(bySub.rankAfter).toBe(byDimension.rankAfter);
          expect(bySub.groupAfter).toBe(byDimension.groupAfter);
          for (const dimension of PAPI_DIMENSIONS)
            expect(bySub.dimensions[dimension].after).toBeCloseTo(byDimension.dimensions[dimension].after, 9);
          // Within its scale a sub-dimension moves by exactly the amount asked for.
          for (const change of bySub.changes) {
            const scale = scores.scales[change.code]!;
            const before = scores.provinces.find((row) => row.unitCode === province)!.subdimensions[
              change.code
            ]!;
            const wanted = before + change.delta;
            if (wanted >= scale.min && wanted <= scale.max) {
              expect(change.clamped).toBe(false);
              expect(change.applied).toBeCloseTo(change.delta, 9);
            } else expect(before + change.applied).toBeCloseTo(wanted > scale.max ? scale.max : scale.min, 9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
