import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Framework, walkCriteria } from './framework.ts';
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

  it('writes the remediation in four columns, supporting units joined by "; ", and reads them back exactly', () => {
    const { headers, rows } = frameworkToTable(DEMO);
    expect(headers.slice(7)).toEqual([
      'Yêu cầu đạt điểm tối đa',
      'Nhiệm vụ khắc phục gợi ý',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
    ]);
    const row = rows.find((cells) => cells[0] === 'XA.3.3');
    expect(row?.slice(7)).toEqual([
      '100% hồ sơ quá hạn do lỗi của cơ quan giải quyết có văn bản xin lỗi gửi người nộp trước ngày hẹn trả, nêu rõ lý do và thời hạn trả kết quả mới, chỉ hẹn lại một lần.',
      'Gửi văn bản xin lỗi và hẹn lại ngày trả kết quả đối với 100% hồ sơ quá hạn do lỗi của cơ quan giải quyết, nêu rõ lý do và thời hạn trả mới; theo dõi việc trả kết quả đúng lần hẹn lại.',
      'Trung tâm Phục vụ hành chính công',
      'Văn phòng HĐND và UBND; Phòng Kinh tế; Phòng Văn hóa - Xã hội',
    ]);
    // An area without a remediation leaves the four cells empty.
    expect(rows.find((cells) => cells[0] === 'XA.3')?.slice(7)).toEqual(['', '', '', '']);
    const { framework } = frameworkFromTable(META, headers, rows);
    const read = walkCriteria(framework?.criteria ?? []).find((entry) => entry.criterion.code === 'XA.3.3');
    expect(read?.criterion.remediation).toEqual({
      fullMarks:
        '100% hồ sơ quá hạn do lỗi của cơ quan giải quyết có văn bản xin lỗi gửi người nộp trước ngày hẹn trả, nêu rõ lý do và thời hạn trả kết quả mới, chỉ hẹn lại một lần.',
      action:
        'Gửi văn bản xin lỗi và hẹn lại ngày trả kết quả đối với 100% hồ sơ quá hạn do lỗi của cơ quan giải quyết, nêu rõ lý do và thời hạn trả mới; theo dõi việc trả kết quả đúng lần hẹn lại.',
      lead: 'Trung tâm Phục vụ hành chính công',
      support: ['Văn phòng HĐND và UBND', 'Phòng Kinh tế', 'Phòng Văn hóa - Xã hội'],
    });
    expect(
      walkCriteria(framework?.criteria ?? []).find((entry) => entry.criterion.code === 'XA.3')?.criterion,
    ).not.toHaveProperty('remediation');
  });

  it('reads an older sheet without the remediation columns, and a task with no lead or units', () => {
    const { headers, rows } = frameworkToTable(DEMO);
    const { framework, issues } = frameworkFromTable(
      META,
      headers.slice(0, 7),
      rows.map((cells) => cells.slice(0, 7)),
    );
    expect(issues).toEqual([]);
    expect(walkCriteria(framework?.criteria ?? []).filter((entry) => entry.criterion.remediation)).toEqual(
      [],
    );
    expect(framework?.criteria.map((area) => area.maxPoints)).toEqual(
      DEMO.criteria.map((area) => area.maxPoints),
    );
    const { framework: bare } = frameworkFromTable(
      META,
      ['Mã tiêu chí', 'Tên tiêu chí', 'Điểm tối đa', 'Nhiệm vụ khắc phục gợi ý', 'Đơn vị phối hợp'],
      [['A.1', 'Một', '2', '  Làm lại kế hoạch. ', 'Phòng Kinh tế\nVăn phòng HĐND và UBND;; ']],
    );
    expect(bare?.criteria[0]?.remediation).toEqual({
      fullMarks: '',
      action: 'Làm lại kế hoạch.',
      support: ['Phòng Kinh tế', 'Văn phòng HĐND và UBND'],
    });
  });

  it('refuses a remediation without its task, naming the row and column', () => {
    const { framework, issues } = frameworkFromTable(
      META,
      ['Mã tiêu chí', 'Tên tiêu chí', 'Điểm tối đa', 'Yêu cầu đạt điểm tối đa', 'Đơn vị chủ trì'],
      [
        ['A.1', 'Một', '2', 'Đủ 8 lĩnh vực.', 'Phòng Kinh tế'],
        ['A.2', 'Hai', '1', '', 'x'.repeat(201)],
      ],
    );
    expect(framework).toBeNull();
    expect(inVietnamese(issues)).toEqual([
      { row: 2, column: 'Nhiệm vụ khắc phục gợi ý', reason: 'Thiếu nhiệm vụ gợi ý.' },
      { row: 3, column: 'Nhiệm vụ khắc phục gợi ý', reason: 'Thiếu nhiệm vụ gợi ý.' },
      { row: 3, column: 'Đơn vị chủ trì', reason: 'Tên đơn vị tối đa 200 ký tự.' },
    ]);
    expect(issues[0]?.reason.en).toBe('The suggested task is missing.');
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
