import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfsigValidations } from '../../server/test/poppler.ts';
import { samplePng, testPki } from '../../server/test/signing-fixtures.ts';
import { apiAs, launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * Phường Phố Hiến issues its plan and signs it in Chiso (Nghị định 30/2020): the chairman opens the
 * plan's document, makes its PDF, signs after a confirmation naming his certificate and downloads it —
 * pdfsig finds the signature valid; the ward's clerk applies the seal; the province's coordinator opens
 * the plan and sees the document verified ("hợp lệ": the test CA is on the province's trust list).
 */
const SHOTS = '/tmp/document-signing-shots';
const NOW = '2026-12-07T09:00:00+07:00';
const TITLE = 'Kế hoạch cải thiện chỉ số PAPI của phường năm 2027';
let server: RunningServer;
let browser: Browser;
let planId: number;

async function session(username: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: server.logins.get(username) }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: number } };
  const upload = async (
    path: string,
    file: { name: string; data: Buffer },
    fields: Record<string, string> = {},
  ) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([new Uint8Array(file.data)]), file.name);
    const response = await fetch(`${server.url}${path}`, {
      method: path.endsWith('/image') ? 'PUT' : 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ id: number; version: number }>;
  };
  return { userId: user.id, upload };
}

async function newPage(size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: size, acceptDownloads: true });
  context.setDefaultTimeout(60_000);
  await context.clock.setFixedTime(new Date(NOW));
  return context.newPage();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ CHISO_NOW: NOW });
  browser = await launchBrowser();
  const admin = await apiAs(server, 'admin');
  const phoHien = (await admin('GET', `/api/units?q=${encodeURIComponent('Phường Phố Hiến')}&perPage=5`)).json
    .items[0].id as number;
  // The administrator: the chairman's own certificate, the ward's with its seal, the CA on the trust list.
  const adminFiles = await session('admin');
  const chairman = await session('chutich.phohien');
  const { p12, password, caPem } = testPki();
  await adminFiles.upload(
    `/api/units/${phoHien}/signing-certificates`,
    { name: 'chu-tich.p12', data: p12 },
    {
      kind: 'person',
      userId: String(chairman.userId),
      password,
    },
  );
  const ward = await adminFiles.upload(
    `/api/units/${phoHien}/signing-certificates`,
    { name: 'phuong.p12', data: p12 },
    {
      kind: 'organisation',
      password,
    },
  );
  await adminFiles.upload(`/api/signing-certificates/${ward.id}/image`, {
    name: 'dau.png',
    data: await samplePng('#d00000'),
  });
  const settings = await admin('GET', '/api/signing/settings');
  await adminFiles.upload(`/api/signing/trust?version=${settings.json.version}`, {
    name: 'goc.pem',
    data: Buffer.from(caPem),
  });
  // The ward's own plan.
  const head = await apiAs(server, 'chutich.phohien');
  const saved = await head('POST', '/api/plans', {
    unitId: phoHien,
    number: null,
    type: 'KH',
    issuedOn: null,
    place: 'Hưng Yên',
    issuer: 'Ủy ban nhân dân phường Phố Hiến',
    signer: 'Nguyễn Văn A',
    title: TITLE,
    year: 2027,
    indices: ['PAPI'],
    sections: [],
    tasks: [
      {
        ref: '1',
        text: 'Niêm yết công khai danh sách hộ nghèo tại nhà văn hóa các khu phố',
        index: 'PAPI',
        dimension: null,
        leadNames: ['UBND phường Phố Hiến'],
        supportNames: [],
        due: '2027-06-30',
        recurrence: null,
      },
    ],
    targets: [],
    agencies: [{ name: 'UBND phường Phố Hiến', unitId: phoHien }],
  });
  if (saved.status !== 201) throw new Error(`plan: ${saved.status} ${JSON.stringify(saved.json)}`);
  planId = saved.json.id;
  // Its number from the ward's register of outgoing documents.
  const clerk = await apiAs(server, 'vanthu.phohien');
  const numbered = await clerk('POST', '/api/documents/register', {
    unitId: phoHien,
    type: 'KH',
    title: TITLE,
    signerName: 'Nguyễn Văn A',
    sourceKind: 'plan',
    sourceId: String(planId),
  });
  if (numbered.status !== 201) throw new Error(`number: ${numbered.status} ${JSON.stringify(numbered.json)}`);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('signing the ward’s plan', () => {
  it('the chairman signs and downloads it, the clerk seals it, the coordinator sees it verified', {
    timeout: 400_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'chutich.phohien');
    await page.goto(`${server.url}/plans/${planId}`);
    const open = page.getByRole('link', { name: /^Mở văn bản 01\/KH-/ });
    await open.click();
    await page.getByRole('heading', { name: /^Văn bản số 01\/KH-/ }).waitFor();
    await page.getByText('Bước tiếp theo: tạo bản PDF của văn bản để thủ trưởng ký.').waitFor();
    await page.getByRole('button', { name: 'Tạo bản PDF để ký' }).click();
    await page.getByText('Bước tiếp theo: thủ trưởng ký số.').waitFor();
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Ký số văn bản 01\/KH-/ });
    await dialog
      .getByText(
        /bằng chứng thư số của Nguyễn Văn A \(UBND tỉnh Hưng Yên\), do Chiso Test Root CA cấp, còn hạn đến 01\/01\/2030/,
      )
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/sign-confirm-1440.png` });
    await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
    await page.getByText('Bước tiếp theo: văn thư đóng dấu số của cơ quan.').waitFor();
    await page.getByText('Người có thẩm quyền', { exact: true }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải văn bản (PDF)' }).click(),
    ]);
    const signed = readFileSync((await download.path()) as string);
    expect(await pdfsigValidations(signed)).toEqual(['Signature is Valid.']);
    await page.screenshot({ path: `${SHOTS}/signed-1440.png`, fullPage: true });

    // The ward's clerk was told, and applies the seal.
    const clerk = await newPage({ width: 390, height: 844 });
    await signInAs(clerk, server, 'vanthu.phohien');
    await clerk.goto(`${server.url}/documents/register`);
    await clerk
      .getByRole('link', { name: /^01\/KH-/ })
      .first()
      .click();
    await clerk.getByRole('button', { name: 'Đóng dấu số', exact: true }).click();
    const seal = clerk.getByRole('dialog', { name: /^Đóng dấu số văn bản 01\/KH-/ });
    await seal.getByRole('button', { name: 'Đóng dấu số', exact: true }).click();
    await clerk.getByText('Văn bản đã được ký số và đóng dấu số: sẵn sàng phát hành.').waitFor();
    await clerk.getByText('Con dấu số của cơ quan', { exact: true }).waitFor();
    expect(await clerk.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await clerk.screenshot({ path: `${SHOTS}/sealed-390.png`, fullPage: true });

    // The province's coordinator sees the plan's document verified.
    const coordinator = await newPage({ width: 1440, height: 900 });
    await signInAs(coordinator, server, 'dieuphoi');
    await coordinator.goto(`${server.url}/plans/${planId}`);
    await coordinator.getByRole('link', { name: /^Mở văn bản 01\/KH-/ }).waitFor();
    const badge = coordinator.getByRole('button', { name: /Đã ký số — hợp lệ/ });
    await badge.click();
    await coordinator
      .getByText(/Nguyễn Văn A/)
      .first()
      .waitFor();
    await coordinator.screenshot({ path: `${SHOTS}/coordinator-1440.png` });
    await resizeTo(coordinator, { width: 390, height: 844 });
    await coordinator.screenshot({ path: `${SHOTS}/coordinator-390.png`, fullPage: true });
  });
});
