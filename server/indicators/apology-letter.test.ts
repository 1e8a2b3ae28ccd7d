import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, procedures } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { pdfDocument } from '../test/pdf-reader.ts';

let t: TestApp;
let reporter: Session;
let otherReporter: Session;
let leader: Session;

beforeAll(async () => {
  t = await createTestApp();
  reporter = await signInAs(t, 'unit_reporter', '11953');
  otherReporter = await signInAs(t, 'unit_reporter', '11983');
  leader = await signInAs(t, 'leader', '33');
  const phoHien = await unitIdByCode(t.database, '11953');
  await t.database.db
    .insert(procedures)
    .values({ code: 'HT-01', name: 'Đăng ký khai sinh', field: 'Hộ tịch' });
  const base = { unitId: phoHien, procedureCode: 'HT-01', field: 'Hộ tịch', channel: 'direct' };
  await t.database.db.insert(dossiers).values([
    {
      ...base,
      code: 'LATE-1',
      receivedAt: new Date('2026-02-02T02:00:00Z'),
      dueAt: new Date('2026-02-05T10:00:00Z'),
      finishedAt: new Date('2026-02-09T03:00:00Z'),
    },
    {
      ...base,
      code: 'OPEN-1',
      receivedAt: new Date('2026-02-02T02:00:00Z'),
      dueAt: new Date('2026-02-05T10:00:00Z'),
      finishedAt: null,
    },
    {
      ...base,
      code: 'ONTIME-1',
      receivedAt: new Date('2026-02-02T02:00:00Z'),
      dueAt: new Date('2026-02-05T10:00:00Z'),
      finishedAt: new Date('2026-02-04T03:00:00Z'),
    },
  ]);
});
afterAll(() => t.close());

const text = async (payload: Buffer) => {
  const xml = (await (await JSZip.loadAsync(payload)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
};

describe('the apology slip of a late dossier', () => {
  const download = (session: Session, code: string, query = '') =>
    t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${code}/apology-letter.docx${query}`,
      headers: { cookie: session.cookie },
    });

  it('is drafted in the format of Nghị định 30/2020 by the dossier’s unit, with the delay counted', async () => {
    const response = await download(reporter, 'LATE-1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Phiếu xin lỗi hồ sơ LATE-1.docx')}`,
    );
    const body = await text(response.rawPayload);
    expect(body).toContain('ỦY BAN NHÂN DÂN');
    expect(body).toContain('PHƯỜNG PHỐ HIẾN');
    expect(body).toContain('/PXL-UBND');
    expect(body).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(body).toContain('Ngày 02/02/2026, Ủy ban nhân dân phường Phố Hiến tiếp nhận hồ sơ mã số LATE-1');
    expect(body).toContain('“Đăng ký khai sinh” (lĩnh vực Hộ tịch)');
    expect(body).toContain('Hồ sơ được giải quyết xong ngày 09/02/2026, chậm 4 ngày so với thời hạn.');
    // A finished dossier: the new date is the day its result was ready.
    expect(body).toContain('và hẹn lại ngày trả kết quả là ngày 09/02/2026.');
    // A ward's letter is dated from the ward itself, not from the province.
    expect(body).toMatch(/Phố Hiến, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(body).not.toContain('Hưng Yên, ngày');
  });

  it('is also a PDF in the same layout, named as the .docx', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/dossiers/LATE-1/apology-letter.pdf',
      headers: { cookie: reporter.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Phiếu xin lỗi hồ sơ LATE-1.pdf')}`,
    );
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { title, lines } = await pdfDocument(response.rawPayload);
    expect(title).toBe('Hồ sơ LATE-1');
    for (const line of [
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG PHỐ HIẾN',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Hồ sơ LATE-1',
    ])
      expect(lines).toContain(line);
    expect(lines.join(' ')).toContain('và hẹn lại ngày trả kết quả là ngày 09/02/2026.');
  });

  it('of a dossier still open promises the new date the person chose, and refuses without one or with a past one', async () => {
    const missing = await download(reporter, 'OPEN-1');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('ngày hẹn trả kết quả');
    expect((await download(reporter, 'OPEN-1', '?newDate=2020-01-01')).statusCode).toBe(400);
    const response = await download(reporter, 'OPEN-1', '?newDate=2099-03-05');
    expect(response.statusCode).toBe(200);
    const body = await text(response.rawPayload);
    expect(body).toContain('Đến nay hồ sơ chưa được giải quyết xong');
    expect(body).toContain('thành thật xin lỗi Ông/Bà và hẹn lại ngày trả kết quả là ngày 05/03/2099.');
    expect(body).not.toContain('là ngày ……');
  });

  it('is refused for a dossier on time (400), of another unit as unknown (404), to a reader (403), and for an unknown code (404)', async () => {
    const onTime = await download(reporter, 'ONTIME-1');
    expect(onTime.statusCode).toBe(400);
    expect(onTime.json().error.message).toContain('không trễ hạn');
    expect((await download(otherReporter, 'LATE-1')).statusCode).toBe(404);
    expect((await download(leader, 'LATE-1')).statusCode).toBe(403);
    expect((await download(reporter, 'NO-SUCH')).statusCode).toBe(404);
  });
});
