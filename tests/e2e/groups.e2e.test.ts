import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  closesAfterSave,
  launchBrowser,
  type RunningServer,
  signInAs,
  startServer,
} from './harness.ts';

/** "UBND cấp xã" in one pick: the coordinator gives a task to every commune, a commune finds it on its list. */
let server: RunningServer;
let browser: Browser;
let coordinator: Page;
let reporter: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  coordinator = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  reporter = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await signInAs(coordinator, server, 'dieuphoi');
  await signInAs(reporter, server, 'baocao.phohien');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a task given to every commune', () => {
  it('is assigned in one pick and is on Phường Phố Hiến’s list of tasks', async () => {
    const api = await apiAs(server, 'dieuphoi');
    const me = await api('GET', '/api/auth/me');
    const province = me.json.user.grants[0].unitId as number;
    const plan = await api('POST', '/api/plans', {
      unitId: province,
      number: '7/KH-UBND',
      type: 'KH',
      issuedOn: null,
      title: 'Kế hoạch niêm yết thủ tục hành chính',
      year: 2026,
      indices: [],
      sections: [],
      tasks: [
        {
          ref: '1',
          text: 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa',
          index: null,
          dimension: null,
          leadNames: [],
          supportNames: [],
          due: '2026-12-31',
          recurrence: null,
        },
      ],
      targets: [],
      agencies: [],
    });
    expect(plan.status).toBe(201);
    const communes = await api('GET', `/api/unit-groups/members?key=type:commune&unitId=${province}`);
    const label = `Tất cả xã, phường (${communes.json.length})`;

    await coordinator.goto(`${server.url}/plans/${plan.json.id}`);
    await coordinator.getByRole('button', { name: '1', exact: true }).click();
    const dialog = coordinator.getByRole('dialog');
    const lead = dialog.locator('input').and(dialog.getByLabel('Chủ trì', { exact: true }));
    await lead.click();
    await coordinator.getByRole('option', { name: label, exact: true }).click();
    await lead.press('Escape');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = coordinator.getByRole('row').filter({ hasText: 'Niêm yết công khai' });
    await row.getByText(label).waitFor();
    await coordinator.screenshot({ path: join(tmpdir(), 'chiso-e2e-groups-plan.png') });

    // The board: the group is one row counting its communes, and opens to list each of them.
    await coordinator.getByRole('tab', { name: 'Kế hoạch của các đơn vị' }).click();
    const groupRow = coordinator.getByRole('row').filter({ hasText: 'Tất cả xã, phường' });
    await groupRow.getByText(`Chưa ban hành: ${communes.json.length}`, { exact: true }).waitFor();
    await groupRow.getByRole('button', { name: `${communes.json.length} đơn vị` }).click();
    await coordinator.getByRole('row').filter({ hasText: 'Phường Phố Hiến' }).waitFor();
    await coordinator.screenshot({ path: join(tmpdir(), 'chiso-e2e-groups-board.png'), fullPage: true });

    await reporter.goto(`${server.url}/tasks`);
    await reporter.getByText('Niêm yết công khai thủ tục hành chính tại bộ phận một cửa').first().waitFor();
    await reporter.screenshot({ path: join(tmpdir(), 'chiso-e2e-groups-tasks.png') });
  });
});

describe('saved groups on the Units page', () => {
  it('the coordinator names a group of communes, sees it counted, and deletes it after a confirmation', async () => {
    await coordinator.goto(`${server.url}/units`);
    await coordinator.getByRole('button', { name: 'Thêm nhóm' }).click();
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByLabel('Tên nhóm').fill('Các phường trung tâm');
    const members = dialog.locator('input').and(dialog.getByLabel('Các đơn vị trong nhóm', { exact: true }));
    await members.click();
    await members.fill('pho hien');
    await coordinator.getByRole('option', { name: 'Phường Phố Hiến', exact: true }).click();
    // The pick is in the field before the list is closed (Escape on a closed list would close the dialog).
    await dialog.locator('.mantine-Pill-root').filter({ hasText: 'Phường Phố Hiến' }).waitFor();
    if (await coordinator.getByRole('listbox').isVisible()) await members.press('Escape');
    expect(await dialog.getByLabel('Tên nhóm').inputValue()).toBe('Các phường trung tâm');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await closesAfterSave(dialog);
    const row = coordinator.getByRole('row').filter({ hasText: 'Các phường trung tâm' });
    await row.getByRole('cell', { name: '1', exact: true }).waitFor();
    await row.getByRole('button', { name: 'Xóa nhóm' }).click();
    const confirm = coordinator.getByRole('dialog');
    await confirm.getByText(/Xóa nhóm "Các phường trung tâm" \(1 đơn vị\)/).waitFor();
    await confirm.getByRole('button', { name: 'Xóa nhóm' }).click();
    await row.waitFor({ state: 'detached' });
  });
});
