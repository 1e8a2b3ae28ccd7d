import type { Msg } from '../../core/errors.ts';
import { type Html, html } from './html.ts';
import { link, type PageContext } from './layout.ts';
import { say } from './site-words.ts';

/**
 * The pages of one long table on a page that holds several, without JavaScript: which lines are
 * shown, then links to the pages before and after and to each page by number (the first, the last and
 * those around this one), each an address with this table's own parameter (`?ho=2`) that keeps the
 * other tables' pages and leads back to the table (`#fragment`). Nothing when the table fits one page.
 */
const P = {
  previous: { vi: '← Trang trước', en: '← Previous' },
  next: { vi: 'Trang sau →', en: 'Next →' },
  pages: (name: string): Msg => ({ vi: `Các trang của bảng ${name}`, en: `Pages of the table ${name}` }),
  page: (page: number, pages: number): Msg => ({
    vi: `Trang ${page}/${pages}`,
    en: `Page ${page} of ${pages}`,
  }),
  lines: (from: number, to: number, total: number): Msg => ({
    vi: `Dòng ${from}–${to} trong ${total}`,
    en: `Lines ${from}–${to} of ${total}`,
  }),
} as const;

/** Where a table stands (`pageOfLines` in core/list.ts): this page's lines among all. */
export interface TablePage {
  page: number;
  pages: number;
  total: number;
  /** Lines before this page. */
  start: number;
  items: readonly unknown[];
}

/** Page numbers to link: 1 … 4 5 [6] 7 8 … 16 (0 for a gap). */
function pageNumbers(page: number, pages: number): number[] {
  const near = new Set([1, pages]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= pages) near.add(n);
  const sorted = [...near].sort((a, b) => a - b);
  return sorted.flatMap((n, index) => (index > 0 && n - (sorted[index - 1] as number) > 1 ? [0, n] : [n]));
}

export function tablePager(
  ctx: PageContext,
  table: {
    /** The table's name, for the navigation's label. */
    name: string;
    /** The page's own address (without query). */
    path: string;
    /** This table's parameter (`ho`), and every table's page as parameters, to keep (null: the first). */
    param: string;
    params: Record<string, number | null>;
    /** The table's heading id, where a link lands. */
    fragment: string;
    /** The whole table as a file, where there is one. */
    download?: { href: string; label: Msg };
  },
  at: TablePage,
): Html | null {
  if (at.pages <= 1) return null;
  const s = (message: Msg) => say(ctx.lang, message);
  const href = (page: number) =>
    `${link(ctx, table.path, { ...table.params, [table.param]: page > 1 ? page : null })}#${table.fragment}`;
  const numbers = pageNumbers(at.page, at.pages).map((n) =>
    n === 0
      ? html`<li aria-hidden="true">…</li>`
      : n === at.page
        ? html`<li><span aria-current="page">${n}</span></li>`
        : html`<li><a href="${href(n)}" aria-label="${s(P.page(n, at.pages))}">${n}</a></li>`,
  );
  return html`<nav class="pager" aria-label="${s(P.pages(table.name))}">
<p class="meta">${s(P.lines(at.start + 1, at.start + at.items.length, at.total))} · ${s(P.page(at.page, at.pages))}</p>
<ul>${at.page > 1 ? html`<li><a href="${href(at.page - 1)}" rel="prev">${s(P.previous)}</a></li>` : null}${numbers}${
    at.page < at.pages ? html`<li><a href="${href(at.page + 1)}" rel="next">${s(P.next)}</a></li>` : null
  }</ul>
${table.download ? html`<p><a href="${table.download.href}">${s(table.download.label)}</a></p>` : null}
</nav>`;
}
