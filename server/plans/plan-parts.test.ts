import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import type { AgencyMatch } from '../../core/plans/plan-views.ts';
import type { ParsedPlan } from '../../core/plans/types.ts';
import { readDocument } from '../files/documents.ts';
import { docxParagraphs } from '../test/docx-reader.ts';
import { planInputOf, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { pdfDocument } from '../test/pdf-reader.ts';

const SEED = readFileSync(
  new URL('../../core/plans/fixtures/hung-yen-cchc-2023.txt', import.meta.url),
  'utf8',
);

let t: TestApp;
let coordinator: Session;
let provinceId: number;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  provinceId = await unitIdByCode(t.database, '33');
});
afterAll(() => t.close());

interface Preview {
  plan: ParsedPlan;
  agencies: AgencyMatch[];
}

describe('an imported plan keeps the whole document', () => {
  it('saves the parts the importer read, and the export lays them out as the document did', async () => {
    const preview = await coordinator.request('POST', '/api/plans/preview', { text: SEED });
    expect(preview.status).toBe(200);
    const parts = (preview.json as Preview).plan.parts;
    expect(parts?.recipients[0]).toBe('Bộ Nội vụ');

    const saved = await coordinator.request(
      'POST',
      '/api/plans',
      planInputOf(preview.json as Preview, { unitId: provinceId, year: 2023 }),
    );
    expect(saved.status).toBe(201);
    expect(saved.json.parts).toEqual(parts);

    const reply = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${saved.json.id}/export.docx`,
      headers: { cookie: coordinator.cookie },
    });
    expect(reply.statusCode).toBe(200);
    const paragraphs = await docxParagraphs(reply.rawPayload);
    const at = (text: string) => paragraphs.indexOf(text);
    const order = [
      'Căn cứ Kế hoạch số 184/KH-UBND ngày 07/12/2021 của Ủy ban nhân dân tỉnh về cải cách hành chính nhà nước tỉnh Hưng Yên giai đoạn 2021-2025; Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính (CCHC) tỉnh Hưng Yên năm 2023 như sau:',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '2. Yêu cầu',
      'II. NHIỆM VỤ, GIẢI PHÁP',
      '1. Cải cách thể chế:',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Ban chỉ đạo cải cách hành chính tỉnh:',
      'Tham mưu giúp UBND tỉnh thực hiện công tác chỉ đạo, điều hành. Cụ thể:',
      '5. Sở Tư pháp:',
      'Nơi nhận:',
      '- Bộ Nội vụ;',
      '- Trung tâm Thông tin - Hội nghị tỉnh;',
      '- Lưu: VT.',
    ];
    const positions = order.map(at);
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The organisation section is written once, as the document wrote it, not again as tasks.
    expect(paragraphs.filter((paragraph) => paragraph.endsWith('TỔ CHỨC THỰC HIỆN'))).toEqual([
      'III. TỔ CHỨC THỰC HIỆN',
    ]);
    expect(paragraphs.filter((paragraph) => paragraph.startsWith('5. Sở Tư pháp'))).toHaveLength(1);
    // A task keeps the letter the document gave it.
    expect(
      paragraphs.some((paragraph) => paragraph.startsWith('a) Thể chế hóa các quy định của Hiến pháp')),
    ).toBe(true);
  });

  it('exports the same plan as a PDF that the importer reads back with the .docx’s number, title and tasks', async () => {
    const preview = await coordinator.request('POST', '/api/plans/preview', { text: SEED });
    const saved = await coordinator.request(
      'POST',
      '/api/plans',
      planInputOf(preview.json as Preview, { unitId: provinceId, year: 2023 }),
    );
    expect(saved.status).toBe(201);
    const download = (format: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/plans/${saved.json.id}/export.${format}`,
        headers: { cookie: coordinator.cookie },
      });
    const [docx, pdf] = [await download('docx'), await download('pdf')];
    expect([docx.statusCode, pdf.statusCode]).toEqual([200, 200]);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      String(docx.headers['content-disposition']).replaceAll('.docx', '.pdf'),
    );
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await pdfDocument(pdf.rawPayload);
    expect(read.title).toBe(saved.json.title);
    expect(read.lines).toContain(`Số: ${saved.json.number}`);

    const fromDocx = parsePlan(
      ((await readDocument('ke-hoach.docx', docx.rawPayload)) as { text: string }).text,
    );
    const fromPdf = parsePlan(
      ((await readDocument('ke-hoach.pdf', pdf.rawPayload)) as { text: string }).text,
    );
    // The .docx draws its rules with "─" characters, which the importer reads into the title; the PDF draws lines.
    expect(fromDocx.document.title).toBe(`${saved.json.title} ─────────────────`);
    expect(fromPdf.document).toEqual({ ...fromDocx.document, title: saved.json.title });
    expect(fromPdf.document.number).toBe(saved.json.number);
    expect(fromPdf.tasks.length).toBe(fromDocx.tasks.length);
    expect(fromPdf.tasks.length).toBeGreaterThan(40);
    const brief = (tasks: typeof fromPdf.tasks) =>
      tasks.map((task) => ({ ref: task.ref, text: task.text, lead: task.lead, due: task.due }));
    expect(brief(fromPdf.tasks)).toEqual(brief(fromDocx.tasks));
  });
});
