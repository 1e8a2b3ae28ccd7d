import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRows } from './csv-rows.ts';
import { readDossierRows } from './dossier-readers.ts';

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

describe('CSV rows against the reader they replace', () => {
  it('removes a byte-order mark, whole or split between chunks', async () => {
    const bytes = Buffer.from('\uFEFFa,b\n1,2\n');
    for (const split of [[bytes], [bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]]) {
      const found: string[][] = [];
      for await (const row of csvRows(Readable.from(split), ',')) found.push(row.cells);
      expect(found).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
    }
  });

  it('reads any text, cut into chunks anywhere (inside a character too), as the string reader did', async () => {
    const text = fc
      .array(fc.constantFrom('a', 'Hộ', 'é', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r'), { maxLength: 40 })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.constantFrom(',', ';'),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (value, delimiter, cuts) => {
          const bytes = Buffer.from(value);
          const ends = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [...ends, bytes.length].map((end, i) =>
            bytes.subarray(i === 0 ? 0 : ends[i - 1], end),
          );
          expect(await outcome(csvRows, chunks, delimiter)).toEqual(
            await outcome(stringCsvRows, [bytes], delimiter),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

type Reader = (stream: Readable, delimiter: string) => AsyncGenerator<{ line: number; cells: string[] }>;

/** The rows a reader gives, or the message it stops with. */
async function outcome(read: Reader, chunks: Buffer[], delimiter: string) {
  const found: { line: number; cells: string[] }[] = [];
  try {
    for await (const row of read(Readable.from(chunks), delimiter)) found.push(row);
  } catch (error) {
    return { found, error: (error as Error).message };
  }
  return { found };
}

/** The reader before it worked on bytes: decoded chunks, then lines cut in the text. */
async function* stringCsvRows(stream: Readable, delimiter: string) {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let line = 1;
  for await (const chunk of stream) {
    buffer += decoder.write(chunk as Buffer);
    let start = 0;
    while (true) {
      const end = buffer.indexOf('\n', start);
      if (end < 0) break;
      const text =
        buffer.charCodeAt(end - 1) === 13 ? buffer.slice(start, end - 1) : buffer.slice(start, end);
      if (text.indexOf('"') < 0) {
        if (text !== '') yield { line, cells: text.split(delimiter) };
        line += 1;
        start = end + 1;
        continue;
      }
      const parsed = referenceQuoted(buffer, start, delimiter);
      if (!parsed) break;
      yield { line, cells: parsed.cells };
      line += parsed.lines;
      start = parsed.next;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.end();
  if (buffer.trim() !== '') {
    const parsed = buffer.includes('"')
      ? referenceQuoted(`${buffer}\n`, 0, delimiter)
      : { cells: buffer.replace(/\r$/, '').split(delimiter) };
    if (!parsed) throw new Error(`Tệp CSV sai cấu trúc ở dòng ${line}: dấu ngoặc kép không đóng.`);
    yield { line, cells: parsed.cells };
  }
}

function referenceQuoted(text: string, start: number, delimiter: string) {
  const cells: string[] = [];
  let cell = '';
  let lines = 1;
  let isQuoted = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i] as string;
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') isQuoted = false;
      else {
        if (char === '\n') lines += 1;
        cell += char;
      }
    } else if (char === '"' && cell === '') isQuoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n') {
      cells.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
      return { cells, lines, next: i + 1 };
    } else cell += char;
  }
  return null;
}

describe('long lines', () => {
  /** A file whose line 2 is `megabytes` long, sent in 64 KiB chunks as a file stream would be. */
  function longLine(megabytes: number, prefix = 'ma,ten\n', char = 'x') {
    const chunk = Buffer.alloc(64 * 1024, char);
    const count = Math.ceil((megabytes * 1024 * 1024) / chunk.length);
    return Readable.from(
      (function* () {
        yield Buffer.from(prefix);
        for (let index = 0; index < count; index++) yield chunk;
        yield Buffer.from('\n3,4\n');
      })(),
    );
  }

  it('refuses a line past 1 MB quickly, naming its line', async () => {
    const started = performance.now();
    const read = async () => {
      for await (const _ of csvRows(longLine(5), ','));
    };
    await expect(read()).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: 'Dòng 2: Dòng dài quá 1 MB: tệp sai cấu trúc hoặc không phải tệp hồ sơ.',
      details: {
        rows: [
          {
            row: 2,
            column: '',
            reason: {
              vi: 'Dòng dài quá 1 MB: tệp sai cấu trúc hoặc không phải tệp hồ sơ.',
              en: 'The line is longer than 1 MB: the file is malformed or not a dossier file.',
            },
          },
        ],
      },
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a quoted record that never ends past 1 MB, naming the line it starts on', async () => {
    const lines = Readable.from(
      (function* () {
        yield Buffer.from('ma,ten\n1,"mở\n');
        for (let index = 0; index < 40; index++) yield Buffer.from(`${'y'.repeat(50_000)}\n`);
      })(),
    );
    const read = async () => {
      for await (const _ of csvRows(lines, ','));
    };
    await expect(read()).rejects.toMatchObject({ code: 'IMPORT_REJECTED', details: { rows: [{ row: 2 }] } });
  });

  it('reads a line just under the limit', async () => {
    const found: number[] = [];
    for await (const row of csvRows(longLine(0.9), ',')) found.push(row.line);
    expect(found).toEqual([1, 2, 3]);
  });

  it('refuses a JSON line past 1 MB, naming its line', async () => {
    const read = async () => {
      for await (const _ of readDossierRows(longLine(3, '{"ma":"1"}\n'), 'jsonl'));
    };
    await expect(read()).rejects.toMatchObject({ code: 'IMPORT_REJECTED', details: { rows: [{ row: 2 }] } });
  });
});

describe('NUL bytes', () => {
  it('are left in a row for the row check to name the cell (the file is not refused whole)', async () => {
    expect(await rows(['ma,ten\n1,x\u0000y\n'])).toEqual([
      { line: 1, cells: ['ma', 'ten'] },
      { line: 2, cells: ['1', 'x\u0000y'] },
    ]);
  });
});
