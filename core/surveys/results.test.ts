import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeBetween,
  clusters,
  type SurveyResponseRow,
  surveyResults,
  unweighted,
  weakestQuestions,
  weighted,
  wilson,
} from './results.ts';
import type { SurveyDefinition } from './survey.ts';

const definition = (indexMethod: 'share' | 'mean' = 'share', minRespondents = 2): SurveyDefinition => ({
  code: 'T',
  nameVi: 'Thử',
  fromYear: 2026,
  toYear: null,
  status: 'confirmed',
  source: '',
  indexMethod,
  minRespondents,
  elements: [
    { code: 'A', nameVi: 'Yếu tố A', subIndex: 'service' },
    { code: 'B', nameVi: 'Yếu tố B', subIndex: 'policy' },
  ],
  questions: [
    { code: 'q1', element: 'A', kind: 'scale5', textVi: 'Câu 1' },
    { code: 'q2', element: 'A', kind: 'scale5', textVi: 'Câu 2' },
    { code: 'q3', element: 'B', kind: 'scale5', textVi: 'Câu 3' },
    { code: 'c', element: 'A', kind: 'text', textVi: 'Góp ý' },
  ],
});

// Three respondents, eight scored answers, five of them 4 or 5: computed by hand in the comments.
const three: SurveyResponseRow[] = [
  { unitId: 1, answers: { q1: 5, q2: 4, q3: 2, c: 'Chậm' } },
  { unitId: 1, answers: { q1: 3, q2: 4, q3: 5 } },
  { unitId: 1, answers: { q1: 2, q3: 4 } },
];

describe('the satisfied share and the index', () => {
  it('sums satisfied answers over scored answers, per element, sub-index and question', () => {
    const results = surveyResults(definition(), three, null);
    // Index: 5 of 8 answers are 4 or 5.
    expect(results.index.unweighted).toMatchObject({
      numerator: 5,
      denominator: 8,
      respondents: 3,
      rate: 62.5,
    });
    // Element A: 5, 4, 3, 4, 2 → 3 of 5; B: 2, 5, 4 → 2 of 3.
    expect(
      results.elements.map((e) => [
        e.code,
        e.unweighted.numerator,
        e.unweighted.denominator,
        e.unweighted.rate,
      ]),
    ).toEqual([
      ['A', 3, 5, 60],
      ['B', 2, 3, 66.67],
    ]);
    expect(results.subIndices.map((s) => [s.code, s.unweighted.rate])).toEqual([
      ['service', 60],
      ['policy', 66.67],
    ]);
    const q1 = results.questions.find((q) => q.code === 'q1');
    expect(q1).toMatchObject({ answered: 3, distribution: { 2: 1, 3: 1, 5: 1 } });
    expect(q1?.unweighted).toMatchObject({ numerator: 1, denominator: 3, rate: 33.33 });
    // Free text is neither a question figure nor scored.
    expect(results.questions.map((q) => q.code)).toEqual(['q1', 'q2', 'q3']);
  });

  it('rescales the mean to 100 when the questionnaire says so', () => {
    const results = surveyResults(definition('mean'), three, null);
    // (v − 1) / 4: 1 + .75 + .25 + .5 + .75 + 1 + .25 + .75 = 5.25 over 8 answers.
    expect(results.index.unweighted).toMatchObject({ numerator: 5.25, denominator: 8, rate: 65.63 });
    // Element A: 1 + .75 + .5 + .75 + .25 = 3.25 over 5.
    expect(results.elements[0]?.unweighted.rate).toBe(65);
  });

  it('gives the index an interval from respondents, not answers', () => {
    // Residuals y − r·x with r = 5/8: .125, .125, −.25 → Σ² = .09375; var = 3/2 × .09375 / 8² → se 4.6875 points.
    const { index } = surveyResults(definition(), three, null);
    expect(index.unweighted.se).toBeCloseTo(4.688, 3);
    expect(index.unweighted.low).toBe(53.31);
    expect(index.unweighted.high).toBe(71.69);
  });

  it('says when a sample is too small and leaves such questions out of the weakest', () => {
    const results = surveyResults(definition('share', 3), three, null);
    expect(results.index.unweighted.enough).toBe(true);
    // q2 was answered by two respondents only.
    expect(results.questions.find((q) => q.code === 'q2')?.unweighted.enough).toBe(false);
    expect(weakestQuestions(results).map((q) => q.code)).toEqual(['q1', 'q3']);
  });
});

describe('the confidence interval', () => {
  it("is Wilson's for a known binomial case: 80 of 100", () => {
    const { low, high } = wilson(80, 100);
    expect(low).toBeCloseTo(0.7112, 4);
    expect(high).toBeCloseTo(0.8666, 4);
  });

  it('uses it for one yes-or-no answer per respondent', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ unitId: 1, x: 1, y: i < 80 ? 1 : 0 }));
    expect(unweighted(items, 30)).toMatchObject({
      rate: 80,
      low: 71.12,
      high: 86.66,
      respondents: 100,
      enough: true,
    });
  });
});

describe('weighting by dossiers', () => {
  const one = (unitId: number, satisfied: boolean): SurveyResponseRow => ({
    unitId,
    answers: { q3: satisfied ? 5 : 1 },
  });

  it('weighs each unit by its share of the dossiers, by hand', () => {
    // Unit 1: 2 of 2 satisfied, 100 dossiers; unit 2: 1 of 4, 300 dossiers → (100 × 1 + 300 × .25) / 400.
    const rows = [one(1, true), one(1, true), one(2, true), one(2, false), one(2, false), one(2, false)];
    const results = surveyResults(
      definition(),
      rows,
      new Map([
        [1, 100],
        [2, 300],
        [3, 600],
      ]),
    );
    expect(results.index.unweighted.rate).toBe(50);
    expect(results.index.weighted).toMatchObject({
      rate: 43.75,
      respondents: 6,
      coverage: 40,
      unweightedUnits: [],
    });
  });

  it('names a unit with no dossiers and gives it no weight', () => {
    const rows = [one(1, true), one(2, false)];
    const results = surveyResults(definition(), rows, new Map([[1, 10]]));
    expect(results.index.weighted).toMatchObject({ rate: 100, unweightedUnits: [2] });
  });

  const unitsArb = fc.array(
    fc.record({
      satisfied: fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }),
      dossiers: fc.integer({ min: 1, max: 5000 }),
    }),
    { minLength: 1, maxLength: 8 },
  );
  const rowsOf = (units: { satisfied: boolean[] }[]) =>
    units.flatMap((unit, index) => unit.satisfied.map((s) => one(index + 1, s)));
  const items = (rows: SurveyResponseRow[]) => clusters(definition(), rows, () => true);

  it('equals the unweighted figure when every unit has as many dossiers per response (equal counts, equal samples included)', () => {
    fc.assert(
      fc.property(unitsArb, fc.integer({ min: 1, max: 50 }), (units, perResponse) => {
        const rows = rowsOf(units);
        const dossiers = new Map(
          units.map((unit, index) => [index + 1, unit.satisfied.length * perResponse]),
        );
        const w = weighted(items(rows), dossiers, 1);
        const u = unweighted(items(rows), 1);
        expect(w.rate).toBeCloseTo(u.rate ?? Number.NaN, 6);
      }),
    );
  });

  it('stays within the units’ own figures when responses move between units and dossier counts stay', () => {
    fc.assert(
      fc.property(unitsArb, fc.nat(), (units, seed) => {
        const dossiers = new Map(units.map((unit, index) => [index + 1, unit.dossiers]));
        // Move one response from one unit to another (when the first keeps at least one).
        const from = seed % units.length;
        const to = (seed >> 3) % units.length;
        const moved = units.map((unit) => ({ ...unit, satisfied: [...unit.satisfied] }));
        const source = moved[from];
        if (source && source.satisfied.length > 1 && moved[to])
          moved[to].satisfied.push(source.satisfied.pop() as boolean);
        const rates = moved.map(
          (unit) => (100 * unit.satisfied.filter(Boolean).length) / unit.satisfied.length,
        );
        const w = weighted(items(rowsOf(moved)), dossiers, 1);
        expect(w.rate ?? Number.NaN).toBeGreaterThanOrEqual(Math.min(...rates) - 0.01);
        expect(w.rate ?? Number.NaN).toBeLessThanOrEqual(Math.max(...rates) + 0.01);
      }),
    );
  });
});

describe('a change between two periods', () => {
  const sample = (k: number, n: number) =>
    unweighted(
      Array.from({ length: n }, (_, i) => ({ unitId: 1, x: 1, y: i < k ? 1 : 0 })),
      30,
    );

  it('from 84 % to 86 % on 200 respondents each is not significant', () => {
    const change = changeBetween(sample(168, 200), sample(172, 200));
    expect(change).toMatchObject({ difference: 2, significant: false });
  });

  it('from 70 % to 86 % on 200 each is', () => {
    expect(changeBetween(sample(140, 200), sample(172, 200))).toMatchObject({
      difference: 16,
      significant: true,
    });
  });

  it('is never significant when a sample is below the minimum', () => {
    expect(changeBetween(sample(5, 20), sample(20, 20))?.significant).toBe(false);
  });
});
