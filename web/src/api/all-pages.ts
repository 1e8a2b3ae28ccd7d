import { MAX_PER_PAGE } from '../../../core/list.ts';
import { api, type ListResult, queryString } from './client.ts';

type Params = Record<string, string | number | boolean | undefined | null>;

/**
 * Every item of a bounded list — a unit's children, a picker's choices, a month of tasks — for the
 * screens that show it whole: follows the list contract's pages, the most each allows, until the total
 * is reached, so nothing past the first page is silently left out. Lists that can grow without bound
 * page in the UI instead (`ListFooter`).
 */
export async function fetchAllPages<T>(path: string, params: Params = {}): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const result = await api<ListResult<T>>(
      'GET',
      `${path}${queryString({ ...params, page, perPage: MAX_PER_PAGE })}`,
    );
    items.push(...result.items);
    // An empty page ends it too: rows removed meanwhile must not loop for ever.
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}
