import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObligation } from '../test/disclosure-register.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { pdfDocument } from '../test/pdf-reader.ts';

/**
 * The quarter's list of what a commune disclosed (Luật 10/2022 Điều 13 khoản 2), as the .docx it
 * posts: every posting begun in the quarter, by first day, with the form and the dates; another
 * quarter's and another commune's left out; the staff's notes never in it.
 */
let t: TestApp;
let reporterA: Session;
let reporterB: Session;
let unitA: number;
let unitB: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-04-20T09:00:00+07:00') });
  reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
  unitA = await unitIdByCode(t.database, COMMUNE_A);
  unitB = await unitIdByCode(t.database, COMMUNE_B);
  await recordObligation(
    reporterA,
    unitA,
    { itemCode: 'HO_NGHEO', title: 'Danh sách hộ nghèo năm 2026', decisionDate: '02/02/2026' },
    [
      { place: 'village', from: '04/02/2026', to: '08/03/2026', placeDetail: 'Nhà văn hóa khu phố 3' },
      { place: 'loudspeaker', from: '04/02/2026', to: '06/02/2026', note: 'Ghi chú nội bộ: loa hỏng' },
      { place: 'office', from: '03/02/2026' },
    ],
  );
  await recordObligation(
    reporterA,
    unitA,
    { itemCode: 'NS_DU_TOAN', title: 'Dự toán ngân sách phường năm 2026', decisionDate: '10/12/2025' },
    [
      // Begun in the quarter before: not in this quarter's list.
      { place: 'office', from: '20/12/2025' },
      { place: 'website', from: '31/03/2026' },
    ],
  );
  await recordObligation(
    reporterA,
    unitA,
    { itemCode: 'KE_HOACH_KT_XH', title: 'Kế hoạch phát triển kinh tế - xã hội', decisionDate: '30/03/2026' },
    // Begun in the next quarter.
    [{ place: 'office', from: '01/04/2026' }],
  );
  await recordObligation(
    reporterB,
    unitB,
    { itemCode: 'NS_QUYET_TOAN', title: 'Quyết toán ngân sách xã B', decisionDate: '10/01/2026' },
    [{ place: 'office', from: '15/01/2026' }],
  );
}, 120_000);
afterAll(() => t.close());

const download = (session: Session, unitId: number, quarter: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/disclosures/units/${unitId}/quarter-list?quy=${quarter}`,
    headers: { cookie: session.cookie },
  });

/** The document's paragraphs and table cells as lines of text. */
async function linesOf(payload: Buffer): Promise<string[]> {
  const xml = (await (await JSZip.loadAsync(payload)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter((line) => line.length > 0);
}

describe('the quarter’s list of disclosures', () => {
  it('lists every posting begun in the quarter, by first day, with its form and dates, as a notice', async () => {
    const response = await download(reporterA, unitA, '2026Q1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(String(response.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('Danh sách công khai Quý I-2026 Phường Phố Hiến.docx')}`,
    );
    const lines = await linesOf(response.rawPayload);
    expect(lines).toContain('THÔNG BÁO');
    expect(lines).toContain('Danh sách thông tin đã công khai quý I/2026');
    const start = lines.indexOf('Hình thức và thời điểm công khai');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 15)).toEqual([
      '1',
      'Danh sách hộ nghèo năm 2026',
      '(Danh sách hộ nghèo, hộ cận nghèo (quy trình và kết quả bình xét); chính sách hỗ trợ)',
      '01/QĐ-UBND, ngày 02/02/2026',
      'Trụ sở HĐND, UBND: từ 03/02/2026, đang công khai',
      'Hệ thống loa truyền thanh: từ 04/02/2026 đến 06/02/2026',
      'Nhà văn hóa, điểm sinh hoạt cộng đồng thôn, tổ dân phố (Nhà văn hóa khu phố 3): từ 04/02/2026 đến 08/03/2026',
      '2',
      'Dự toán ngân sách phường năm 2026',
      '(Dự toán ngân sách xã được Hội đồng nhân dân xã quyết định)',
      '01/QĐ-UBND, ngày 10/12/2025',
      'Cổng, trang thông tin điện tử: từ 31/03/2026, đang công khai',
      expect.stringMatching(/^Thông tin đã hết thời hạn công khai được cung cấp khi có yêu cầu/),
      'Nơi nhận:',
    ]);
    const text = lines.join('\n');
    expect(text).not.toContain('20/12/2025');
    expect(text).not.toContain('Kế hoạch phát triển kinh tế');
    expect(text).not.toContain('Quyết toán ngân sách xã B');
    expect(text).not.toContain('Ghi chú nội bộ');
    expect(text).toContain('khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở');
  });

  it('is also a PDF with format=pdf, named as the .docx, its table read back row by row', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/disclosures/units/${unitA}/quarter-list?quy=2026Q1&format=pdf`,
      headers: { cookie: reporterA.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(String(response.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('Danh sách công khai Quý I-2026 Phường Phố Hiến.pdf')}`,
    );
    const { title, lines } = await pdfDocument(response.rawPayload);
    expect(title).toBe('Danh sách thông tin đã công khai quý I/2026');
    expect(lines).toContain('THÔNG BÁO');
    expect(lines).toContain('Danh sách thông tin đã công khai quý I/2026');
    expect(lines).toContain('| STT | Thông tin đã công khai | Văn bản | Hình thức và thời điểm công khai |');
    expect(lines.some((line) => line.startsWith('| 2 | Dự toán ngân sách phường năm 2026'))).toBe(true);
  });

  it('says so when nothing was disclosed in the quarter', async () => {
    const response = await download(reporterA, unitA, '2025Q3');
    expect(response.statusCode).toBe(200);
    const text = (await linesOf(response.rawPayload)).join('\n');
    expect(text).toContain('Trong quý III/2025, đơn vị không công khai thông tin nào.');
  });

  it('is refused for another commune (not told it exists) and for a code that is no quarter', async () => {
    expect((await download(reporterA, unitB, '2026Q1')).statusCode).toBe(404);
    const bad = await download(reporterA, unitA, '2026M03');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('quy: Chọn một quý, ví dụ 2026Q4.');
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/disclosures/units/${unitA}/quarter-list?quy=2026Q1`,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
