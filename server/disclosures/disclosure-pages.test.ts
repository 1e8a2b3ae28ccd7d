import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegister, publishOn, TODAY } from '../test/disclosure-register.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

/**
 * The public register on 20/03/2026: what a commune disclosed now and before, with its places and
 * dates, and what it must disclose; never an obligation not put on the register, a staff note or a
 * file not marked public. The switch itself (publishing, withdrawing, the preview) is
 * disclosure-publication.test.ts.
 */
let t: TestApp;
let reporterA: Session;
let register: Awaited<ReturnType<typeof buildRegister>>;
let internalFile: number;
let publicFile: number;

const pdf = Buffer.from('%PDF-1.4\ndự toán\n%%EOF');

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(TODAY) });
  reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
  register = await buildRegister(
    reporterA,
    await unitIdByCode(t.database, COMMUNE_A),
    reporterB,
    await unitIdByCode(t.database, COMMUNE_B),
  );
  const internal = await reporterA.upload(
    `/api/disclosures/${register.onTime}/files`,
    'to-trinh-noi-bo.pdf',
    pdf,
  );
  internalFile = internal.json.files[0].id;
  const shown = await reporterA.upload(
    `/api/disclosures/${register.onTime}/files?public=true`,
    'du-toan-2026.pdf',
    pdf,
  );
  publicFile = shown.json.publicFileId;
  // Put on the public register by their recorders; the project and the plan stay off it.
  for (const id of [register.onTime, register.late, register.takenDown]) await publishOn(reporterA, id);
  await publishOn(reporterB, register.otherOnTime);
}, 120_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('the public register', () => {
  it('lets a visitor choose a unit and lists the latest disclosures, in the site’s menu', async () => {
    const page = await get('/cong-khai/thong-tin');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.body).toContain('<h1>Thông tin công khai</h1>');
    expect(page.body).toContain('aria-current="page">Thông tin công khai</a>');
    expect(page.body).toContain('<option value="phuong-pho-hien">Phường Phố Hiến</option>');
    expect(page.body).toContain('Quyết toán ngân sách xã năm 2025');
    const chosen = await get('/cong-khai/thong-tin?don_vi=phuong-pho-hien');
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/cong-khai/thong-tin/phuong-pho-hien');
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.body).toContain('<loc>http://localhost:3000/cong-khai/thong-tin/phuong-pho-hien</loc>');
  });

  it('shows a commune’s disclosures now and before, with places and dates, and what it must disclose', async () => {
    const page = await get('/cong-khai/thong-tin/phuong-pho-hien');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('<h1>Thông tin công khai: Phường Phố Hiến</h1>');
    const [now = '', rest = ''] = html.split('<h2>Đã công khai trước đây</h2>');
    const [before = '', required = ''] = rest.split('<h2>Những nội dung phải công khai</h2>');
    // Still posted: the budget (no end), the poor-household list, the contributions at the office.
    expect(now).toContain('Dự toán ngân sách phường năm 2026');
    expect(now).toContain('Danh sách hộ nghèo, hộ cận nghèo năm 2026');
    expect(now).toContain('Nhà văn hóa khu phố 3');
    expect(now).toContain('Hệ thống loa truyền thanh: từ 12/02/2026 đến 14/02/2026');
    expect(now).toContain(`href="/cong-khai/thong-tin/tep/${publicFile}"`);
    expect(before).not.toContain('<h3>');
    // Not on the register: the project and the plan (no record either) are not shown.
    expect(html).not.toContain('Dự án cải tạo đường khu phố 3');
    expect(html).not.toContain('Kế hoạch phát triển kinh tế - xã hội năm 2026</h3>');
    // The staff's note and the internal file never reach the page.
    expect(html).not.toContain('Ghi chú nội bộ');
    expect(html).not.toContain('to-trinh-noi-bo.pdf');
    expect(required).toContain('<dt>Nơi công khai</dt>');
    expect(required).toContain(
      'Danh sách hộ nghèo, hộ cận nghèo (quy trình và kết quả bình xét); chính sách hỗ trợ',
    );
    expect(required).toContain('loa truyền thanh ít nhất 3 ngày liên tục');
    expect(required).toContain('<span class="badge">chưa xác nhận</span>');
    const english = await get('/cong-khai/thong-tin/phuong-pho-hien?lang=en');
    expect(english.body).toContain('<h1>Public disclosures: Phường Phố Hiến</h1>');
    expect(english.body).toContain('Loudspeaker system: from 12/02/2026 to 14/02/2026');
  });

  it('moves a posting taken down to “before”, and answers an unknown unit with a 404 page', async () => {
    const sections = async () => {
      const page = await get('/cong-khai/thong-tin/xa-tan-hung');
      const [now = '', before = ''] = page.body.split('<h2>Đã công khai trước đây</h2>');
      return { now, before };
    };
    expect((await sections()).now).toContain('Quyết toán ngân sách xã năm 2025');
    expect((await sections()).before).not.toContain('Quyết toán ngân sách xã năm 2025');
    const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    const detail = await reporterB.request('GET', `/api/disclosures/${register.otherOnTime}`);
    for (const record of detail.json.recordList) {
      const ended = await reporterB.request('PUT', `/api/disclosures/records/${record.id}`, {
        place: record.place,
        from: record.from,
        to: '15/02/2026',
        version: record.version,
      });
      expect(ended.status).toBe(200);
    }
    const after = await sections();
    expect(after.now).not.toContain('Quyết toán ngân sách xã năm 2025');
    expect(after.before).toContain('Quyết toán ngân sách xã năm 2025');
    expect(after.before).toContain('Trụ sở HĐND, UBND: từ 15/01/2026 đến 15/02/2026');
    const missing = await get('/cong-khai/thong-tin/xa-khong-co');
    expect(missing.statusCode).toBe(404);
  });

  it('serves the file marked public, and no other', async () => {
    const file = await get(`/cong-khai/thong-tin/tep/${publicFile}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('du-toan-2026.pdf');
    expect((await get(`/cong-khai/thong-tin/tep/${internalFile}`)).statusCode).toBe(404);
    expect((await get('/cong-khai/thong-tin/tep/99999999')).statusCode).toBe(404);
  });
});
