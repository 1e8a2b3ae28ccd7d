import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/**
 * Browser tests drive the real product: `node server/main.ts` on a fresh data folder (the same start
 * as `npm start`, with the web app built beforehand), and Debian's Chromium through playwright-core.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  logins: Map<string, string>;
  stop(): Promise<void>;
}

/** The product on a fresh data folder (the demo province), `env` on top of the browser tests' own. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chiso-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      CHISO_DATA_DIR: dataDir,
      PORT: String(port),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      // The browser tests import their own dossiers and count on them alone.
      CHISO_DEMO_DOSSIERS: 'false',
      // … and build their own plans, reports and rounds: no demo year (demo.e2e.test.ts turns it on).
      CHISO_DEMO_YEAR: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The first start prints each new login once: "  username  password   role — unit".
  const logins = new Map<string, string>();
  for (const match of output.matchAll(/^ {2}(\S+)\s+(\S{16})\s{3}/gm))
    logins.set(match[1] ?? '', match[2] ?? '');
  return {
    url,
    logins,
    stop: async () => {
      // A server already gone (ended from outside) sends no second 'exit': do not wait for one.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function signInAs(page: Page, server: RunningServer, username: string): Promise<void> {
  const password = server.logins.get(username);
  if (!password) throw new Error(`no printed login for ${username}`);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * The page at another size, once the layout has settled: the navigation slides away below the phone
 * breakpoint, and a screenshot taken mid-slide shows half of it. Waits for the page's running CSS
 * transitions and animations to finish, not for a fixed time.
 */
export async function resizeTo(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  // One frame for the new size's styles to start their transitions, then their ends (an expression
  // evaluated in the page, whose DOM types this Node project does not load).
  await page.evaluate(`(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  })()`);
}

/**
 * Waits for a dialog to close after its save; when it stays open, fails naming what it says (a refusal,
 * a field's error) instead of only timing out.
 */
export async function closesAfterSave(dialog: Locator): Promise<void> {
  try {
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  } catch (error) {
    const said = await dialog
      .locator('[role="alert"], .mantine-InputWrapper-error')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`the dialog stayed open${said.length ? `, saying: ${said.join(' | ')}` : ''}`, {
      cause: error,
    });
  }
}

/** Every stage of a browser test's round due in 2099 (as server/test/factories.ts FUTURE_DEADLINES). */
const ROUND_DEADLINES = {
  self: '30/06/2099',
  appraisal1: '31/07/2099',
  explanation: '15/08/2099',
  appraisal2: '31/08/2099',
  final: '30/09/2099',
};

/**
 * Fills the coordinator's "Mở đợt đánh giá" dialog for the demo commune framework, every stage due in
 * 2099, and returns it unsent, so a test can look at it before pressing "Mở đợt đánh giá".
 */
export async function fillRoundDialog(page: Page, name: string) {
  await page.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Đợt đánh giá').fill(name);
  await dialog.getByLabel('Khung chỉ số').click();
  await page.getByRole('option', { name: /cấp xã tỉnh Hưng Yên/ }).click();
  for (const [label, date] of [
    ['Đơn vị tự đánh giá', ROUND_DEADLINES.self],
    ['Thẩm định lần 1', ROUND_DEADLINES.appraisal1],
    ['Đơn vị giải trình', ROUND_DEADLINES.explanation],
    ['Thẩm định lần 2', ROUND_DEADLINES.appraisal2],
    ['Tổng hợp, điểm thưởng/trừ', ROUND_DEADLINES.final],
  ])
    await dialog.getByLabel(label as string).fill(date as string);
  return dialog;
}

/** A signed-in API client for setting the scene quickly (the browser part is what is tested). */
export async function apiAs(server: RunningServer, username: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: server.logins.get(username) }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json().catch(() => null)) as any };
  };
}

const SEED_PLAN = readFileSync(
  new URL('../../core/plans/fixtures/hung-yen-papi-2020.txt', import.meta.url),
  'utf8',
);

/**
 * The seed plan (000, Hưng Yên PAPI 2020) read by the importer and saved through the API by the page's
 * signed-in user, for its first granted unit; with `targets` the targets the document states. Its id.
 */
export async function createSeedPlan(
  page: Page,
  server: RunningServer,
  options: { targets?: boolean } = {},
): Promise<number> {
  const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as {
    csrfToken: string;
    user: { grants: { unitId: number }[] };
  };
  const headers = { 'x-csrf-token': me.csrfToken };
  const preview = await (
    await page.request.post(`${server.url}/api/plans/preview`, { headers, data: { text: SEED_PLAN } })
  ).json();
  const saved = await page.request.post(`${server.url}/api/plans`, {
    headers,
    data: {
      unitId: me.user.grants[0]?.unitId,
      number: preview.plan.document.number,
      type: 'KH',
      issuedOn: preview.plan.document.issuedOn,
      title: preview.plan.document.title,
      year: 2026,
      indices: preview.plan.indices,
      sections: preview.plan.sections,
      tasks: preview.plan.tasks.map((task: { lead: string[]; support: string[] }) => ({
        ...task,
        leadNames: task.lead,
        supportNames: task.support,
      })),
      targets: options.targets ? preview.plan.targets : [],
      agencies: preview.agencies.map((agency: { name: string; unit: { id: number } | null }) => ({
        name: agency.name,
        unitId: agency.unit?.id ?? null,
      })),
    },
  });
  if (saved.status() !== 201) throw new Error(`createSeedPlan: ${saved.status()} ${await saved.text()}`);
  return (await saved.json()).id;
}

/**
 * A round of the demo commune framework over the province's communes, opened through the API by the
 * coordinator `dieuphoi` (the same round `fillRoundDialog` fills in the page). Its id.
 */
export async function createRound(server: RunningServer, name: string): Promise<number> {
  const coordinator = await apiAs(server, 'dieuphoi');
  const me = (await coordinator('GET', '/api/auth/me')).json;
  const frameworks = (await coordinator('GET', '/api/frameworks')).json as { id: number; code: string }[];
  const created = await coordinator('POST', '/api/rounds', {
    frameworkId: frameworks.find((framework) => framework.code === 'HY_CCHC_XA')?.id,
    ownerUnitId: me.user.grants[0].unitId,
    name,
    year: 2026,
    unitType: 'commune',
    deadlines: ROUND_DEADLINES,
  });
  if (created.status !== 201)
    throw new Error(`createRound: ${created.status} ${JSON.stringify(created.json)}`);
  return created.json.id;
}
