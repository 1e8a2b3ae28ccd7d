import { describe, expect, it } from 'vitest';
import { pageOfLines, pageParam } from './list.ts';

describe('pageOfLines', () => {
  const lines = Array.from({ length: 130 }, (_, index) => index + 1);

  it('cuts 130 lines into pages of 50, 50 and 30', () => {
    const first = pageOfLines(lines, 1, 50);
    expect([first.items.length, first.items[0], first.items.at(-1), first.page, first.pages]).toEqual([
      50, 1, 50, 1, 3,
    ]);
    const third = pageOfLines(lines, 3, 50);
    expect([third.items.length, third.items[0], third.items.at(-1), third.start, third.total]).toEqual([
      30, 101, 130, 100, 130,
    ]);
  });

  it('gives the last page for a page past the end, the first for one before it', () => {
    expect(pageOfLines(lines, 99, 50)).toMatchObject({ page: 3, start: 100 });
    expect(pageOfLines(lines, 0, 50)).toMatchObject({ page: 1, start: 0 });
    expect(pageOfLines([], 4, 50)).toEqual({ items: [], page: 1, pages: 1, total: 0, start: 0 });
  });
});

describe('pageParam', () => {
  it('reads a whole number from 1, and takes anything else for the first page', () => {
    expect(['2', '17', '0', '-3', '2.5', 'abc', '', '9999999999', undefined, ['2']].map(pageParam)).toEqual([
      2, 17, 1, 1, 1, 1, 1, 1, 1, 1,
    ]);
  });
});
