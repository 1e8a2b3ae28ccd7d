import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../server/signing/index.ts';
import { samplePdf, testPki } from '../../server/test/signing-fixtures.ts';
import { apiAs, launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let planId: number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A plan of the province with one task led by Phường Phố Hiến, whose reporter answers for it.
  const coordinator = await apiAs(server, 'dieuphoi');
  const reporter = await apiAs(server, 'baocao.phohien');
  const province = (await coordinator('GET', '/api/auth/me')).json.user.grants[0].unitId;
  const commune = (await reporter('GET', '/api/auth/me')).json.user.grants[0].unitId;
  const saved = await coordinator('POST', '/api/plans', {
    unitId: province,
    number: '12/KH-UBND',
    type: 'KH',
    issuedOn: null,
    title: 'Kế hoạch thử chữ ký số',
    year: 2026,
    indices: [],
    sections: [],
    tasks: [
      {
        ref: '1',
        text: 'Niêm yết công khai thủ tục hành chính',
        index: null,
        dimension: null,
        leadNames: ['UBND phường Phố Hiến'],
        supportNames: [],
        due: '2026-12-31',
        recurrence: null,
      },
    ],
    targets: [],
    agencies: [{ name: 'UBND phường Phố Hiến', unitId: commune }],
  });
  expect(saved.status).toBe(201);
  planId = saved.json.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Once the page's transitions (a popover fading in) have ended: a screenshot mid-fade shows little. */
async function settled(page: Page) {
  await page.evaluate(
    `Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)))`,
  );
}

const UNTRUSTED = 'Đã ký số — chưa xác định được nguồn tin cậy';

async function openTask(page: Page) {
  await page.goto(`${server.url}/plans/${planId}`);
  await page.getByRole('button', { name: '1', exact: true }).click();
  return page.getByRole('dialog', { name: 'Cập nhật nhiệm vụ 1' });
}

describe('a signed PDF attached to a task', () => {
  it('the reporter attaches it; the coordinator sees "Đã ký số" and the signer in its details, at 1440 and 390 px', async () => {
    const signed = await signPdf(await samplePdf(), {
      identity: testPki().identity,
      signingTime: new Date('2026-12-06T03:15:30Z'),
      reason: 'Biên bản niêm yết',
    });
    const reporter = await (
      await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } })
    ).newPage();
    await signInAs(reporter, server, 'baocao.phohien');
    let dialog = await openTask(reporter);
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'bien-ban-ky-so.pdf', mimeType: 'application/pdf', buffer: signed });
    await dialog.getByRole('link', { name: 'bien-ban-ky-so.pdf' }).waitFor();
    await dialog.getByText(UNTRUSTED).waitFor();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });

    const page = await (
      await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } })
    ).newPage();
    await signInAs(page, server, 'dieuphoi');
    dialog = await openTask(page);
    const badge = dialog.getByRole('button', {
      name: `${UNTRUSTED}. Chi tiết chữ ký số của bien-ban-ky-so.pdf`,
    });
    await badge.click();
    const details = page.getByRole('dialog', { name: 'Chi tiết chữ ký số của bien-ban-ky-so.pdf' });
    await details.waitFor();
    expect(await details.locator('p').allTextContents()).toEqual([
      'Người ký: Nguyễn Văn A',
      'Tổ chức: UBND tỉnh Hưng Yên',
      'Chứng thư do: Chiso Test Root CA',
      'Thời điểm ký: 06/12/2026 10:15:30',
      'Nguyên vẹn: Có',
      'Tin cậy: Không',
      'Lý do: Chứng thư số của người ký không xác thực được tới một tổ chức cung cấp dịch vụ chứng thực tin cậy.',
    ]);
    await settled(page);
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-signature-1440.png') });
    // Escape closes the details, not the task's dialog; they open again from the keyboard.
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    expect(await dialog.isVisible()).toBe(true);
    await badge.focus();
    await page.keyboard.press('Enter');
    await details.getByText('Nguyễn Văn A').waitFor();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });

    await resizeTo(page, { width: 390, height: 844 });
    await badge.click();
    await details.getByText('Nguyễn Văn A').waitFor();
    const box = await details.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await settled(page);
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-signature-390.png') });
  });
});
