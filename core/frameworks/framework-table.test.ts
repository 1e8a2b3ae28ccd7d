import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Framework } from './framework.ts';
import { frameworkFromTable, frameworkToTable } from './framework-table.ts';
import { validateFramework } from './validate-framework.ts';

/** The refusals as a Vietnamese reader reads them. */
const inVietnamese = <T extends { reason: { vi: string } }>(issues: T[]) =>
  issues.map((issue) => ({ ...issue, reason: issue.reason.vi }));

const DEMO: Framework = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
);
const META = { code: DEMO.code, nameVi: DEMO.nameVi, nameEn: DEMO.nameEn, fromYear: 2026, toYear: null };

describe('frameworks as spreadsheets', () => {
  it('round-trips a framework through its table', () => {
    const { headers, rows } = frameworkToTable(DEMO);
    const { framework, issues } = frameworkFromTable(META, headers, rows);
    expect(issues).toEqual([]);
    expect(framework?.criteria).toEqual(
      DEMO.criteria.map(({ children, ...area }) => ({
        ...area,
        children: children?.map((leaf) => ({ ...leaf })),
      })),
    );
    expect(validateFramework(framework as Framework)).toEqual([]);
  });

  it('builds the tree from codes in any order, sums empty parent totals, reads decimal commas', () => {
    const { framework } = frameworkFromTable(
      META,
      ['Mã tiêu chí', 'Tên tiêu chí', 'Điểm tối đa', 'Bắt buộc tài liệu kiểm chứng'],
      [
        ['A.1.2', 'Hai', '1,5', 'Có'],
        ['A.1', 'Lĩnh vực', '', ''],
        ['A.1.1', 'Một', '2', 'không'],
      ],
    );
    expect(framework?.criteria[0]).toMatchObject({
      code: 'A.1',
      maxPoints: 3.5,
      children: [
        { code: 'A.1.2', maxPoints: 1.5, evidenceRequired: true },
        { code: 'A.1.1', maxPoints: 2, evidenceRequired: false },
      ],
    });
    expect(framework?.status).toBe('confirmed');
  });

  it('names every bad row, column and reason, and builds nothing', () => {
    const { framework, issues } = frameworkFromTable(
      META,
      ['Mã tiêu chí', 'Tên tiêu chí', 'Điểm tối đa', 'Cách chấm'],
      [
        ['A.1', 'Lĩnh vực', '10', ''],
        ['A.1', 'Trùng', '2', ''],
        ['A.1.1', '', 'mười', 'bốc thăm'],
        ['B.2.1', 'Mồ côi', '1', ''],
        ['', '', '', ''],
      ],
    );
    expect(framework).toBeNull();
    expect(inVietnamese(issues)).toEqual([
      { row: 3, column: 'Mã tiêu chí', reason: 'Mã A.1 bị trùng.' },
      { row: 4, column: 'Tên tiêu chí', reason: 'Tên tiêu chí không được trống.' },
      { row: 4, column: 'Điểm tối đa', reason: '"mười" không phải số điểm hợp lệ.' },
      expect.objectContaining({ row: 4, column: 'Cách chấm' }),
      { row: 5, column: 'Mã tiêu chí', reason: 'Không có tiêu chí cha B.2.' },
    ]);
    expect(frameworkFromTable(META, ['Tên'], []).issues.map((issue) => issue.column)).toEqual([
      'Mã tiêu chí',
      'Tên tiêu chí',
      'Điểm tối đa',
    ]);
  });
});
