import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ensureHeader } from '../../core/plans/corpus/header.ts';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import { planTextToDocx, planTextToPdf } from '../test/plan-pdf.ts';
import { readDocument } from './documents.ts';
import { convertWithLibreOffice } from './libreoffice.ts';
import { findSoffice } from './system-tools.ts';

/** The seed plans with their full two-column header (the Hưng Yên seeds start at "Số:"). */
const SEEDS = [
  ['hung-yen-papi-2020', 'Ủy ban nhân dân tỉnh Hưng Yên'],
  ['hung-yen-cchc-2023', 'Ủy ban nhân dân tỉnh Hưng Yên'],
  ['quang-ngai-par-papi-2017', null],
] as const;
const seedText = (name: string, issuer: string | null) =>
  ensureHeader(
    readFileSync(new URL(`../../core/plans/fixtures/${name}.txt`, import.meta.url), 'utf8'),
    issuer,
  );

/** What a reader checks first: the document's particulars, the indices and every task's dimension. */
function reading(text: string) {
  const plan = parsePlan(text);
  const { number, issuedOn, issuer, signer, title } = plan.document;
  return {
    number,
    issuedOn,
    issuer,
    signer,
    title,
    indices: plan.indices,
    tasks: plan.tasks.length,
    dimensions: plan.tasks.map((task) => task.dimension),
  };
}

async function pdfText(fileName: string, data: Buffer): Promise<string> {
  const read = await readDocument(fileName, data);
  if (!('text' in read)) throw new Error(`${fileName} was taken for a scan`);
  return read.text;
}

describe('a PDF with a text layer', () => {
  it.each(SEEDS)(
    'reads %s typeset by pdf-lib as the importer reads its source text',
    async (name, issuer) => {
      const source = seedText(name, issuer);
      const expected = reading(source);
      // The seeds' own figures, so an importer that reads nothing cannot pass by reading nothing twice.
      expect(expected.number).toMatch(/^\d+\/(KH|QĐ)-UBND$/);
      expect(expected.tasks).toBeGreaterThan(60);
      const text = await pdfText(`${name}.pdf`, await planTextToPdf(source));
      expect(reading(text)).toEqual(expected);
    },
  );

  it('writes the header’s columns apart, left first, and drops the page numbers', async () => {
    const [name, issuer] = SEEDS[0];
    const text = await pdfText('ke-hoach.pdf', await planTextToPdf(seedText(name, issuer)));
    expect(text.split('\n').slice(0, 8)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
      'Số: 29 /KH-UBND',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hưng Yên, ngày 27 tháng 02 năm 2020',
      '',
    ]);
    expect(text).not.toMatch(/^\d{1,2}$/m);
  });

  const soffice = findSoffice();
  // Optional on a developer's machine; CI installs LibreOffice and sets CHISO_REQUIRE_LIBREOFFICE.
  it.skipIf(!soffice && !process.env.CHISO_REQUIRE_LIBREOFFICE)(
    'reads a Word document printed to PDF by LibreOffice (header in a borderless table, justified paragraphs)',
    async () => {
      const [name, issuer] = SEEDS[2];
      const source = seedText(name, issuer);
      const pdf = await convertWithLibreOffice(await planTextToDocx(source), { from: 'docx', to: 'pdf' });
      expect(reading(await pdfText('ke-hoach.pdf', pdf))).toEqual(reading(source));
    },
    150_000,
  );

  it.skipIf(!soffice && !process.env.CHISO_REQUIRE_LIBREOFFICE)(
    'reads an old Word .doc through LibreOffice',
    async () => {
      const [name, issuer] = SEEDS[0];
      const source = seedText(name, issuer);
      const doc = await convertWithLibreOffice(await planTextToDocx(source), { from: 'docx', to: 'doc' });
      expect(doc.subarray(0, 4).toString('hex')).toBe('d0cf11e0');
      const read = await readDocument('ke-hoach.doc', doc);
      expect('text' in read && reading(read.text)).toEqual(reading(source));
    },
    150_000,
  );
});

describe('refusals', () => {
  it('refuses a .pdf that is not a PDF, a damaged PDF, an image or .doc that is not one, in words', async () => {
    await expect(readDocument('ke-hoach.pdf', Buffer.from('PK\u0003\u0004 a zip'))).rejects.toThrow(
      'Nội dung tệp không phải PDF như phần mở rộng .pdf cho biết.',
    );
    await expect(readDocument('ke-hoach.pdf', Buffer.from('%PDF-1.7\n1 0 obj broken'))).rejects.toThrow(
      'Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF).',
    );
    await expect(readDocument('anh.png', Buffer.from('%PDF-1.7'))).rejects.toThrow(
      'Nội dung tệp không phải ảnh PNG như phần mở rộng .png cho biết.',
    );
    await expect(readDocument('cu.doc', Buffer.from('x'))).rejects.toThrow(
      'Nội dung tệp không phải Word 97–2003 như phần mở rộng .doc cho biết.',
    );
    await expect(readDocument('bang.xlsx', Buffer.from('x'))).rejects.toThrow(
      'Chỉ nhận tệp .docx, .doc, .pdf, ảnh quét (.png, .jpg, .tif), .txt hoặc .md.',
    );
  });

  it.skipIf(!findSoffice() && !process.env.CHISO_REQUIRE_LIBREOFFICE)(
    'refuses a password-protected PDF saying how to remove the password',
    async () => {
      const encrypted = await convertWithLibreOffice(await planTextToDocx('KẾ HOẠCH\nThử nghiệm'), {
        from: 'docx',
        to: 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"mat-khau"}}',
      });
      await expect(readDocument('mat-khau.pdf', encrypted)).rejects.toThrow(
        'Tệp PDF có mật khẩu: hãy mở bằng trình đọc PDF, bỏ mật khẩu (in ra PDF mới) rồi tải lên lại.',
      );
    },
    150_000,
  );

  it('says a PDF with no text layer is a scan, with its page count', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    pdf.addPage();
    const read = await readDocument('quet.pdf', Buffer.from(await pdf.save()));
    expect(
      'scan' in read && { kind: read.scan.kind, pages: 'pages' in read.scan && read.scan.pages },
    ).toEqual({
      kind: 'pdf',
      pages: 2,
    });
  });
});
