import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanDetail, PlanItem } from '../../core/plans/plan-views.ts';
import { findSoffice } from '../files/system-tools.ts';
import { docxParagraphs } from '../test/docx-reader.ts';
import { documentXml, textOf } from '../test/docx-text.ts';
import {
  assignmentNote,
  issuerAbbreviation,
  issuerLines,
  labelOf,
  placeDateLine,
  placeOfUnit,
  planToDocx,
  taskMarkerOf,
} from './plan-document.ts';

const item = (overrides: Partial<PlanItem>): PlanItem => ({
  id: 1,
  parentId: null,
  ref: 'II',
  kind: 'section',
  text: '',
  index: null,
  dimension: null,
  lead: [],
  support: [],
  leadGroups: [],
  supportGroups: [],
  leadNames: [],
  supportNames: [],
  due: null,
  recurrence: null,
  status: 'not_started',
  progress: 0,
  reportedProgress: 0,
  weight: 1,
  overdue: false,
  note: null,
  implementsItemId: null,
  remedies: null,
  evidenceCount: 0,
  version: 1,
  ...overrides,
});

const PLAN: PlanDetail = {
  id: 7,
  parentPlan: null,
  parts: null,
  remediatesRound: null,
  access: { write: true, issue: true, edit: true, reportItemIds: [] },
  number: '29/KH-UBND',
  type: 'KH',
  issuedOn: '2020-02-27',
  place: 'Hưng Yên',
  issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
  signer: 'Nguyễn Văn Phóng',
  title: 'Nâng cao Chỉ số Hiệu quả quản trị và hành chính công (PAPI) tỉnh Hưng Yên năm 2020',
  year: 2020,
  indices: ['PAPI'],
  unit: { id: 1, name: 'Ủy ban nhân dân tỉnh Hưng Yên' },
  parentPlanId: null,
  status: 'active',
  issuedAt: '2026-11-23T00:00:00.000Z',
  publishedAt: null,
  taskCount: 2,
  overdueCount: 0,
  progress: 0,
  createdAt: '2026-11-23T00:00:00.000Z',
  childPlansDue: null,
  leadShare: 100,
  warnings: [],
  version: 1,
  targets: [
    {
      id: 1,
      ref: 'I.2',
      text: 'Trên 95% số hồ sơ TTHC được trả kết quả đúng hạn',
      op: '>',
      value: 95,
      unit: '%',
      level: null,
      indicatorCode: null,
      periodCode: null,
      version: 1,
    },
  ],
  items: [
    item({ id: 1, ref: 'II', text: 'Nhiệm vụ và giải pháp thực hiện' }),
    item({ id: 2, parentId: 1, ref: 'II.5', text: 'Đối với nội dung “Thủ tục hành chính công”' }),
    item({
      id: 3,
      parentId: 2,
      ref: 'II.5.1',
      kind: 'task',
      text: 'Rà soát, công bố công khai đầy đủ thủ tục hành chính tại Trung tâm Phục vụ hành chính công.',
      lead: [{ id: 5, name: 'Sở Nội vụ' }],
      support: [{ id: 6, name: 'Văn phòng UBND tỉnh' }],
      due: '2020-03-31',
      recurrence: 'quarterly',
    }),
    item({
      id: 4,
      parentId: 2,
      ref: 'II.5.2',
      kind: 'task',
      text: 'Tiếp tục đẩy mạnh dịch vụ công trực tuyến.',
      leadNames: ['UBND cấp xã'],
    }),
  ],
};

describe('the parts of the format', () => {
  it('splits a People’s Committee into the parent line and the issuing body', () => {
    expect(issuerLines('Ủy ban nhân dân tỉnh Hưng Yên')).toEqual({
      parent: 'ỦY BAN NHÂN DÂN',
      body: 'TỈNH HƯNG YÊN',
    });
    expect(issuerLines('Sở Nội vụ')).toEqual({ parent: null, body: 'SỞ NỘI VỤ' });
  });

  it('abbreviates the issuer in a number left blank for the clerk', () => {
    expect(issuerAbbreviation('Ủy ban nhân dân tỉnh Hưng Yên')).toBe('UBND');
    expect(issuerAbbreviation('Sở Nội vụ tỉnh Hưng Yên')).toBe('SNV');
    expect(issuerAbbreviation(null)).toBe('');
  });

  it('dates a province’s documents from the province', () => {
    expect(placeOfUnit('Ủy ban nhân dân tỉnh Hưng Yên')).toBe('Hưng Yên');
    expect(placeOfUnit('UBND thành phố Hà Nội')).toBe('Hà Nội');
    expect(placeOfUnit('Sở Nội vụ')).toBeNull();
  });

  it('writes the date line with a 0 before days under 10 and months 1 and 2 only', () => {
    expect(placeDateLine('Hưng Yên', '2020-02-27', 2020)).toBe('Hưng Yên, ngày 27 tháng 02 năm 2020');
    expect(placeDateLine('Quảng Ngãi', '2017-03-05', 2017)).toBe('Quảng Ngãi, ngày 05 tháng 3 năm 2017');
    expect(placeDateLine('Hưng Yên', '2023-11-20', 2023)).toBe('Hưng Yên, ngày 20 tháng 11 năm 2023');
    expect(placeDateLine(null, null, 2026)).toBe('……, ngày     tháng     năm 2026');
  });

  it('labels headings as the decree numbers them', () => {
    expect(labelOf('II')).toBe('II. ');
    expect(labelOf('II.5')).toBe('5. ');
    expect(labelOf('II.1.a')).toBe('a) ');
    expect(labelOf('II.1.c-2')).toBe('');
    expect(labelOf('II-2')).toBe('II. ');
  });

  it('marks a task by its own letter or number, and unnumbered dashes by a dash', () => {
    expect(taskMarkerOf('II.1.a')).toBe('a) ');
    expect(taskMarkerOf('II-2.2.đ')).toBe('đ) ');
    expect(taskMarkerOf('IV.4')).toBe('4. ');
    expect(taskMarkerOf('II.1.a.1')).toBe('- ');
    expect(taskMarkerOf('II.5.2')).toBe('- ');
    expect(taskMarkerOf('1')).toBe('- ');
  });

  it('notes who leads, who coordinates, by when and how often', () => {
    expect(assignmentNote(PLAN.items[2] as PlanItem)).toBe(
      ' (Chủ trì: Sở Nội vụ; phối hợp: Văn phòng UBND tỉnh; thời hạn: 31/03/2020; hằng quý)',
    );
    expect(assignmentNote(PLAN.items[3] as PlanItem)).toBe(' (Chủ trì: UBND cấp xã)');
    expect(assignmentNote(item({ kind: 'task' }))).toBe('');
  });
});

describe('planToDocx', () => {
  it('produces the national format, read back from the file’s XML', async () => {
    const { document, styles, headers } = await documentXml(await planToDocx(PLAN));
    const text = textOf(document);
    for (const line of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
      'Số: 29/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hưng Yên, ngày 27 tháng 02 năm 2020',
      'KẾ HOẠCH',
      PLAN.title,
      'II. NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN',
      '5. Đối với nội dung “Thủ tục hành chính công”',
      '- Rà soát, công bố công khai đầy đủ thủ tục hành chính tại Trung tâm Phục vụ hành chính công. (Chủ trì: Sở Nội vụ; phối hợp: Văn phòng UBND tỉnh; thời hạn: 31/03/2020; hằng quý)',
      '- Trên 95% số hồ sơ TTHC được trả kết quả đúng hạn',
      'Nơi nhận:',
      '- Sở Nội vụ;',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn Phóng',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    // The header is a table, before the type name.
    expect(document.indexOf('<w:tbl>')).toBeGreaterThan(-1);
    expect(document.indexOf('<w:tbl>')).toBeLessThan(document.indexOf('KẾ HOẠCH'));
    // A4 portrait, left margin ≥ 30 mm, right 15–20 mm, top and bottom 20–25 mm.
    const size = document.match(/<w:pgSz w:w="(\d+)" w:h="(\d+)"/);
    expect([Number(size?.[1]), Number(size?.[2])]).toEqual([11906, 16838]);
    const margin = document.match(/<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/);
    const [top, right, bottom, left] = (margin?.slice(1) ?? []).map(Number) as number[];
    expect(left).toBeGreaterThanOrEqual(1701);
    expect(left).toBeLessThanOrEqual(1984);
    expect(right).toBeGreaterThanOrEqual(850);
    expect(right).toBeLessThanOrEqual(1134);
    for (const edge of [top, bottom]) {
      expect(edge).toBeGreaterThanOrEqual(1134);
      expect(edge).toBeLessThanOrEqual(1417);
    }
    // Times New Roman throughout; body justified with a first-line indent; page numbers from page 2.
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(document).not.toMatch(/w:ascii="(?!Times New Roman)/);
    expect(document).toContain('<w:jc w:val="both"/>');
    expect(document).toMatch(/<w:ind w:firstLine="720"\/>/);
    expect(document).toContain('<w:titlePg/>');
    expect(headers.join('')).toContain('PAGE');
  });

  it('writes a task with its letter, its number or a dash, as the document numbered it', async () => {
    const task = (id: number, parentId: number, ref: string, text: string) =>
      item({ id, parentId, ref, kind: 'task', text });
    const paragraphs = await docxParagraphs(
      await planToDocx({
        ...PLAN,
        targets: [],
        items: [
          item({ id: 1, ref: 'II', text: 'Nhiệm vụ, giải pháp' }),
          item({ id: 2, parentId: 1, ref: 'II.1', text: 'Cải cách thể chế' }),
          task(3, 2, 'II.1.a', 'Rà soát văn bản quy phạm pháp luật.'),
          item({ id: 4, parentId: 2, ref: 'II.1.b', text: 'Kiểm tra văn bản' }),
          task(5, 4, 'II.1.b.1', 'Kiểm tra văn bản của cấp huyện.'),
          task(6, 1, 'II.2', 'Công khai thủ tục hành chính.'),
        ],
      }),
    );
    const start = paragraphs.indexOf('II. NHIỆM VỤ, GIẢI PHÁP');
    expect(paragraphs.slice(start, start + 6)).toEqual([
      'II. NHIỆM VỤ, GIẢI PHÁP',
      '1. Cải cách thể chế',
      'a) Rà soát văn bản quy phạm pháp luật.',
      'b) Kiểm tra văn bản',
      '- Kiểm tra văn bản của cấp huyện.',
      '2. Công khai thủ tục hành chính.',
    ]);
  });

  it('leaves blanks, never "null", when the number and date are not known yet', async () => {
    const { document } = await documentXml(
      await planToDocx({
        ...PLAN,
        number: null,
        issuedOn: null,
        signer: null,
        place: null,
        issuer: 'Sở Nội vụ',
      }),
    );
    const text = textOf(document);
    expect(text).toContain('Số:      /KH-');
    expect(text).toContain('ngày     tháng     năm 2020');
    expect(text).toContain('SỞ NỘI VỤ');
    expect(text).not.toContain('null');
    expect(text).not.toContain('undefined');
  });

  const soffice = findSoffice();
  // Optional on a developer's machine; CI installs LibreOffice and sets CHISO_REQUIRE_LIBREOFFICE.
  it.skipIf(!soffice && !process.env.CHISO_REQUIRE_LIBREOFFICE)(
    'renders to PDF in LibreOffice (where installed)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chiso-docx-'));
      try {
        const file = join(dir, 'ke-hoach.docx');
        writeFileSync(file, await planToDocx(PLAN));
        execFileSync(soffice as string, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
          timeout: 120_000,
          env: { ...process.env, HOME: dir },
        });
        expect(readFileSync(join(dir, 'ke-hoach.pdf')).subarray(0, 4).toString()).toBe('%PDF');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
