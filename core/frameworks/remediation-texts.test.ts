import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAPI_REMEDIATION } from '../indices/papi-remediation.ts';
import { AGENCY_TABLE } from '../plans/agency-table.ts';
import { type CriterionRemediation, type Framework, walkCriteria } from './framework.ts';
import { frameworkSchema } from './framework-schema.ts';
import { validateFramework } from './validate-framework.ts';

const read = (path: string): Framework =>
  JSON.parse(readFileSync(new URL(`../../reference/${path}`, import.meta.url), 'utf8'));
const COMMUNES = read('demo/framework-communes.json');
const PAR_INDEX = read('frameworks/PAR_INDEX-2022.json');

/** The commune's own offices since 1 July 2025 (Nghị định 150/2025/NĐ-CP). */
const COMMUNE_OFFICES = [
  'Văn phòng HĐND và UBND',
  'Phòng Kinh tế',
  'Phòng Văn hóa - Xã hội',
  'Trung tâm Phục vụ hành chính công',
];
/** Provincial units as named since the 2025 reorganisation, and the communes and the Front they work with. */
const PROVINCE_UNITS = [
  'Văn phòng UBND tỉnh',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Thanh tra tỉnh',
  'Công an tỉnh',
  'Bảo hiểm xã hội tỉnh',
  'UBND cấp xã',
  'Ủy ban MTTQ Việt Nam tỉnh',
];

const leaves = (framework: Framework) =>
  walkCriteria(framework.criteria)
    .map((entry) => entry.criterion)
    .filter((criterion) => !criterion.children?.length);
const unitsOf = (remediation: CriterionRemediation) => [remediation.lead, ...(remediation.support ?? [])];

describe('the shipped remediation texts', () => {
  it.each([
    ['the commune framework', COMMUNES],
    ['PAR INDEX', PAR_INDEX],
  ])('%s validates as a file and as an API body', (_name, framework) => {
    expect(validateFramework(framework)).toEqual([]);
    expect(frameworkSchema.safeParse(framework).error?.issues).toBeUndefined();
  });

  it('give every leaf of the commune framework a remediation led by one of the commune’s offices', () => {
    const communeLeaves = leaves(COMMUNES);
    expect(communeLeaves.map((criterion) => criterion.code)).toHaveLength(28);
    for (const { code, remediation } of communeLeaves) {
      expect(remediation?.fullMarks.trim(), code).toBeTruthy();
      expect(remediation?.action.trim(), code).toBeTruthy();
      expect(COMMUNE_OFFICES, code).toContain(remediation?.lead);
      for (const unit of remediation?.support ?? []) expect(COMMUNE_OFFICES, code).toContain(unit);
      expect(remediation?.support, code).not.toContain(remediation?.lead);
    }
    // The areas carry none: the remediation plan is drafted from the leaves a unit lost points on.
    expect(COMMUNES.criteria.filter((area) => area.remediation)).toEqual([]);
  });

  it('give every PAR INDEX area a remediation led by a provincial department under its 2025 name', () => {
    expect(PAR_INDEX.criteria.map((area) => [area.code, area.remediation?.lead])).toEqual([
      ['PAR.1', 'Sở Nội vụ'],
      ['PAR.2', 'Sở Tư pháp'],
      ['PAR.3', 'Văn phòng UBND tỉnh'],
      ['PAR.4', 'Sở Nội vụ'],
      ['PAR.5', 'Sở Nội vụ'],
      ['PAR.6', 'Sở Tài chính'],
      ['PAR.7', 'Sở Khoa học và Công nghệ'],
      ['PAR.8', 'Sở Nội vụ'],
    ]);
    for (const { code, remediation } of PAR_INDEX.criteria) {
      expect(remediation?.fullMarks.trim(), code).toBeTruthy();
      expect(remediation?.action.trim(), code).toBeTruthy();
      for (const unit of remediation?.support ?? []) expect(PROVINCE_UNITS, code).toContain(unit);
    }
    for (const [dimension, remediation] of Object.entries(PAPI_REMEDIATION))
      for (const unit of unitsOf(remediation)) expect(PROVINCE_UNITS, dimension).toContain(unit);
  });

  it('name units as plans are matched against them, and speak of no district level', () => {
    const canonical = new Set(AGENCY_TABLE.map((agency) => agency.name));
    const all = [
      ...leaves(COMMUNES).map((criterion) => criterion.remediation),
      ...PAR_INDEX.criteria.map((area) => area.remediation),
      ...Object.values(PAPI_REMEDIATION),
    ].filter((remediation) => remediation !== undefined);
    expect(all).toHaveLength(28 + 8 + 8);
    for (const remediation of all) {
      for (const unit of unitsOf(remediation)) expect(canonical.has(unit ?? ''), unit).toBe(true);
      // Districts were abolished on 1 July 2025, and "thị trấn" with them.
      expect(`${remediation.fullMarks} ${remediation.action}`).not.toMatch(/huyện|thị trấn/);
    }
  });
});
