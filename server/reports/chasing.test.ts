import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { findSoffice } from '../files/system-tools.ts';
import { documentXml, textOf } from '../test/docx-text.ts';
import { buildReport, signInAs } from '../test/factories.ts';
import { buildUser, createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import { pdfDocument } from '../test/pdf-reader.ts';

/** 22 December 2026, two days after the fourth quarter's reports were due. */
let t: TestApp;
let snvId: number;
beforeAll(async () => {
  t = await createTestApp({ now: fixedClock('2026-12-22T03:00:00Z') });
  snvId = await unitIdByCode(t.database, '33.SNV');
  await t.database.pool.query(
    'update units set head_name = $2, head_phone = $3, head_email = $4 where id = $1',
    [snvId, 'Nguyễn Văn An', '0912 345 678', 'giamdoc@snv.example.vn'],
  );
  bumpDataVersion();
  // Sở Tư pháp has sent its report; Sở Nội vụ has one reporter with an account, Phố Hiến its two demo accounts.
  await buildReport(t, { unitCode: '33.STP', periodCode: '2026Q4', submit: true });
  await buildUser(t.database, [{ role: 'unit_reporter', unitCode: '33.SNV' }]);
});
afterAll(() => t.close());

async function letterOf(period: string) {
  const coordinator = await signInAs(t, 'coordinator', '33');
  return t.app.inject({
    method: 'GET',
    url: `/api/reports/chasing-letter.docx?period=${period}`,
    headers: { cookie: coordinator.cookie },
  });
}

describe('chasing the units that have not sent their report', () => {
  it('shows each unit’s head with title, phone and e-mail on the board', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const board = (await coordinator.request('GET', '/api/reports?period=2026Q4')).json;
    const snv = board.units.find((entry: { unit: { id: number } }) => entry.unit.id === snvId);
    expect(snv.head).toEqual({
      name: 'Nguyễn Văn An',
      title: 'Giám đốc Sở',
      phone: '0912 345 678',
      email: 'giamdoc@snv.example.vn',
    });
    const commune = board.units.find((entry: { unit: { type: string } }) => entry.unit.type === 'commune');
    expect(commune.head).toEqual({ name: null, title: 'Chủ tịch UBND', phone: null, email: null });
  });

  it('says who a reminder reached and how, and who has no account', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const board = (await coordinator.request('GET', '/api/reports?period=2026Q4')).json;
    const unitIds = board.units.map((entry: { unit: { id: number } }) => entry.unit.id);
    expect(unitIds).toHaveLength(116);
    const sent = await coordinator.request('POST', '/api/reports/reminders', {
      periodCode: '2026Q4',
      unitIds,
    });
    expect(sent.status).toBe(200);
    // No SMTP server configured: told in the app only, where the unit has someone to tell.
    expect(sent.json.summary).toEqual({
      units: 115,
      reached: 2,
      inApp: 2,
      mailed: 0,
      failed: 0,
      noAccount: 113,
      noEmail: 114,
      skipped: 1,
      mailOff: true,
    });
    const snv = sent.json.results.find((result: { unit: { id: number } }) => result.unit.id === snvId);
    expect(snv).toMatchObject({ status: 'in_app', accounts: 1, recipients: ['giamdoc@snv.example.vn'] });
  });

  it('writes the công văn đôn đốc in the form of Nghị định 30/2020, listing the late units with their heads', async () => {
    const response = await letterOf('2026Q4');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(String(response.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('Công văn đôn đốc báo cáo quý IV năm 2026.docx')}`,
    );
    const { document } = await documentXml(response.rawPayload);
    const lines = textOf(document).split('\n');
    // Header (two columns): issuer with its number, no type part; national motto, place and date.
    for (const line of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
      'Số:      /UBND',
      'V/v đôn đốc gửi báo cáo quý IV/2026',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hưng Yên, ngày 22 tháng 12 năm 2026',
      'Kính gửi:',
      '- Các sở, ban, ngành tỉnh;',
      '- Ủy ban nhân dân các xã, phường.',
      'Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính, báo cáo quý IV/2026 (số liệu từ ngày 15/09/2026 đến ngày 14/12/2026) phải gửi chậm nhất ngày 20/12/2026. Đến ngày 22/12/2026, còn 115 cơ quan, đơn vị chưa gửi báo cáo, gồm:',
      'Đề nghị các cơ quan, đơn vị quan tâm, thực hiện./.',
      'Nơi nhận:',
      '- Như trên;',
      '- Chủ tịch, các Phó Chủ tịch UBND tỉnh (để báo cáo);',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ])
      expect(lines).toContain(line);
    // Communes first, then departments, each by name; Sở Nội vụ with the head the unit record names.
    const listed = lines.filter((line) => /^\d+\. /.test(line));
    expect(listed).toHaveLength(115);
    expect(listed[0]).toMatch(/^1\. Phường .+ \(Chủ tịch UBND\);$/);
    expect(listed).toContain(
      `${listed.findIndex((line) => line.includes('Sở Nội vụ')) + 1}. Sở Nội vụ (Giám đốc Sở Nguyễn Văn An, điện thoại 0912 345 678);`,
    );
    expect(listed.some((line) => line.includes('Sở Tư pháp'))).toBe(false);
    // A công văn has no type line, and no period code anywhere a person reads.
    expect(lines).not.toContain('CÔNG VĂN');
    expect(textOf(document)).not.toContain('2026Q4');
    // Two borderless tables: the header and the signature block.
    expect(document.match(/<w:tbl>/g)).toHaveLength(2);
  });

  it('is also a PDF, a công văn with its subject under the number and no type line', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/reports/chasing-letter.pdf?period=2026Q4',
      headers: { cookie: coordinator.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(String(response.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('Công văn đôn đốc báo cáo quý IV năm 2026.pdf')}`,
    );
    const { title, lines } = await pdfDocument(response.rawPayload);
    expect(title).toBe('đôn đốc gửi báo cáo quý IV/2026');
    for (const line of [
      'Số: /UBND',
      'V/v đôn đốc gửi báo cáo quý IV/2026',
      'Hưng Yên, ngày 22 tháng 12 năm 2026',
    ])
      expect(lines).toContain(line);
    expect(lines).not.toContain('CÔNG VĂN');
  });

  it('is refused when every unit has sent, and to whoever does not review reports', async () => {
    // A commune's coordinator chases their commune alone, which has sent its third-quarter report.
    await buildReport(t, { unitCode: '11977', periodCode: '2026Q3', submit: true });
    const commune = await signInAs(t, 'coordinator', '11977');
    const refused = await commune.request('GET', '/api/reports/chasing-letter.docx?period=2026Q3');
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe(
      'Mọi đơn vị đã gửi báo cáo quý III/2026: không cần công văn đôn đốc.',
    );
    const leader = await signInAs(t, 'leader', '33');
    expect((await leader.request('GET', '/api/reports/chasing-letter.docx?period=2026Q4')).status).toBe(403);
  });

  const soffice = findSoffice();
  it.skipIf(!soffice && !process.env.CHISO_REQUIRE_LIBREOFFICE)(
    'renders to PDF in LibreOffice (where installed)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chiso-chasing-'));
      try {
        const file = join(dir, 'cong-van.docx');
        writeFileSync(file, (await letterOf('2026Q4')).rawPayload);
        execFileSync(soffice as string, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
          timeout: 120_000,
          env: { ...process.env, HOME: dir },
        });
        expect(readFileSync(join(dir, 'cong-van.pdf')).subarray(0, 4).toString()).toBe('%PDF');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
