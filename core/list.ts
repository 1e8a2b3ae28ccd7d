import { z } from 'zod';

/** The one list contract: ?page=1&perPage=20&sort=-name&q=… plus resource-specific filters. */
export const MAX_PER_PAGE = 100;

export function listQuery<const Sort extends readonly [string, ...string[]]>(
  sortable: Sort,
  defaultSort: string,
) {
  const sortValues = sortable.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];
  return z.object({
    page: z.coerce.number().int().min(1).default(1),
    perPage: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(20),
    sort: z.enum(sortValues).default(defaultSort),
    q: z.string().trim().max(200).optional(),
  });
}

export interface ListResult<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
}

export function listResultSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    perPage: z.number().int(),
    total: z.number().int(),
  });
}

/** "-name" → { field: "name", direction: "desc" }. */
export function parseSort(sort: string): { field: string; direction: 'asc' | 'desc' } {
  return sort.startsWith('-')
    ? { field: sort.slice(1), direction: 'desc' }
    : { field: sort, direction: 'asc' };
}

/**
 * One page of lines already in memory (a long table printed in pages): `asked` counts from 1, and a
 * page past the end is the last one (an old link after lines were removed still shows the end).
 */
export function pageOfLines<T>(lines: readonly T[], asked: number, perPage: number) {
  const pages = Math.max(1, Math.ceil(lines.length / perPage));
  const page = Math.min(Math.max(1, Math.trunc(asked)), pages);
  const start = (page - 1) * perPage;
  return { items: lines.slice(start, start + perPage), page, pages, total: lines.length, start };
}

/** A page number in an address (`?ho=2`): a whole number from 1; anything else is the first page. */
export function pageParam(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 1;
  return Math.max(1, page);
}
