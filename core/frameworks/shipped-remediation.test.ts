import { describe, expect, it } from 'vitest';
import type { Framework } from './framework.ts';
import { withShippedRemediation } from './framework.ts';

const base: Framework = {
  code: 'X',
  nameVi: 'Bộ thử',
  nameEn: 'Test',
  fromYear: 2025,
  toYear: null,
  status: 'confirmed',
  source: '',
  unit: 'points',
  grouping: 'bands',
  bands: [{ label: 'Tốt', from: 0, to: 100 }],
  criteria: [
    {
      code: 'X.1',
      nameVi: 'Khu vực',
      maxPoints: 5,
      method: 'manual',
      children: [
        { code: 'X.1.1', nameVi: 'Một', maxPoints: 2, method: 'manual' },
        { code: 'X.1.2', nameVi: 'Hai', maxPoints: 3, method: 'manual' },
      ],
    },
  ],
};
const text = (action: string) => ({ fullMarks: 'Đủ', action, lead: 'Sở Nội vụ' });

describe('withShippedRemediation', () => {
  it('adds the shipped texts where the stored version has none and keeps the coordinator’s own', () => {
    const stored = structuredClone(base);
    const own = stored.criteria[0]?.children?.[1];
    if (!own) throw new Error('fixture');
    own.remediation = text('Của điều phối viên');
    const shipped = structuredClone(base);
    const [first, second] = shipped.criteria[0]?.children ?? [];
    if (!first || !second) throw new Error('fixture');
    first.remediation = text('Gợi ý một');
    second.remediation = text('Gợi ý hai');
    const upgraded = withShippedRemediation(stored, shipped);
    expect(upgraded?.criteria[0]?.children?.map((criterion) => criterion.remediation?.action)).toEqual([
      'Gợi ý một',
      'Của điều phối viên',
    ]);
    // Everything else as stored, and the stored version untouched.
    expect(upgraded?.criteria[0]?.children?.map((criterion) => criterion.nameVi)).toEqual(['Một', 'Hai']);
    expect(stored.criteria[0]?.children?.[0]?.remediation).toBeUndefined();
    expect(withShippedRemediation(upgraded as Framework, shipped)).toBeNull();
  });

  it('adds nothing for codes the stored version does not have', () => {
    const shipped = structuredClone(base);
    shipped.criteria.push({
      code: 'X.2',
      nameVi: 'Mới',
      maxPoints: 1,
      method: 'manual',
      remediation: text('Mới'),
    });
    expect(withShippedRemediation(base, shipped)).toBeNull();
  });
});
