import { type SQL, sql } from 'drizzle-orm';

/**
 * The one way a list counts its total (the list contract of `core/list.ts`). The page's rows carry
 * `count(*) over ()` — the count of every row the filter matches, in the same round trip — selected as
 * `total: totalOver()`. A page past the end has no row to carry it, so only then is it counted apart:
 * the total is the same on every page, also past the last one.
 */
export function totalOver(): SQL<number> {
  return sql<number>`count(*) over ()`.mapWith(Number);
}

/** The offset of the list contract's page. */
export function pageOffset(query: { page: number; perPage: number }): number {
  return (query.page - 1) * query.perPage;
}

/**
 * The total of a list from its page's rows; `countAll` (the same filter, no page) runs only when a page
 * after the first came back empty. An empty first page means an empty list.
 */
export async function listTotal(
  rows: readonly { total: number }[],
  query: { page: number },
  countAll: () => Promise<{ n: number }[]>,
): Promise<number> {
  const first = rows[0];
  if (first) return first.total;
  if (query.page === 1) return 0;
  const [counted] = await countAll();
  return counted?.n ?? 0;
}

/** `count(*)` for `countAll`: `db.select({ n: countRows() }).from(…).where(…)`. */
export function countRows(): SQL<number> {
  return sql<number>`count(*)`.mapWith(Number);
}
