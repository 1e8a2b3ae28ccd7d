import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRows } from './csv-rows.ts';

async function rows(chunks: string[], delimiter = ',') {
  const found: { line: number; cells: string[] }[] = [];
  for await (const row of csvRows(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), delimiter))
    found.push(row);
  return found;
}

describe('CSV rows', () => {
  it('splits plain lines, keeps physical line numbers, skips empty lines, reads CRLF', async () => {
    expect(await rows(['a,b\r\n1,2\r\n', '\r\n3,', '4\n5,6'])).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
      { line: 5, cells: ['5', '6'] },
    ]);
  });

  it('honours quotes: delimiters, doubled quotes and line breaks inside, across chunks', async () => {
    expect(await rows(['a,"b, c","say ""hi"""\n"multi', '\nline",x\nlast,"q"'])).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { line: 2, cells: ['multi\nline', 'x'] },
      { line: 4, cells: ['last', 'q'] },
    ]);
  });

  it('reads a semicolon file and a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('mã;tên\nHS;Hộ tịch\n');
    const found: string[][] = [];
    const split = [bytes.subarray(0, 2), bytes.subarray(2, 15), bytes.subarray(15)];
    for await (const row of csvRows(Readable.from(split), ';')) found.push(row.cells);
    expect(found).toEqual([
      ['mã', 'tên'],
      ['HS', 'Hộ tịch'],
    ]);
  });

  it('refuses a quote that is never closed, naming its line', async () => {
    await expect(rows(['a,b\n1,"open\n2,3\n'])).rejects.toThrow(/dòng 2/);
  });
});
