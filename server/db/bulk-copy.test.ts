import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyText, copyTime, removeLeftCopyFiles } from './bulk-copy.ts';
import { sqlState } from './engine.ts';

describe('COPY cells', () => {
  it('writes an instant that PostgreSQL reads back as the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2100-01-01') }), (ms) => {
        const cell = copyTime(ms);
        expect(cell).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?\+00$/);
        expect(Date.parse(cell.replace(' ', 'T').replace('+00', 'Z'))).toBe(ms);
      }),
    );
    expect(copyTime(Date.parse('2026-01-15T08:30:00+07:00'))).toBe('2026-01-15 01:30:00+00');
    expect(copyTime(null)).toBe('\\N');
  });

  it('escapes what the text format would misread', () => {
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText('Hộ tịch')).toBe('Hộ tịch');
    expect(copyText(null)).toBe('\\N');
  });
});

describe('sqlState', () => {
  it('reads the SQLSTATE of an error from node-postgres, or wrapped by drizzle', () => {
    expect(sqlState(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe('23505');
    expect(sqlState(Object.assign(new Error('Failed query'), { cause: { code: '40P01' } }))).toBe('40P01');
    expect(sqlState(new Error('plain'))).toBeUndefined();
    expect(sqlState(Object.assign(new Error('system'), { code: 42 }))).toBeUndefined();
  });
});

describe('batch files left by a killed import', () => {
  it('are removed, and nothing else in the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-copy-files-'));
    try {
      for (const name of [
        'copy-4242-k3j9x0ab-0.tsv',
        'copy-4242-k3j9x0ab-1.tsv',
        'PG_VERSION',
        'copy-notes.txt',
      ])
        writeFileSync(join(dir, name), 'x');
      removeLeftCopyFiles(dir);
      expect(readdirSync(dir).sort()).toEqual(['PG_VERSION', 'copy-notes.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
