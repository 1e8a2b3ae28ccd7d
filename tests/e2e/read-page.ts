import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Reading a page as a person does in the words walk (words.e2e.test.ts): once its data has come, its
 * text, and each dialog it opens, behind a button, a menu or another dialog.
 */

/** The page's requests in flight, counted as they start and end (a tab's data asked for after a click). */
interface Traffic {
  inFlight: number;
  started: number;
  idle: (() => void)[];
}
const traffic = new WeakMap<Page, Traffic>();
export function track(page: Page) {
  const state: Traffic = { inFlight: 0, started: 0, idle: [] };
  page.on('request', () => {
    state.inFlight += 1;
    state.started += 1;
  });
  const done = () => {
    state.inFlight -= 1;
    if (state.inFlight === 0) for (const wake of state.idle.splice(0)) wake();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  traffic.set(page, state);
}

/**
 * Waits until the page has loaded its data: no request in flight, none started by what the last answer
 * rendered (two frames later: a board asks for its rows once its periods came), no loader on screen.
 * `networkidle` alone does not do: once reached at load, it answers at once after a tab is clicked.
 */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  const state = traffic.get(page);
  for (let round = 0; state && round < 50; round += 1) {
    // A request whose end never came (a lost event) must not hang the walk: 30 s at most.
    if (state.inFlight > 0)
      await new Promise<void>((resolve) => {
        state.idle.push(resolve);
        setTimeout(resolve, 30_000).unref();
      });
    const before = state.started;
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
    if (state.inFlight === 0 && state.started === before) break;
  }
  await page.waitForFunction('!document.querySelector(".mantine-Loader-root, [aria-busy=true]")');
}

/** The little of the DOM the walk reads in the page (the tests are type-checked without the DOM library). */
interface DomNode {
  innerText: string;
  textContent: string | null;
  value?: string;
  placeholder?: string;
  parentElement: DomNode | null;
  children: ArrayLike<DomNode> & Iterable<DomNode>;
  closest(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

/**
 * What a person reads inside `root` (the page's body, or a dialog): the text, what fields hold and
 * suggest, chart labels drawn in SVG; and apart, what the page marks as Vietnamese whatever the reader's
 * language (lang="vi": a file's own column titles). A real function, run in the page: Playwright's
 * `evaluate` given a string for a locator returns undefined without a word.
 */
export const visibleIn = (root: DomNode) => ({
  text: [
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a person reads.
    root.innerText,
    ...[...root.querySelectorAll('input:not([type=hidden]), textarea')].flatMap((field) => [
      field.value ?? '',
      field.placeholder ?? '',
    ]),
    ...[...root.querySelectorAll('svg text')].map((node) => node.textContent ?? ''),
  ].join('\n'),
  vietnamese: [...root.querySelectorAll('[lang="vi"]')].flatMap((node) => [
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a person reads.
    node.innerText ?? '',
    // A field marked Vietnamese (a criterion's Vietnamese name being edited) holds Vietnamese too.
    ...[node, ...node.querySelectorAll('input, textarea')].map((field) => field.value ?? ''),
  ]),
});
export type Seen = ReturnType<typeof visibleIn>;
export const visibleText = (page: Page): Promise<Seen> => page.locator('body').evaluate(visibleIn);

/**
 * Which dialog a button opens, so each is read once a page: a button in a table row by its column and
 * place in the cell (every row's "Sửa" opens the same dialog), any other by its name.
 */
const dialogKeyOf = (node: DomNode) => {
  const cell = node.closest('td');
  if (cell?.parentElement)
    return `row ${[...cell.parentElement.children].indexOf(cell)} ${[
      ...cell.querySelectorAll('[aria-haspopup="dialog"]'),
    ].indexOf(node)}`;
  // biome-ignore lint/performance/useDomNodeTextContent: the button's name as shown.
  return (node.getAttribute('aria-label') ?? node.innerText).trim();
};

/** A modal dialog (Mantine's Modal), not a popover's dropdown (role="dialog" too, but not modal). */
const MODAL = '[role="dialog"][aria-modal="true"]';
/** What opens a dialog; a popover's target (the bell, a date field) says aria-haspopup="dialog" too, with aria-expanded. */
const OPENERS = '[aria-haspopup="dialog"]:not([aria-expanded]):visible:not([disabled]):not([data-disabled])';
/** A menu's target (a row's "⋯"): its items may open dialogs. */
const MENUS = '[aria-haspopup="menu"]:visible:not([disabled]):not([data-disabled])';
/** Marks each dialog the walk has read and still has open (its number), so the next one opened is told apart. */
const MARK = 'data-walk-dialog';

/** One page's walk through its dialogs: what was opened (each once), what they showed, their titles. */
export interface DialogWalk {
  page: Page;
  where: string;
  opened: Set<string>;
  seen: Seen[];
  titles: string[];
  /** The dialogs reached behind a menu or from another dialog: "<page> menu", "<page> dialog". */
  behind: string[];
}

let dialogCount = 0;

/**
 * Opens a dialog (`open`), reads it, then each dialog it opens itself (a confirmation asked from a form,
 * the same way down), and closes it without saving: Escape, else its "Đóng"/"Hủy" button. A dialog
 * opened from another must leave that one open when it closes (it stays beneath, or comes back after
 * stepping aside): what was typed in it is not lost.
 */
async function readDialog(
  walk: DialogWalk,
  key: string,
  open: () => Promise<void>,
  behind?: 'menu' | 'dialog',
) {
  const { page, where } = walk;
  if (walk.opened.has(key)) return;
  walk.opened.add(key);
  const beneath = await page.locator(MODAL).count();
  await open();
  const fresh = page.locator(`${MODAL}:not([${MARK}])`).first();
  await fresh.waitFor();
  await settle(page);
  dialogCount += 1;
  const id = String(dialogCount);
  // Run in the page: the mark's name is written out.
  await fresh.evaluate((node: DomNode, value: string) => node.setAttribute('data-walk-dialog', value), id);
  const dialog = page.locator(`[${MARK}="${id}"]`);
  walk.seen.push(await dialog.evaluate(visibleIn));
  walk.titles.push(`${where}: ${(await dialog.locator('.mantine-Modal-title').textContent())?.trim()}`);
  if (behind) walk.behind.push(`${where} ${behind}`);
  const inner = dialog.locator(OPENERS);
  for (let i = 0; i < (await inner.count()); i += 1) {
    const opener = inner.nth(i);
    await readDialog(walk, `${key} › ${await opener.evaluate(dialogKeyOf)}`, () => opener.click(), 'dialog');
    // This dialog is open again, the same (it stayed beneath) or anew (it stepped aside): marked as read.
    await page.locator(`${MODAL}:not([${MARK}])`).evaluateAll((nodes: DomNode[], value: string) => {
      for (const node of nodes) node.setAttribute('data-walk-dialog', value);
    }, id);
  }
  await page.keyboard.press('Escape');
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  } catch {
    await dialog
      .getByRole('button', { name: /^(Đóng|Hủy|Close|Cancel)$/ })
      .first()
      .click({ timeout: 10_000 });
    await dialog.waitFor({ state: 'hidden' });
  }
  // Closed, not saved: no dialog left behind, and the one it was opened from still open.
  await expect
    .poll(() => page.locator(MODAL).count(), {
      message: `${where}: after dialog "${key}" closed, the dialogs open are not the ${beneath} beneath it`,
    })
    .toBe(beneath);
  await settle(page);
}

/**
 * Opens each dialog the page offers now, reads it and closes it unsaved: the buttons marked
 * aria-haspopup="dialog", the items so marked in each menu (a row's "⋯": the menu read too), and the
 * dialogs those dialogs open.
 */
export async function readDialogs(walk: DialogWalk) {
  const { page } = walk;
  const openers = page.locator(OPENERS);
  for (let i = 0; i < (await openers.count()); i += 1) {
    const opener = openers.nth(i);
    await readDialog(walk, await opener.evaluate(dialogKeyOf), () => opener.click());
  }
  const menus = page.locator(MENUS);
  for (let i = 0; i < (await menus.count()); i += 1) {
    const target = menus.nth(i);
    const key = `menu ${await target.evaluate(dialogKeyOf)}`;
    if (walk.opened.has(key)) continue;
    walk.opened.add(key);
    const menu = page.getByRole('menu');
    await target.click();
    await menu.waitFor();
    walk.seen.push(await menu.evaluate(visibleIn));
    const items = await menu
      .locator('[role="menuitem"][aria-haspopup="dialog"]:not([disabled]):not([data-disabled])')
      .allInnerTexts();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    for (const item of items.map((text) => text.trim()))
      await readDialog(
        walk,
        `${key} ${item}`,
        async () => {
          await target.click();
          await menu.getByRole('menuitem', { name: item, exact: true }).click();
        },
        'menu',
      );
  }
}
