import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, DEFAULT_BANDS, type Framework, frameworkMaximum, walkCriteria } from './framework.ts';
import { validateFramework } from './validate-framework.ts';

const DIR = new URL('../../reference/frameworks/', import.meta.url);
const shipped = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, framework: JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Framework }));

const sample = (): Framework => ({
  code: 'XA_2026',
  nameVi: 'Chỉ số CCHC cấp xã 2026',
  nameEn: 'Commune PAR index 2026',
  fromYear: 2026,
  toYear: 2026,
  status: 'confirmed',
  source: 'test',
  unit: 'points',
  grouping: 'bands',
  bands: DEFAULT_BANDS,
  criteria: [
    {
      code: 'XA.1',
      nameVi: 'Chỉ đạo, điều hành',
      maxPoints: 10,
      method: 'manual',
      children: [
        { code: 'XA.1.1', nameVi: 'Kế hoạch CCHC', maxPoints: 4, method: 'manual', evidenceRequired: true },
        { code: 'XA.1.2', nameVi: 'Báo cáo định kỳ', maxPoints: 6, method: 'manual' },
      ],
    },
  ],
});

describe('shipped frameworks', () => {
  it('includes PAPI 2018–2024 in three versions, PAR INDEX, SIPAS, DTI, PCI and the 766 index', () => {
    expect(shipped.map((file) => file.name).sort()).toEqual([
      'DTI-2022.json',
      'PAPI-2018.json',
      'PAPI-2019-2020.json',
      'PAPI-2021-2024.json',
      'PAR_INDEX-2022.json',
      'PCI-2017.json',
      'SERVICE_766-2025.json',
      'SIPAS-2023-2026.json',
    ]);
  });

  it.each(shipped.map((file) => [file.name, file.framework] as const))('%s is valid', (_name, framework) => {
    expect(validateFramework(framework)).toEqual([]);
  });

  it('follows the real PAPI structure changes', () => {
    const codes = (name: string) =>
      walkCriteria(shipped.find((file) => file.name === name)?.framework.criteria ?? []).map(
        (entry) => entry.criterion.code,
      );
    expect(codes('PAPI-2019-2020.json')).toContain('PAPI.5.2');
    expect(codes('PAPI-2021-2024.json')).not.toContain('PAPI.5.2');
    expect(codes('PAPI-2018.json')).not.toContain('PAPI.8.3');
    expect(codes('PAPI-2019-2020.json')).toContain('PAPI.8.3');
  });

  it('PAR INDEX is an editable template marked unconfirmed; the 766 index totals 100; DTI 1000', () => {
    const byName = (name: string) => shipped.find((file) => file.name === name)?.framework as Framework;
    expect(byName('PAR_INDEX-2022.json')).toMatchObject({ status: 'unconfirmed' });
    expect(byName('PAR_INDEX-2022.json').criteria.map((criterion) => criterion.code)).toEqual([
      'PAR.1',
      'PAR.2',
      'PAR.3',
      'PAR.4',
      'PAR.5',
      'PAR.6',
      'PAR.7',
      'PAR.8',
    ]);
    expect(frameworkMaximum(byName('PAR_INDEX-2022.json'))).toBeNull();
    expect(frameworkMaximum(byName('SERVICE_766-2025.json'))).toBe(100);
    expect(frameworkMaximum(byName('DTI-2022.json'))).toBe(1000);
  });
});

describe('validation names every problem', () => {
  it('accepts a well-formed provincial framework', () => {
    expect(validateFramework(sample())).toEqual([]);
  });

  it('refuses duplicate codes, codes outside their parent, and a parent whose maximum is not its children’s sum', () => {
    const framework = sample();
    const [first] = framework.criteria;
    if (!first?.children) throw new Error('sample');
    first.children.push({ code: 'XA.1.2', nameVi: 'Trùng', maxPoints: 1, method: 'manual' });
    first.children.push({ code: 'XB.9', nameVi: 'Lạc chỗ', maxPoints: 0, method: 'manual' });
    expect(validateFramework(framework)).toEqual([
      {
        at: 'XA.1',
        message: {
          vi: expect.stringContaining('khác tổng điểm các tiêu chí con 11'),
          en: expect.stringContaining('differs from the sum of its sub-criteria 11'),
        },
      },
      {
        at: 'XA.1.2',
        message: { vi: 'Mã tiêu chí "XA.1.2" bị trùng.', en: 'The criterion code "XA.1.2" is repeated.' },
      },
      {
        at: 'XB.9',
        message: {
          vi: 'Mã tiêu chí "XB.9" phải bắt đầu bằng mã cha "XA.1.".',
          en: 'The criterion code "XB.9" must start with its parent\'s code "XA.1.".',
        },
      },
    ]);
    first.aggregation = 'declared';
    expect(validateFramework(framework).map((issue) => issue.at)).toEqual(['XA.1.2', 'XB.9']);
  });

  it('refuses bands with a gap, an overlap, or that stop short of 100', () => {
    const framework = {
      ...sample(),
      bands: [
        { label: 'Tốt', from: 85, to: 95 },
        { label: 'Khá', from: 70, to: 80 },
        { label: 'Yếu', from: 0, to: 75 },
      ],
    };
    expect(validateFramework(framework).map((issue) => issue.message.vi)).toEqual([
      'Mức "Khá" chồng lên mức "Yếu".',
      'Khoảng trống giữa mức "Khá" và "Tốt" (80–85).',
      'Thang xếp loại không phủ đến 100 (dừng ở 95).',
    ]);
  });
});

describe('bands', () => {
  it('the default bands partition 0–100: every score has exactly one band', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (percent) => {
        const matching = DEFAULT_BANDS.filter(
          (band) => bandOf([band], percent) !== null && (percent < band.to || band.to === 100),
        );
        expect(matching).toHaveLength(1);
        expect(bandOf(DEFAULT_BANDS, percent)).toBe(matching[0]);
      }),
    );
    expect(bandOf(DEFAULT_BANDS, 90)?.label).toBe('Tốt');
    expect(bandOf(DEFAULT_BANDS, 89.99)?.label).toBe('Khá');
    expect(bandOf(DEFAULT_BANDS, 100)?.label).toBe('Tốt');
    expect(bandOf(DEFAULT_BANDS, 64.9)?.label).toBe('Yếu');
  });
});
