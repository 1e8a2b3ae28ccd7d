import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

// A coordinator changes the shipped questionnaire the only way there is: a new revision, its words
// edited (saved as typed), then published with a confirmation that says the earlier one stops.

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await signInAs(page, server, 'dieuphoi');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const NEW_TEXT = 'Nơi làm thủ tục có biển chỉ dẫn rõ ràng';

describe('questionnaires', () => {
  it('makes a revision of SIPAS, changes a question, publishes it and retires the one in use', async () => {
    await page.getByRole('navigation').getByText('Khảo sát hài lòng').click();
    const sipas = page.getByRole('region', { name: /Phiếu khảo sát sự hài lòng/ });
    const first = sipas.getByRole('row').filter({ hasText: 'Đang dùng' });
    await expect.poll(() => first.textContent()).toContain('22 câu chưa xác nhận');

    await first.getByRole('button', { name: 'Tạo phiên bản mới' }).click();
    await page.waitForURL(/\/surveys\/\d+\/edit$/);
    await expect.poll(() => page.getByText('Phiên bản 2').count()).toBeGreaterThan(0);
    const question = page.getByRole('textbox', { name: 'Câu hỏi DV1.1', exact: true });
    await question.fill(NEW_TEXT);
    await page.getByText(/Đã lưu lúc/).waitFor();

    await page.getByRole('button', { name: 'Công bố' }).click();
    const dialog = page.getByRole('dialog', { name: 'Công bố phiên bản 2?' });
    await expect
      .poll(() => dialog.textContent())
      .toContain(
        'Phiên bản 1 đang dùng sẽ ngừng nhận trả lời; các câu trả lời đã có vẫn giữ với phiên bản 1.',
      );
    await dialog.getByRole('button', { name: 'Công bố' }).click();
    await page.waitForURL((url) => url.pathname === '/surveys');

    const rows = sipas.getByRole('row');
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/^2Đang dùng/);
    await expect.poll(() => rows.nth(2).textContent()).toMatch(/^1Ngừng dùng/);
    const call = await apiAs(server, 'dieuphoi');
    const list = (await call('GET', '/api/surveys')).json as { id: number; revision: number; code: string }[];
    const second = list.find((survey) => survey.code === 'SIPAS' && survey.revision === 2);
    const detail = await call('GET', `/api/surveys/${second?.id}`);
    expect(detail.json.status).toBe('published');
    expect(detail.json.definition.questions[1]).toMatchObject({ code: 'DV1.1', textVi: NEW_TEXT });

    // The published revision opens read-only, with the way to change it.
    await page.goto(`${server.url}/surveys/${second?.id}/edit`);
    await page.getByRole('button', { name: 'Tạo phiên bản mới để sửa' }).waitFor();
    expect(
      await page.getByRole('textbox', { name: 'Câu hỏi DV1.1', exact: true }).getAttribute('readonly'),
    ).not.toBeNull();
  });
});
