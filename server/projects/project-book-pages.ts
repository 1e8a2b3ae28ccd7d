import { pageParam } from '../../core/list.ts';

/**
 * The long tables of a project's page (the households, the receipts, the payments), each printed 50
 * lines a page and paged by its own parameter in the address, so one table's page keeps the others'.
 */

/** Lines of a long table on one page. */
export const BOOK_PAGE_LINES = 50;

/** Each long table's parameter in the page's address: the households, the receipts, the payments. */
export const BOOK_PARAMS = { contributors: 'ho', receipts: 'thu', payments: 'chi' } as const;
export type BookTable = keyof typeof BOOK_PARAMS;
export type BookPages = Record<BookTable, number>;

/** The page of each long table the address asks for (`?ho=2&chi=3`); any other value is the first. */
export function bookPages(query: unknown): BookPages {
  const raw = (query ?? {}) as Record<string, unknown>;
  return {
    contributors: pageParam(raw[BOOK_PARAMS.contributors]),
    receipts: pageParam(raw[BOOK_PARAMS.receipts]),
    payments: pageParam(raw[BOOK_PARAMS.payments]),
  };
}

/** The tables' pages as address parameters, the first pages left out: `{ ho: 2 }`. */
export function bookParams(pages: BookPages): Record<string, number | null> {
  const params: Record<string, number | null> = {};
  for (const [table, param] of Object.entries(BOOK_PARAMS))
    params[param] = pages[table as BookTable] > 1 ? pages[table as BookTable] : null;
  return params;
}
