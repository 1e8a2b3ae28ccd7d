import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkCriteria } from '../../core/frameworks/framework.ts';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

const DEMO = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
);
const LEAVES = walkCriteria(DEMO.criteria).filter((entry) => !entry.criterion.children?.length);

let server: RunningServer;
let browser: Browser;
const pages: Record<string, Page> = {};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const user of ['dieuphoi', 'baocao.phohien', 'thamdinh']) {
    const context = await browser.newContext({ locale: 'vi-VN' });
    pages[user] = await context.newPage();
    await signInAs(pages[user], server, user);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const page = (user: string) => pages[user] as Page;
let roundUrl = '';

/** Writes through the API as the signed-in user of a page (its cookie and CSRF token). */
async function apiAs(
  user: string,
  method: 'PATCH' | 'POST',
  url: string,
  body: { data: unknown } | { multipart: Record<string, { name: string; mimeType: string; buffer: Buffer }> },
) {
  const me = await page(user).request.get(`${server.url}/api/auth/me`);
  const csrf = (await me.json()).csrfToken;
  return page(user).request.fetch(`${server.url}${url}`, {
    method,
    headers: { 'x-csrf-token': csrf },
    ...body,
  });
}

describe('a commune goes through an assessment round to the published ranking', () => {
  it('the coordinator opens a round for every commune', async () => {
    const p = page('dieuphoi');
    await p.getByRole('navigation').getByText('Đánh giá, chấm điểm').click();
    await p.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Đợt đánh giá').fill('Đánh giá CCHC cấp xã năm 2026');
    await dialog.getByLabel('Khung chỉ số').click();
    await p.getByRole('option', { name: /cấp xã tỉnh Hưng Yên/ }).click();
    for (const [label, date] of [
      ['Đơn vị tự đánh giá', '30/06/2099'],
      ['Thẩm định lần 1', '31/07/2099'],
      ['Đơn vị giải trình', '15/08/2099'],
      ['Thẩm định lần 2', '31/08/2099'],
      ['Tổng hợp, điểm thưởng/trừ', '30/09/2099'],
    ])
      await dialog.getByLabel(label as string).fill(date as string);
    await dialog.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await p.getByRole('heading', { name: 'Đánh giá CCHC cấp xã năm 2026' }).waitFor();
    await p.getByRole('link', { name: 'Phường Phố Hiến' }).waitFor();
    expect(await p.getByRole('row').count()).toBe(105);
    roundUrl = new URL(p.url()).pathname;
  });

  it('the commune scores itself on the sheet, attaches evidence and sends it', async () => {
    const p = page('baocao.phohien');
    await p.goto(`${server.url}${roundUrl}`);
    await p.getByRole('link', { name: 'Phường Phố Hiến' }).click();
    await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    await p.getByLabel('Tự đánh giá XA.1.1', { exact: true }).fill('3');
    await p.getByLabel('Thuyết minh XA.1.1', { exact: true }).fill('Kế hoạch số 5/KH-UBND ngày 10/01/2026');
    await p.getByRole('row').filter({ hasText: 'XA.1.1' }).getByRole('button', { name: 'Lưu' }).click();
    await p.getByText('3 / 100').waitFor();
    // The rest through the API, as a bulk entry would.
    const [, , roundId] = roundUrl.split('/').filter(Boolean);
    const unitId = new URL(p.url()).pathname.split('/').at(-1);
    for (const { criterion } of LEAVES) {
      const base = `/api/rounds/${roundId}/units/${unitId}/scores/${criterion.code}`;
      expect(
        (await apiAs('baocao.phohien', 'PATCH', base, { data: { selfScore: criterion.maxPoints } })).status(),
      ).toBe(200);
      if (criterion.evidenceRequired)
        expect(
          (
            await apiAs('baocao.phohien', 'POST', `${base}/evidence`, {
              multipart: {
                file: {
                  name: `${criterion.code}.pdf`,
                  mimeType: 'application/pdf',
                  buffer: Buffer.from('%PDF-1.7'),
                },
              },
            })
          ).status(),
        ).toBe(201);
    }
    await p.reload();
    await p.getByText('100 / 100').waitFor();
    await p.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }).click();
    await p.getByText('Đơn vị đã gửi kết quả tự đánh giá.').waitFor();
  });

  it('the council appraises a criterion lower, with its reason', async () => {
    const coordinator = page('dieuphoi');
    await coordinator.goto(`${server.url}${roundUrl}`);
    await coordinator.getByRole('button', { name: /Chuyển sang: Thẩm định lần 1/ }).click();
    await coordinator.getByRole('button', { name: /Chuyển sang: Đơn vị giải trình/ }).waitFor();
    const p = page('thamdinh');
    await p.goto(`${server.url}${roundUrl}`);
    await p.getByRole('link', { name: 'Phường Phố Hiến' }).click();
    await p.getByLabel('Thẩm định XA.3.2', { exact: true }).fill('6');
    await p.getByLabel('Lý do XA.3.2', { exact: true }).fill('Tỷ lệ hồ sơ đúng hạn 96%, không phải 100%');
    await p.getByRole('row').filter({ hasText: 'XA.3.2' }).getByRole('button', { name: 'Lưu' }).click();
    await p.getByText('98 / 100').waitFor();
  });

  it('the coordinator moves the round on to publication; the commune reads its rank and what it lost', async () => {
    const coordinator = page('dieuphoi');
    for (const stage of ['Đơn vị giải trình', 'Thẩm định lần 2', 'Tổng hợp, điểm thưởng/trừ', 'Đã công bố']) {
      await coordinator.getByRole('button', { name: `Chuyển sang: ${stage}` }).click();
      await coordinator.getByRole('button', { name: `Chuyển sang: ${stage}` }).waitFor({ state: 'detached' });
    }
    const p = page('baocao.phohien');
    await p.goto(`${server.url}${roundUrl}/results`);
    const row = p.getByRole('row').filter({ hasText: 'Phường Phố Hiến' });
    await row.getByText('98').first().waitFor();
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe('1');
    await p.getByText(/XA\.3\.2 .*: −2/).waitFor();
    await p.screenshot({ path: join(tmpdir(), 'chiso-e2e-results.png') });
  });
});
