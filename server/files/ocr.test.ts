import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import { SCAN_PLAN, scannedPlan, skipOcr } from '../test/scan-plan.ts';
import { readDocument } from './documents.ts';
import { assertCanRecognise, ocrProgressMessage, recogniseScan, type Scan } from './ocr.ts';

const source = parsePlan(SCAN_PLAN);

async function scanOf(fileName: string, data: Buffer): Promise<Scan> {
  const read = await readDocument(fileName, data);
  if (!('scan' in read)) throw new Error(`${fileName} was read as text`);
  return read.scan;
}

describe('ocrProgressMessage', () => {
  it('tells the page and the pages per minute with a decimal comma, in the starter’s language', () => {
    expect(ocrProgressMessage(3, 12, 42_857, 'vi')).toBe('Trang 3/12 — 4,2 trang/phút');
    expect(ocrProgressMessage(3, 12, 42_857, 'en')).toBe('Page 3/12 — 4.2 pages/min');
    expect(ocrProgressMessage(0, 12, 0, 'vi')).toBe('Trang 0/12 — đang nhận dạng trang đầu…');
    expect(ocrProgressMessage(0, 12, 0, 'en')).toBe('Page 0/12 — recognising the first page…');
  });
});

describe('without Tesseract', () => {
  it('says what is missing and what to do, in both languages', async () => {
    const scan: Scan = { kind: 'image', data: Buffer.from([0x89]), extension: '.png' };
    const refusal = await assertCanRecognise('/khong-co/tesseract', scan).catch((error) => error);
    expect(refusal.code).toBe('UNSUPPORTED_FILE');
    expect(refusal.text.vi).toContain(
      'máy chủ chưa cài nhận dạng chữ (Tesseract, gói tesseract-ocr và tesseract-ocr-vie)',
    );
    expect(refusal.text.vi).toContain('chép nội dung và dán vào ô văn bản');
    expect(refusal.text.en).toContain('apt-get install tesseract-ocr tesseract-ocr-vie');
  });
});

describe.skipIf(skipOcr)('a scan recognised with Tesseract’s Vietnamese model', () => {
  let files: { png: Buffer; pdf: Buffer };
  beforeAll(async () => {
    files = await scannedPlan();
  });

  /** Number and date read exactly; of the four tasks' dimensions, at least three as in the source (all four here). */
  function expectPlanRead(text: string) {
    const plan = parsePlan(text);
    expect(plan.document.number).toBe('45/KH-UBND');
    expect(plan.document.issuedOn).toBe('2026-03-15');
    expect(source.tasks.map((task) => task.dimension)).toEqual(['PAPI.1', 'PAPI.2', 'PAPI.5', 'PAPI.8']);
    const same = plan.tasks.filter((task, index) => task.dimension === source.tasks[index]?.dimension);
    expect(plan.tasks).toHaveLength(4);
    expect(same.length).toBeGreaterThanOrEqual(3);
  }

  it('reads a PDF holding only the scanned page, telling each page done', async () => {
    const scan = await scanOf('ke-hoach-quet.pdf', files.pdf);
    expect(scan).toMatchObject({ kind: 'pdf', pages: 1 });
    const pages: [number, number][] = [];
    const text = await recogniseScan('tesseract', scan, async (done, total) => {
      pages.push([done, total]);
    });
    expect(pages).toEqual([[1, 1]]);
    // The header's columns come apart, as from a text layer.
    expect(text.split('\n').slice(0, 3)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH HƯNG YÊN', 'Số: 45/KH-UBND']);
    expectPlanRead(text);
  }, 120_000);

  it('reads a scanned PNG', async () => {
    const text = await recogniseScan('tesseract', await scanOf('ke-hoach.png', files.png), async () => {});
    expectPlanRead(text);
  }, 120_000);
});
