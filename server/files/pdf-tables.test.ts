import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { planTextToDocx, planTextToPdf } from '../test/plan-pdf.ts';
import { skipOcr } from '../test/scan-plan.ts';
import { TABLE_PLAN, TABLE_PLAN_TASKS } from '../test/table-plan.ts';
import { readDocument } from './documents.ts';
import { convertWithLibreOffice } from './libreoffice.ts';
import { recogniseScan } from './ocr.ts';
import { readOfficeFile } from './office.ts';
import { findSoffice } from './system-tools.ts';

/** What the importer takes from the table: every task's text (folded), lead units, deadline and dimension. */
function reading(text: string) {
  const plan = parsePlan(text);
  return {
    number: plan.document.number,
    tasks: plan.tasks.map((task) => ({
      text: foldVietnamese(task.text),
      lead: task.lead,
      support: task.support,
      due: task.due,
      dimension: task.dimension,
    })),
  };
}

async function pdfText(data: Buffer): Promise<string> {
  const read = await readDocument('ke-hoach.pdf', data);
  if (!('text' in read)) throw new Error('the PDF was taken for a scan');
  return read.text;
}

describe('a plan whose tasks are a table, as PDF', () => {
  const expected = reading(TABLE_PLAN);

  it('reads the source’s tasks (the figures the PDFs must match)', () => {
    expect(expected.number).toBe('52/KH-UBND');
    expect(expected.tasks[0]).toEqual({
      text: foldVietnamese(TABLE_PLAN_TASKS[0]?.[1] ?? ''),
      lead: ['Văn phòng UBND tỉnh'],
      support: ['Sở Tư pháp'],
      due: '2026-03-31',
      dimension: 'PAPI.5',
    });
    // Twelve tasks of the table under their group's dimension, then the one of "Tổ chức thực hiện".
    expect(expected.tasks.map((task) => [task.lead.join(', '), task.due, task.dimension])).toEqual([
      ['Văn phòng UBND tỉnh', '2026-03-31', 'PAPI.5'],
      ['UBND cấp xã', '2026-12-31', 'PAPI.5'],
      ['Sở Khoa học và Công nghệ', '2026-10-31', 'PAPI.5'],
      ['UBND cấp xã', '2026-09-30', 'PAPI.1'],
      ['Sở Tài chính', '2026-06-30', 'PAPI.1'],
      ['Sở Nội vụ', '2026-09-30', 'PAPI.4'],
      ['Sở Khoa học và Công nghệ', '2026-12-31', 'PAPI.4'],
      ['Sở Văn hóa, Thể thao và Du lịch', '2026-12-31', 'PAPI.4'],
      ['Sở Khoa học và Công nghệ', '2026-09-30', 'PAPI.8'],
      ['UBND cấp xã', '2026-12-31', 'PAPI.8'],
      ['Sở Nông nghiệp và Môi trường', '2026-09-30', 'PAPI.8'],
      ['Sở Nội vụ', '2026-11-30', 'PAPI.8'],
      ['Sở Nội vụ', '2026-12-31', null],
    ]);
  });

  it('typeset by pdf-lib, cells wrapped at their columns over two pages, reads as its source', async () => {
    const text = await pdfText(await planTextToPdf(TABLE_PLAN));
    expect(reading(text)).toEqual(expected);
  });

  const soffice = findSoffice();
  // Optional on a developer's machine; CI installs LibreOffice and sets CHISO_REQUIRE_LIBREOFFICE.
  it.skipIf(!soffice && !process.env.CHISO_REQUIRE_LIBREOFFICE)(
    'as a Word table printed to PDF by LibreOffice, reads as the .docx does',
    async () => {
      const docx = await planTextToDocx(TABLE_PLAN);
      const fromDocx = await readDocument('ke-hoach.docx', docx);
      if (!('text' in fromDocx)) throw new Error('the .docx was not read as text');
      const docxReading = reading(fromDocx.text);
      expect(docxReading.tasks.map((task) => task.text)).toEqual(expected.tasks.map((task) => task.text));
      const pdf = await convertWithLibreOffice(docx, { from: 'docx', to: 'pdf' });
      expect(reading(await pdfText(pdf))).toEqual(docxReading);
    },
    150_000,
  );

  // Tesseract reads each cell's lines as lines of their own; it may miss the narrow number column.
  it.skipIf(skipOcr)(
    'scanned (the first page at 300 dpi), reads its eight tasks’ lead units, deadlines and dimensions',
    async () => {
      const printed = await planTextToPdf(TABLE_PLAN);
      const { png } = await readOfficeFile({ kind: 'pdf-page', data: printed, page: 1, dpi: 300 });
      const text = await recogniseScan(
        'tesseract',
        { kind: 'image', data: Buffer.from(png), extension: '.png' },
        async () => {},
      );
      const scanned = reading(text);
      const fields = (task: (typeof expected.tasks)[number]) => [task.lead, task.due, task.dimension];
      expect(scanned.number).toBe('52/KH-UBND');
      expect(scanned.tasks.map(fields)).toEqual(expected.tasks.slice(0, 8).map(fields));
    },
    120_000,
  );
});
