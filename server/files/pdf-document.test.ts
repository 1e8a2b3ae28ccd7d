import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pagesToText } from '../../core/text/page-lines.ts';
import { renderDocument } from './document-render.ts';
import type { DocumentSpec } from './document-spec.ts';
import { srgbIccProfile } from './pdf-a.ts';
import { A4, MARGIN, specToPdf } from './pdf-document.ts';
import { readPdfPages } from './pdf-parse.ts';

const task = (n: number) => [
  {
    text: `- Rà soát, công bố công khai đầy đủ thủ tục hành chính nhóm ${n} tại Trung tâm Phục vụ hành chính công.`,
  },
  { text: ' (Chủ trì: Sở Nội vụ; thời hạn: 31/03/2020)', italics: true },
];

const SPEC: DocumentSpec = {
  head: {
    issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
    number: '29/KH-UBND',
    type: 'KH',
    place: 'Hưng Yên',
    issuedOn: '2020-02-27',
    year: 2020,
    title: 'Cải cách hành chính nhà nước năm 2020',
    signer: 'Nguyễn Văn Phóng',
  },
  paragraphs: [
    [{ text: 'I. MỤC ĐÍCH, YÊU CẦU', bold: true }],
    ...Array.from({ length: 24 }, (_, n) => task(n + 1)),
    {
      table: {
        headers: ['STT', 'Nhiệm vụ', 'Tiến độ'],
        rows: Array.from({ length: 60 }, (_, n) => [String(n + 1), `Nhiệm vụ số ${n + 1}`, '50%']),
        numeric: [true, false, true],
        widths: [10, 70, 20],
      },
    },
  ],
  recipients: ['Bộ Nội vụ', 'Thường trực Tỉnh ủy'],
  annexes: [
    { heading: 'Phụ lục' },
    {
      table: {
        headers: ['STT', 'Đơn vị', 'Điểm'],
        rows: [
          ['1', 'Sở Nội vụ', '9,5'],
          ['2', 'Sở Tư pháp', '8,75'],
        ],
      },
    },
  ],
};
const CREATED = new Date('2026-03-01T10:00:00Z');

const rendered = specToPdf(SPEC, { created: CREATED });
const pages = rendered.then(({ data }) => readPdfPages(new Uint8Array(data)));
const piecesOf = async (index: number) => (await pages)[index]?.pieces ?? [];
const find = async (text: string) => {
  for (const [index, page] of (await pages).entries()) {
    const piece = page.pieces.find((candidate) => candidate.text.trim() === text);
    if (piece) return { page: index, ...piece };
  }
  throw new Error(`"${text}" is not in the PDF`);
};

describe('a document spec as a PDF in the layout of Nghị định 30/2020', () => {
  it('reads back with its header, title, body and footer, in that order', async () => {
    const lines = pagesToText(await pages).split('\n');
    const order = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
      'Số: 29/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hưng Yên, ngày 27 tháng 02 năm 2020',
      'KẾ HOẠCH',
      'Cải cách hành chính nhà nước năm 2020',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '- Rà soát, công bố công khai đầy đủ thủ tục hành chính nhóm 1 tại Trung tâm Phục vụ hành chính công. (Chủ trì: Sở Nội vụ; thời hạn: 31/03/2020)',
      '- Rà soát, công bố công khai đầy đủ thủ tục hành chính nhóm 24 tại Trung tâm Phục vụ hành chính công. (Chủ trì: Sở Nội vụ; thời hạn: 31/03/2020)',
      '| STT | Nhiệm vụ | Tiến độ |',
      '| 60 | Nhiệm vụ số 60 | 50% |',
      'Nơi nhận:',
      '- Bộ Nội vụ;',
      '- Thường trực Tỉnh ủy;',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn Phóng',
      '| 1 | Sở Nội vụ | 9,5 |',
      '| 2 | Sở Tư pháp | 8,75 |',
    ];
    const positions = order.map((line) => lines.indexOf(line));
    expect(positions.filter((position) => position < 0)).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is A4 with the decree’s margins, the body justified with a 1.27 cm first-line indent', async () => {
    const all = await pages;
    expect(all.length).toBe(5);
    expect(all.slice(0, 4).map((page) => [page.width, page.height])).toEqual(
      Array.from({ length: 4 }, () => [A4.width, A4.height]),
    );
    const body = (await piecesOf(1)).filter((piece) => piece.size === 14);
    const lefts = body.map((piece) => piece.x);
    // Paragraphs start 36 pt in, their wrapped lines at the margin; nothing runs into the right margin.
    expect(Math.min(...lefts)).toBeCloseTo(MARGIN.left, 1);
    expect(lefts.some((x) => Math.abs(x - (MARGIN.left + 36)) < 0.1)).toBe(true);
    const rightEdge = A4.width - MARGIN.right;
    expect(Math.max(...body.map((piece) => piece.x + piece.width))).toBeLessThanOrEqual(rightEdge + 0.5);
    // A justified line ends at the right margin: its last word's right edge is on it.
    const wrapped = body.filter((piece) => Math.abs(piece.x + piece.width - rightEdge) < 0.5);
    expect(wrapped.length).toBeGreaterThan(5);
    // The header's two columns share the top line: the parent body at the left, the motto at the right.
    const parent = await find('ỦY BAN NHÂN DÂN');
    const motto = await find('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect([parent.page, motto.page, parent.size, motto.size]).toEqual([0, 0, 12, 12]);
    expect(parent.y).toBeCloseTo(motto.y, 3);
    expect(parent.x + parent.width).toBeLessThan(motto.x);
    expect((await find('Hưng Yên, ngày 27 tháng 02 năm 2020')).size).toBe(13);
  });

  it('numbers the pages at the top from page 2, and repeats the table’s header on its next page', async () => {
    const all = await pages;
    const topNumbers = all.map((page) =>
      page.pieces
        .filter((piece) => piece.y < MARGIN.top && /^\d+$/.test(piece.text))
        .map((piece) => piece.text),
    );
    expect(topNumbers).toEqual([[], ['2'], ['3'], ['4'], ['5']]);
    const headers = all.map((page) => page.pieces.filter((piece) => piece.text === 'STT').length);
    // The table runs over pages 2 to 4, its header atop each; the annex's table has its own.
    expect(headers).toEqual([0, 1, 1, 1, 1]);
    const [first, second] = [await piecesOf(1), await piecesOf(2)].map((pieces) =>
      pieces.filter((piece) => piece.y > MARGIN.top).sort((a, b) => a.y - b.y || a.x - b.x),
    );
    expect(second?.[0]?.text).toBe('STT');
    expect(first?.some((piece) => piece.text === 'STT')).toBe(true);
  });

  it('puts the annex on a landscape page', async () => {
    const last = (await pages).at(-1);
    expect([last?.width, last?.height]).toEqual([A4.height, A4.width]);
    expect((await find('Phụ lục')).page).toBe(4);
  });

  it('leaves the signature box between the signer’s title and name, inside the page', async () => {
    const { signatureBox: box } = await rendered;
    const title = await find('CHỦ TỊCH');
    const signer = await find('Nguyễn Văn Phóng');
    expect([box.page, title.page, signer.page]).toEqual([3, 3, 3]);
    // In the PDF's space (origin at the bottom): the box's top is below the title's baseline and
    // above the signer's text; four 14 pt lines tall; the right column's width.
    const titleBaseline = A4.height - title.y;
    const signerTop = A4.height - signer.y + 14 * 0.891;
    expect(box.y + box.height).toBeLessThan(titleBaseline);
    expect(box.y).toBeGreaterThanOrEqual(signerTop - 0.01);
    expect(box.height).toBeCloseTo(4 * 14 * 1.15, 5);
    expect(box.width).toBeCloseTo((A4.width - MARGIN.left - MARGIN.right) / 2, 5);
    expect(box.x).toBeCloseTo(MARGIN.left + box.width, 5);
    expect(box.x + box.width).toBeLessThanOrEqual(A4.width - MARGIN.right + 0.01);
    expect(box.y).toBeGreaterThan(MARGIN.bottom);
    // The signer's name is centred under the box.
    expect(signer.x + signer.width / 2).toBeCloseTo(box.x + box.width / 2, 0);
  });

  it('carries the PDF/A-2b marks: XMP, sRGB output intent, Info matching, language, /ID, no encryption', async () => {
    const { data } = await rendered;
    expect(data.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    // A comment of bytes above 127 right after the header marks the file binary.
    expect([...data.subarray(10, 14)].every((byte) => byte > 127)).toBe(true);
    const pdf = await PDFDocument.load(data, { updateMetadata: false });
    const catalog = pdf.catalog;
    const metadata = catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    expect(metadata).toBeInstanceOf(PDFRawStream);
    expect(metadata.dict.get(PDFName.of('Filter'))).toBeUndefined();
    const xmp = Buffer.from(metadata.contents).toString('utf8');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Cải cách hành chính nhà nước năm 2020</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2026-03-01T10:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<pdf:Producer>Chiso</pdf:Producer>');
    expect(pdf.getTitle()).toBe('Cải cách hành chính nhà nước năm 2020');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(pdf.getModificationDate()?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(pdf.getProducer()).toBe('Chiso');
    expect(pdf.getCreator()).toBe('Chiso');
    expect(catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('vi');
    const intents = catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    const profile = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream;
    expect(profile).toBeInstanceOf(PDFRawStream);
    expect(profile.dict.get(PDFName.of('N'))?.toString()).toBe('3');
    expect(pdf.context.trailerInfo.ID).toBeInstanceOf(PDFArray);
    expect(pdf.context.trailerInfo.Encrypt).toBeUndefined();
    const trailer = data.subarray(data.lastIndexOf('trailer')).toString('latin1');
    expect(trailer).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
  });

  it('writes an ICC v2 sRGB display profile the PDF readers accept', () => {
    const icc = srgbIccProfile();
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    expect(icc.readUInt32BE(8)).toBe(0x02100000);
    expect(icc.subarray(12, 24).toString('latin1')).toBe('mntrRGB XYZ ');
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');
    const tags = Array.from({ length: icc.readUInt32BE(128) }, (_, at) => {
      const entry = 132 + at * 12;
      const offset = icc.readUInt32BE(entry + 4);
      return [
        icc.subarray(entry, entry + 4).toString('latin1'),
        icc.subarray(offset, offset + 4).toString('latin1'),
      ];
    });
    expect(tags).toEqual([
      ['desc', 'desc'],
      ['cprt', 'text'],
      ['wtpt', 'XYZ '],
      ['rXYZ', 'XYZ '],
      ['gXYZ', 'XYZ '],
      ['bXYZ', 'XYZ '],
      ['rTRC', 'curv'],
      ['gTRC', 'curv'],
      ['bTRC', 'curv'],
    ]);
    // The curve: 0 → 0, 1 → 1, mid-grey (0.5) → 21.4 % linear light.
    const curve = icc.readUInt32BE(132 + 6 * 12 + 4);
    const at = (index: number) => icc.readUInt16BE(curve + 12 + index * 2) / 65535;
    expect([at(0), at(1023)]).toEqual([0, 1]);
    expect(at(511)).toBeCloseTo(0.214, 3);
  });

  const pdffonts = (() => {
    try {
      execFileSync('pdffonts', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  // poppler-utils: optional on a developer's machine; CI installs it and sets CHISO_REQUIRE_POPPLER.
  it.skipIf(!pdffonts && !process.env.CHISO_REQUIRE_POPPLER)(
    'embeds every font, as subsets of Liberation Serif (pdffonts)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chiso-pdf-'));
      try {
        const file = join(dir, 'ke-hoach.pdf');
        writeFileSync(file, (await rendered).data);
        const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
        const fonts = rows.map((row) => row.split(/\s+/));
        expect(fonts.map((font) => font[0]?.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
          'LiberationSerif',
          'LiberationSerif-Bold',
          'LiberationSerif-BoldItalic',
          'LiberationSerif-Italic',
        ]);
        // Name, type ("CID TrueType"), encoding, then emb, sub, uni.
        expect(fonts.map((font) => font.slice(4, 7))).toEqual(
          Array.from({ length: 4 }, () => ['yes', 'yes', 'yes']),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('is rendered in a worker, which hands back the same signature box', async () => {
    const fromWorker = await renderDocument(SPEC, 'pdf');
    expect(fromWorker.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fromWorker.signatureBox).toEqual((await rendered).signatureBox);
    const docx = await renderDocument(SPEC, 'docx');
    expect(docx.data.readUInt32LE(0)).toBe(0x04034b50);
    expect(docx.signatureBox).toBeUndefined();
  });
});
