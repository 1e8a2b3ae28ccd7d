import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectVietnameseEncoding } from '../text/legacy-encoding.ts';
import { ratePercent, rollUpTree, sumRatios } from './rollup.ts';
import { targetStatus } from './targets.ts';

describe('ratio roll-up', () => {
  it("a province's rate is total on-time over total finished, not the mean of its communes' rates", () => {
    const communes = [
      { numerator: 9, denominator: 10 },
      { numerator: 500, denominator: 1000 },
    ];
    expect(ratePercent(sumRatios(communes))).toBeCloseTo((509 / 1010) * 100, 9);
    const meanOfRates = (90 + 50) / 2;
    expect(ratePercent(sumRatios(communes))).not.toBeCloseTo(meanOfRates, 1);
    expect(ratePercent({ numerator: 0, denominator: 0 })).toBeNull();
  });

  it('every ancestor gets exactly the sum of its subtree (property)', () => {
    // Tree: 1 ← 2, 3; 2 ← 4, 5; 3 ← 6.
    const parent: Record<number, number | null> = { 1: null, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3 };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 6, maxLength: 6 }), (pairs) => {
        const values = new Map(
          pairs.map(([a, b], i) => [i + 1, { numerator: Math.min(a, b), denominator: Math.max(a, b) }]),
        );
        const totals = rollUpTree(values, (id) => parent[id] ?? null);
        const all = sumRatios(values.values());
        expect(totals.get(1)).toEqual(all);
        const two = sumRatios([2, 4, 5].map((id) => values.get(id) ?? { numerator: 0, denominator: 0 }));
        expect(totals.get(2)).toEqual(two);
      }),
    );
  });
});

describe('target status', () => {
  const onTime = { operator: '>' as const, threshold: 95, riskMargin: 2 };
  it('"Trên 95% hồ sơ đúng hạn": met above, at risk within the margin, missed below', () => {
    expect(targetStatus(96.5, onTime)).toBe('met');
    expect(targetStatus(95, onTime)).toBe('at_risk');
    expect(targetStatus(93.5, onTime)).toBe('at_risk');
    expect(targetStatus(90, onTime)).toBe('missed');
    expect(targetStatus(null, onTime)).toBe('no_data');
  });
  it('a ceiling target ("≤ 2% trễ hạn") is at risk just above it', () => {
    const late = { operator: '<=' as const, threshold: 2, riskMargin: 0.5 };
    expect(targetStatus(1.5, late)).toBe('met');
    expect(targetStatus(2.3, late)).toBe('at_risk');
    expect(targetStatus(4, late)).toBe('missed');
  });
});

describe('legacy Vietnamese encodings', () => {
  const latin1 = (text: string) => Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
  it('recognises UTF-8, TCVN3 and VNI', () => {
    expect(detectVietnameseEncoding(new TextEncoder().encode('Mã hồ sơ,Sở Nội vụ,Hà Nội'))).toBe('utf8');
    expect(detectVietnameseEncoding(latin1('M· hå s¬,Së Néi vô,Hµ Néi,Ngµy tiÕp nhËn'))).toBe('tcvn3');
    expect(detectVietnameseEncoding(latin1('Maõ hoà sô,Sôû Noäi vuï,Haø Noäi,Ngaøy tieáp nhaän'))).toBe(
      'vni',
    );
  });
});
