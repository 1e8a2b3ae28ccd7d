import { describe, expect, it } from 'vitest';
import { attributeClosedUnits, commonAncestor, type UnitPlace } from './succession.ts';

// Today: province 1 ← communes 2, 3. History: district 10 ← communes 11, 12; 13 renamed to 14, merged into 3.
const units = new Map<number, UnitPlace>([
  [1, { path: '/1/', isActive: true }],
  [2, { path: '/1/2/', isActive: true }],
  [3, { path: '/1/3/', isActive: true }],
  [10, { path: '/10/', isActive: false }],
  [11, { path: '/10/11/', isActive: false }],
  [12, { path: '/10/12/', isActive: false }],
  [13, { path: '/10/13/', isActive: false }],
  [14, { path: '/10/14/', isActive: false }],
  [15, { path: '/15/', isActive: false }],
]);
const links = [
  { predecessorId: 11, successorId: 2 },
  { predecessorId: 12, successorId: 2 },
  { predecessorId: 13, successorId: 14 },
  { predecessorId: 14, successorId: 3 },
  { predecessorId: 10, successorId: 2 },
  { predecessorId: 10, successorId: 3 },
];

describe('closed units count toward the units carrying them today', () => {
  it('merges and chains of renames reach one unit', () => {
    const map = attributeClosedUnits([11, 12, 13], links, units);
    expect(map.get(11)).toBe(2);
    expect(map.get(12)).toBe(2);
    expect(map.get(13)).toBe(3);
  });

  it('a split counts once, toward the closest unit containing every successor', () => {
    expect(attributeClosedUnits([10], links, units).get(10)).toBe(1);
  });

  it('a closed unit without successors keeps its own figures; cycles stop', () => {
    expect(attributeClosedUnits([15], links, units).get(15)).toBe(15);
    const cycle = [
      { predecessorId: 13, successorId: 14 },
      { predecessorId: 14, successorId: 13 },
    ];
    expect(attributeClosedUnits([13], cycle, units).get(13)).toBe(13);
  });

  it('common ancestor of paths', () => {
    expect(commonAncestor(['/1/5/7/', '/1/5/9/'])).toBe(5);
    expect(commonAncestor(['/1/5/7/', '/2/'])).toBeNull();
    expect(commonAncestor(['/1/5/'])).toBe(5);
  });
});
