import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkCriteria } from '../../core/frameworks/framework.ts';
import {
  fillRoundDialog,
  launchBrowser,
  type RunningServer,
  resizeTo,
  signInAs,
  startServer,
} from './harness.ts';

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
  method: 'GET' | 'PATCH' | 'POST',
  url: string,
  body:
    | { data: unknown }
    | { multipart: Record<string, { name: string; mimeType: string; buffer: Buffer }> }
    | Record<string, never> = {},
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
    const dialog = await fillRoundDialog(p, 'Đánh giá CCHC cấp xã năm 2026');
    // How the ranking treats communes that never send their sheet is stated when the round opens.
    await expect(
      dialog
        .locator('input')
        .and(dialog.getByLabel('Đơn vị không nộp bản tự đánh giá', { exact: true }))
        .inputValue(),
    ).resolves.toMatch(/không chấm điểm, không xếp loại, không xếp hạng/);
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
    // Saved as typed: no button to press.
    await p
      .getByRole('row')
      .filter({ hasText: 'XA.1.1' })
      .getByText(/Đã lưu lúc/)
      .waitFor();
    await p.getByText('3 / 100').waitFor();
    // The rest through the API, as a bulk entry would.
    const [, , roundId] = roundUrl.split('/').filter(Boolean);
    const unitId = new URL(p.url()).pathname.split('/').at(-1);
    const sheet = await (
      await apiAs('baocao.phohien', 'GET', `/api/rounds/${roundId}/units/${unitId}`)
    ).json();
    const versions = new Map(
      sheet.criteria.map((entry: { code: string; version: number }) => [entry.code, entry.version]),
    );
    for (const { criterion } of LEAVES) {
      const base = `/api/rounds/${roundId}/units/${unitId}/scores/${criterion.code}`;
      const version = versions.get(criterion.code) ?? 0;
      expect(
        (
          await apiAs('baocao.phohien', 'PATCH', base, { data: { selfScore: criterion.maxPoints, version } })
        ).status(),
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
    // A file attached by mistake is removed after a confirmation that names the criterion.
    const row = p.getByRole('row').filter({ hasText: 'XA.1.1' });
    await row.locator('input[type="file"]').setInputFiles({
      name: 'nham.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%nham\n'),
    });
    await row.getByRole('button', { name: '2' }).click();
    await p.getByRole('dialog', { name: 'Minh chứng' }).getByRole('button', { name: 'Gỡ nham.pdf' }).click();
    const confirmRemove = p.getByRole('dialog', { name: 'Gỡ tệp "nham.pdf"?' });
    await confirmRemove.getByText('Tệp sẽ bị gỡ khỏi tiêu chí XA.1.1', { exact: false }).waitFor();
    await confirmRemove.getByRole('button', { name: 'Gỡ', exact: true }).click();
    const files = p.getByRole('dialog', { name: 'Minh chứng' });
    await files.getByRole('link', { name: 'XA.1.1.pdf' }).waitFor();
    expect(await files.getByRole('link', { name: 'nham.pdf' }).count()).toBe(0);
    await p.keyboard.press('Escape');
    await files.waitFor({ state: 'detached' });
    await row.getByRole('button', { name: '1', exact: true }).waitFor();
    await p.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }).click();
    // The confirmation says where it goes and until when it can still change.
    const confirm = p.getByRole('dialog', { name: 'Gửi bản tự đánh giá?' });
    await confirm.getByText(/sẽ được gửi tới hội đồng thẩm định .* đến hết hạn 30\/06\/2099/).waitFor();
    await confirm.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }).click();
    await p.getByText('Đơn vị đã gửi kết quả tự đánh giá.').waitFor();
  });

  it('the council appraises a criterion lower, with its reason', async () => {
    const coordinator = page('dieuphoi');
    await coordinator.goto(`${server.url}${roundUrl}`);
    await coordinator.getByRole('button', { name: /Chuyển sang: Thẩm định lần 1/ }).click();
    // 103 communes never sent theirs and the deadline is far off: the dialog says so, and wants a reason.
    const dialog = coordinator.getByRole('dialog', { name: 'Chuyển đợt đánh giá sang "Thẩm định lần 1"?' });
    await dialog
      .getByText('103/104 đơn vị chưa nộp bản tự đánh giá sẽ bị khóa, không nộp được nữa.')
      .waitFor();
    await dialog.getByText('Hạn của giai đoạn này là 30/06/2099, chưa đến.').waitFor();
    const confirm = dialog.getByRole('button', { name: 'Chuyển sang: Thẩm định lần 1' });
    expect(await confirm.isDisabled()).toBe(true);
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await resizeTo(coordinator, { width, height });
      await coordinator.screenshot({ path: join(tmpdir(), `chiso-e2e-stage-dialog-${width}.png`) });
    }
    await resizeTo(coordinator, { width: 1280, height: 800 });
    await dialog.getByLabel(/Lý do/).fill('UBND tỉnh rút ngắn thời gian tự đánh giá');
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await coordinator.getByRole('button', { name: /Chuyển sang: Đơn vị giải trình/ }).waitFor();
    const p = page('thamdinh');
    await p.goto(`${server.url}${roundUrl}`);
    await p.getByRole('link', { name: 'Phường Phố Hiến' }).click();
    await p.getByLabel('Thẩm định XA.3.2', { exact: true }).fill('6');
    await p.getByLabel('Lý do XA.3.2', { exact: true }).fill('Tỷ lệ hồ sơ đúng hạn 96%, không phải 100%');
    await p
      .getByRole('row')
      .filter({ hasText: 'XA.3.2' })
      .getByText(/Đã lưu lúc/)
      .waitFor();
    await p.getByText('98 / 100').waitFor();
  });

  it('the coordinator moves the round on to publication; the commune reads its rank and what it lost', async () => {
    const coordinator = page('dieuphoi');
    for (const stage of ['Đơn vị giải trình', 'Thẩm định lần 2', 'Tổng hợp, điểm thưởng/trừ', 'Đã công bố']) {
      await coordinator.getByRole('button', { name: `Chuyển sang: ${stage}` }).click();
      const dialog = coordinator.getByRole('dialog', { name: `Chuyển đợt đánh giá sang "${stage}"?` });
      if (stage === 'Đã công bố') await previewBeforePublishing(coordinator, dialog);
      await dialog.getByLabel(/Lý do/).fill('Theo kế hoạch của UBND tỉnh');
      await dialog.getByRole('button', { name: `Chuyển sang: ${stage}` }).click();
      await dialog.waitFor({ state: 'detached' });
      await coordinator.getByRole('button', { name: `Chuyển sang: ${stage}` }).waitFor({ state: 'detached' });
    }
    // Published: the round leads to its public page.
    const open = coordinator.getByRole('link', { name: 'Xem trên trang công khai' });
    expect(await open.getAttribute('href')).toBe(`/cong-khai/ket-qua/${roundUrl.split('/').pop()}`);
    expect(await open.getAttribute('target')).toBe('_blank');
    const p = page('baocao.phohien');
    await p.goto(`${server.url}${roundUrl}/results`);
    const row = p.getByRole('row').filter({ hasText: 'Phường Phố Hiến' });
    await row.getByText('98').first().waitFor();
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe('1');
    await p.getByText(/XA\.3\.2 .*: −2/).waitFor();
    // The 103 communes that never sent theirs have no rank, score or band.
    await p.getByText('1/104 đơn vị tham gia xếp hạng.', { exact: false }).waitFor();
    expect(await p.getByRole('row').filter({ hasText: 'Không tham gia' }).count()).toBe(103);
    const other = p.getByRole('row').filter({ hasText: 'Không tham gia' }).first();
    await expect(other.getByRole('cell').first().textContent()).resolves.toBe('—');
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await resizeTo(p, { width, height });
      await p.screenshot({ path: join(tmpdir(), `chiso-e2e-results-${width}.png`) });
    }
  });

  it('the coordinator withdraws the publication with a reason; the commune no longer sees the results', async () => {
    const coordinator = page('dieuphoi');
    await coordinator.getByRole('button', { name: 'Thu hồi công bố' }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Thu hồi công bố kết quả?' });
    const confirm = dialog.getByRole('button', { name: 'Thu hồi công bố' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Lý do/).fill('Công bố trước khi hội đồng họp');
    await confirm.click();
    await coordinator.getByRole('button', { name: 'Chuyển sang: Đã công bố' }).waitFor();
    expect(await coordinator.getByRole('link', { name: 'Xem trên trang công khai' }).count()).toBe(0);
    const p = page('baocao.phohien');
    await p.reload();
    await p.getByText('Kết quả chưa được công bố.').waitFor();
  });
});

/**
 * In the confirmation of the publication: what citizens will see, and the preview of the exact public
 * page in a new tab (not public yet: the round is still in its final stage).
 */
async function previewBeforePublishing(coordinator: Page, dialog: ReturnType<Page['getByRole']>) {
  await dialog
    .getByText(
      'Người dân xem được bảng xếp hạng và các tiêu chí bị trừ điểm của từng đơn vị trên trang công khai, không cần đăng nhập.',
    )
    .waitFor();
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await resizeTo(coordinator, { width, height });
    await coordinator.screenshot({ path: join(tmpdir(), `chiso-e2e-publish-dialog-${width}.png`) });
  }
  const [preview] = await Promise.all([
    coordinator.context().waitForEvent('page'),
    dialog.getByRole('link', { name: 'Xem trước trang công khai' }).click(),
  ]);
  await preview.getByRole('heading', { level: 1, name: 'Đánh giá CCHC cấp xã năm 2026' }).waitFor();
  const main = (await preview.locator('main').textContent()) ?? '';
  expect(main).toContain('Bản xem trước: đây đúng là trang người dân sẽ thấy khi đợt đánh giá được công bố');
  const first = preview.getByRole('row').filter({ hasText: 'Phường Phố Hiến' });
  expect((await first.getByRole('cell').allTextContents()).slice(0, 2)).toEqual(['1', '98,00']);
  expect(await preview.getByRole('row').filter({ hasText: 'Không tham gia' }).count()).toBe(103);
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await resizeTo(preview, { width, height });
    await preview.screenshot({ path: join(tmpdir(), `chiso-e2e-round-preview-${width}.png`) });
  }
  await preview.close();
  await resizeTo(coordinator, { width: 1280, height: 800 });
}
