import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, startServer } from './harness.ts';

/**
 * The public site as citizens meet it (issue 16): every page type checked by axe-core (WCAG 2.0/2.1 A
 * and AA, no serious or critical violation) on a desktop and a phone, in Vietnamese and in English; each
 * page's weight as the server sends it compressed (HTML + CSS + JS at most 150 KB, images excluded);
 * the PAPI map and ranking read on a phone without JavaScript; the ranking in the HTML itself, fetched
 * without a browser; the keyboard's way through the menu.
 */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const MAX_COMPRESSED = 150 * 1024;

let server: RunningServer;
let browser: Browser;
/** Pages with scripts allowed (axe runs in the page); the site itself sends none. */
let desktop: BrowserContext;
let phone: BrowserContext;
/** A phone without JavaScript, as the PAPI page must work. */
let phoneNoJs: BrowserContext;

/** Page type → its address on this demo (found by following the site's own lists). */
const pages = new Map<string, string>();

/** The raw body the server sends for `path` asking for br/gzip: its bytes as transferred, and how. */
function transferred(
  path: string,
): Promise<{ status: number; bytes: number; encoding: string; type: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${server.url}${path}`,
      { headers: { 'accept-encoding': 'br, gzip' } },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            bytes,
            encoding: String(response.headers['content-encoding'] ?? 'identity'),
            type: String(response.headers['content-type'] ?? ''),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** The first link on `listPath` whose address starts with `prefix` followed by more. */
async function firstLink(listPath: string, prefix: string): Promise<string> {
  const body = await (await fetch(`${server.url}${listPath}`)).text();
  const escaped = prefix.replace(/[/.]/g, '\\$&');
  const found = body.match(new RegExp(`href="(${escaped}/[^"?#]+)"`));
  if (!found?.[1]) throw new Error(`no link to ${prefix}/… on ${listPath}`);
  return found[1];
}

beforeAll(async () => {
  server = await startServer({ CHISO_DEMO_YEAR: 'true' });
  // The demo year's plan is public (the demo puts it there, as the staff's switch does).
  const coordinator = await apiAs(server, 'dieuphoi');
  const plans = await coordinator('GET', '/api/plans');
  expect(plans.status).toBe(200);
  const plan = (plans.json.items as { id: number; publishedAt: string | null }[])[0];
  expect(plan?.publishedAt).not.toBeNull();

  pages.set('home', '/cong-khai');
  pages.set('results', '/cong-khai/ket-qua');
  pages.set('round', await firstLink('/cong-khai/ket-qua', '/cong-khai/ket-qua'));
  pages.set('papi', '/cong-khai/papi');
  pages.set('papi-dimension', '/cong-khai/papi/2019?linh-vuc=papi-5');
  pages.set('plans', '/cong-khai/ke-hoach');
  pages.set('plan', await firstLink('/cong-khai/ke-hoach', '/cong-khai/ke-hoach'));
  pages.set('contacts', '/cong-khai/lien-he');
  pages.set('open-data', '/du-lieu-mo');
  pages.set('projects', '/cong-khai/cong-trinh');
  pages.set('project', await firstLink('/cong-khai/cong-trinh', '/cong-khai/cong-trinh'));
  pages.set('not-found', '/cong-khai/khong-co-trang-nay');
  pages.set('feedback', '/phan-anh');
  pages.set('feedback-list', '/phan-anh/danh-sach');
  pages.set('reception', '/tiep-cong-dan');
  pages.set('dialogues', '/doi-thoai');
  // The desk's short link leads to the survey's start page.
  const survey = await fetch(`${server.url}/ks/11953`, { redirect: 'manual' });
  expect(survey.status).toBe(303);
  pages.set('survey', new URL(survey.headers.get('location') ?? '', server.url).pathname);

  browser = await launchBrowser();
  // axe-core is added to the page as a script of the test's own, which the site's CSP would refuse.
  // A Vietnamese browser (the pages follow Accept-Language unless the address says `?lang=`).
  const locale = 'vi-VN';
  desktop = await browser.newContext({ viewport: DESKTOP, locale, bypassCSP: true });
  phone = await browser.newContext({
    viewport: PHONE,
    locale,
    isMobile: true,
    hasTouch: true,
    bypassCSP: true,
  });
  phoneNoJs = await browser.newContext({
    viewport: PHONE,
    locale,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: false,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's findings that do not fail the test (moderate, minor, to review), printed at the end. */
const axeNotes = new Set<string>();

/** axe-core's serious and critical violations of WCAG 2.0/2.1 A and AA on the page, shortly put. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const { violations, incomplete } = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_AA)} }, resultTypes: ['violations'] })`,
  )) as { violations: Violation[]; incomplete: Violation[] };
  // What axe found below serious, and what it could not decide (a person checks those): told, not failed.
  const where = `${new URL(page.url()).pathname}${new URL(page.url()).search} at ${page.viewportSize()?.width} px`;
  for (const violation of violations.filter(
    (each) => each.impact !== 'serious' && each.impact !== 'critical',
  ))
    axeNotes.add(`${where}: ${violation.id} (${violation.impact}, ${violation.nodes.length})`);
  for (const review of incomplete)
    axeNotes.add(
      `${where}: to review ${review.id} — ${review.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}${review.nodes.length > 3 ? ` … ${review.nodes.length} in all` : ''}`,
    );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(' '))
          .join(', ')}${violation.nodes.length > 5 ? ` … ${violation.nodes.length} in all` : ''}`,
    );
}

/** The page at `path` in a new tab of `context`, its status checked. */
async function open(context: BrowserContext, path: string, status = 200): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(status);
  return page;
}

/** Whether the document itself scrolls sideways (a table scrolling inside its own box does not count). */
async function sideways(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;
}

const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

describe('every public page type, checked by axe-core', () => {
  afterAll(() => {
    console.log(`axe-core, below serious or undecided:\n${[...axeNotes].join('\n') || '(none)'}`);
  });
  const types = [
    'home',
    'results',
    'round',
    'papi',
    'papi-dimension',
    'plans',
    'plan',
    'contacts',
    'open-data',
    'projects',
    'project',
    'not-found',
    'feedback',
    'feedback-list',
    'reception',
    'dialogues',
    'survey',
  ];
  for (const type of types)
    it(`${type}: no serious or critical violation at 1440 px and at 390 px`, async () => {
      const path = pages.get(type) as string;
      const status = type === 'not-found' ? 404 : 200;
      for (const context of [desktop, phone]) {
        const page = await open(context, path, status);
        expect(await page.getAttribute('html', 'lang')).toBe('vi');
        expect(await sideways(page), `${path} scrolls sideways`).toBe(false);
        const found = await seriousViolations(page);
        expect(found, `${path} at ${page.viewportSize()?.width} px:\n${found.join('\n')}`).toEqual([]);
        await page.close();
      }
    });

  for (const type of ['home', 'round', 'papi', 'plan', 'project', 'feedback'])
    it(`${type} in English: no serious or critical violation, the page says it is English`, async () => {
      const path = withLang(pages.get(type) as string, 'en');
      for (const context of [desktop, phone]) {
        const page = await open(context, path);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        const found = await seriousViolations(page);
        expect(found, `${path} at ${page.viewportSize()?.width} px:\n${found.join('\n')}`).toEqual([]);
        await page.close();
      }
    });
});

describe('page weight: HTML + CSS + JS as sent compressed, at most 150 KB a page', () => {
  const weights: string[] = [];
  afterAll(() => {
    console.log(`Compressed page weights (HTML + CSS + JS):\n${weights.join('\n')}`);
  });
  for (const type of [
    'home',
    'results',
    'round',
    'papi',
    'papi-dimension',
    'plans',
    'plan',
    'contacts',
    'open-data',
    'projects',
    'project',
    'not-found',
    'feedback',
    'feedback-list',
    'reception',
    'dialogues',
    'survey',
  ])
    it(type, async () => {
      const path = pages.get(type) as string;
      // What the browser loads beyond the page itself: style sheets and scripts count, images do not.
      const page = await desktop.newPage();
      const extra: string[] = [];
      page.on('request', (request) => {
        if (['stylesheet', 'script', 'font'].includes(request.resourceType()))
          extra.push(new URL(request.url()).pathname);
      });
      await page.goto(`${server.url}${path}`);
      await page.close();
      let total = 0;
      const parts: string[] = [];
      for (const each of [path, ...extra]) {
        const sent = await transferred(each);
        total += sent.bytes;
        parts.push(`${each} ${sent.bytes} B ${sent.encoding}`);
      }
      weights.push(`  ${type.padEnd(15)} ${(total / 1024).toFixed(1).padStart(6)} KB  (${parts.join('; ')})`);
      expect(total, `${path}: ${parts.join('; ')}`).toBeLessThanOrEqual(MAX_COMPRESSED);
    });
});

describe('the PAPI page on a phone without JavaScript', () => {
  it('shows the map and the ranking, the table scrolls in its own box, the province highlighted, the year form works', async () => {
    const page = await open(phoneNoJs, '/cong-khai/papi/2024');
    // The map: a picture named by its title.
    const map = page.locator('svg[role="img"]');
    await expect(map.count()).resolves.toBe(1);
    const titleId = await map.getAttribute('aria-labelledby');
    await expect(page.locator(`svg[role="img"] > title#${titleId}`).textContent()).resolves.toBe(
      'Bản đồ các tỉnh theo nhóm, điểm tổng hợp, năm 2024',
    );
    expect((await map.boundingBox())?.width).toBeGreaterThan(300);
    // The ranking table: all 63 provinces, Hưng Yên's row (and its predecessor Thái Bình's) marked.
    const table = page.getByRole('table', { name: 'Điểm tổng hợp, năm 2024: các tỉnh theo hạng' });
    await expect(table.locator('tbody tr').count()).resolves.toBe(63);
    await expect(table.locator('tbody tr.own th').allTextContents()).resolves.toEqual([
      'Thái Bình',
      'Hưng Yên',
    ]);
    const own = table.locator('tbody tr.own', { hasText: 'Hưng Yên' });
    await expect(own.locator('td').allTextContents()).resolves.toEqual([
      '19',
      '44,40',
      'Trung bình cao',
      'giảm 7 bậc',
    ]);
    await expect(
      own.evaluate(
        // The DOM's types are not loaded in this Node project.
        (row) =>
          (
            globalThis as unknown as { getComputedStyle: (e: unknown) => { backgroundColor: string } }
          ).getComputedStyle(row).backgroundColor,
      ),
    ).resolves.toBe('rgb(255, 246, 214)');
    // Readable at 390 px: the document does not scroll sideways; a wide table scrolls inside its box.
    const widths = (await page.evaluate(
      '({ document: document.documentElement.scrollWidth, viewport: window.innerWidth, boxes: [...document.querySelectorAll(".table")].map((box) => box.getBoundingClientRect().right) })',
    )) as { document: number; viewport: number; boxes: number[] };
    expect(widths.document).toBeLessThanOrEqual(widths.viewport);
    for (const right of widths.boxes) expect(right).toBeLessThanOrEqual(widths.viewport);
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-public-papi-phone.png'), fullPage: true });
    // The year form, without a script: a GET to the chooser, sent on to the year's own address.
    await page.getByLabel('Năm', { exact: true }).selectOption('2019');
    await page.getByLabel('Lĩnh vực', { exact: true }).selectOption('papi-5');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.waitForURL(`${server.url}/cong-khai/papi/2019?linh-vuc=papi-5`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Chỉ số PAPI năm 2019');
    await page.close();
  });
});

describe('the results in the HTML itself, read without a browser', () => {
  it('a round results page holds the ranking the open data states, row by row', async () => {
    const path = pages.get('round') as string;
    const id = /\/(\d+)-/.exec(path)?.[1];
    const rows = (await (await fetch(`${server.url}/du-lieu-mo/ket-qua-${id}.json`)).json()) as {
      unit: string;
      participating: boolean;
      rank: number | null;
      total: number | null;
    }[];
    expect(rows.length).toBe(20);
    const body = await (await fetch(`${server.url}${path}`)).text();
    for (const row of rows)
      expect(body).toContain(
        `<tr><td class="num">${row.rank}</td><th scope="row">${row.unit}</th><td class="num">${row.total?.toFixed(2).replace('.', ',')}</td>`,
      );
    expect(rows[0]).toMatchObject({ rank: 1, participating: true });
  });

  it('/cong-khai/papi/2024 holds every province ranked, Hưng Yên 19th with 44,40', async () => {
    const response = await fetch(`${server.url}/cong-khai/papi/2024`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain(
      '<tr class="own"><td class="num">19</td><th scope="row">Hưng Yên</th><td class="num">44,40</td><td class="nowrap">Trung bình cao</td>',
    );
    // 63 provinces: 61 ranked, two without a rank that year.
    expect(body.match(/<tr(?: class="own")?><td class="num">\d+<\/td><th scope="row">/g)?.length).toBe(61);
    expect(body).toContain('<tr><td class="num">—</td><th scope="row">Tiền Giang</th>');
    expect(body).not.toContain('<script');
  });
});

describe('the keyboard on the home page', () => {
  it('Tab reaches the skip link first, Enter moves to the main content, every menu link shows its focus', async () => {
    const page = await open(desktop, '/cong-khai');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.className')).resolves.toBe('skip');
    await expect(page.locator('a.skip').textContent()).resolves.toBe('Bỏ qua, đến nội dung chính');
    // Shown when focused (it sits off screen otherwise).
    const box = await page.locator('a.skip').boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main');

    // From the top again, on a desktop and on a phone: Tab through the header and menu, each link seen
    // whole with its outline (the menu may scroll sideways in its own box, which cuts off whatever lies
    // outside it: the focused link and its outline must lie within the box).
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      await page.goto(`${server.url}/cong-khai`);
      const menu = await page
        .locator('nav.sections a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(menu).toEqual([
        '/cong-khai',
        '/cong-khai/ket-qua',
        '/cong-khai/papi',
        '/cong-khai/ke-hoach',
        '/cong-khai/thong-tin',
        '/cong-khai/cong-trinh',
        '/cong-khai/lien-he',
        '/phan-anh',
        '/tiep-cong-dan',
        '/doi-thoai',
        '/du-lieu-mo',
      ]);
      const reached: string[] = [];
      for (let press = 0; press < 20 && reached.length < menu.length; press += 1) {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate(`(() => {
          const element = document.activeElement;
          const style = getComputedStyle(element);
          const box = element.getBoundingClientRect();
          const list = element.closest('nav.sections ul');
          if (!list) return { inMenu: false };
          const menu = list.getBoundingClientRect();
          const out = Math.max(0, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
          const within = box.top - out >= menu.top && box.bottom + out <= menu.bottom && box.left - out >= menu.left && box.right + out <= menu.right;
          return { inMenu: !!element.closest('nav.sections'), href: element.getAttribute('href'), outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor, within };
        })()`)) as { inMenu: boolean; href: string; outline: string; within: boolean };
        if (!focused.inMenu) continue;
        const where = `${focused.href} at ${size.width} px`;
        expect(focused.outline, where).toBe('solid 3px rgb(240, 165, 0)');
        if (!focused.within)
          await page.screenshot({
            path: join(tmpdir(), 'chiso-e2e-public-menu-cut.png'),
            clip: { x: 0, y: 0, width: size.width, height: 200 },
          });
        expect(focused.within, `${where}: the link or its outline is cut off by the menu's box`).toBe(true);
        reached.push(focused.href);
        if (focused.href === '/cong-khai/papi')
          await page.screenshot({
            path: join(tmpdir(), `chiso-e2e-public-menu-focus-${size.width}.png`),
            clip: { x: 0, y: 0, width: size.width, height: 200 },
          });
      }
      expect(reached, `at ${size.width} px`).toEqual(menu);
    }
    await page.close();
  });
});
