import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../text/vietnamese.ts';
import { DOSSIER_FIELDS, resolveColumns } from './dossier-fields.ts';
import { dossierContentHash, validateDossierRow } from './dossier-rows.ts';

/** The refusals as a Vietnamese reader reads them. */
const inVietnamese = <T extends { reason: { vi: string } }>(issues: T[] | undefined) =>
  (issues ?? []).map((issue) => ({ ...issue, reason: issue.reason.vi }));

const headers = [...DOSSIER_FIELDS];
const resolved = resolveColumns(headers);
if (!resolved.ok) throw new Error('canonical headers must resolve');
const { columns } = resolved;

const base: Record<string, string> = {
  code: 'HS-001',
  unitCode: '33.SNV',
  procedureCode: '1.001',
  procedureName: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  level: 'Cấp xã',
  channel: 'Trực tuyến toàn trình',
  receivedAt: '10/01/2026 08:30',
  dueAt: '15/01/2026',
  finishedAt: '2026-01-12T16:00:00+07:00',
  returnedAt: '',
  status: 'Đã trả kết quả',
  digitised: 'x',
  apologyIssued: '',
};
const cells = (overrides: Record<string, string> = {}) =>
  headers.map((field) => ({ ...base, ...overrides })[field] ?? '');

describe('dossier row validation', () => {
  it('normalises a good row: times, channel, flags, quarters', () => {
    const { row } = validateDossierRow(headers, columns, 2, cells());
    expect(row).toMatchObject({
      line: 2,
      code: 'HS-001',
      channel: 'online_full',
      receivedMs: new Date('2026-01-10T01:30:00Z').getTime(),
      // A due date alone is the end of that day.
      dueMs: new Date('2026-01-15T16:59:59Z').getTime(),
      finishedMs: new Date('2026-01-12T09:00:00Z').getTime(),
      returnedMs: null,
      digitised: true,
      apologyIssued: false,
      receivedPeriod: '2026Q1',
      finishedPeriod: '2026Q1',
    });
  });

  it('names each refusal by line, column and a Vietnamese reason', () => {
    const { issues } = validateDossierRow(
      headers,
      columns,
      7,
      cells({ code: '', receivedAt: '31/02/2026', channel: 'fax', digitised: 'có lẽ' }),
    );
    expect(inVietnamese(issues)).toEqual([
      { line: 7, column: 'code', reason: 'Thiếu mã hồ sơ.' },
      { line: 7, column: 'channel', reason: expect.stringContaining('Kênh "fax" không hợp lệ') },
      {
        line: 7,
        column: 'receivedAt',
        reason: expect.stringContaining('"31/02/2026" không phải ngày giờ hợp lệ'),
      },
      { line: 7, column: 'digitised', reason: expect.stringContaining('không phải có/không') },
    ]);
    expect(inVietnamese(validateDossierRow(headers, columns, 3, cells({ receivedAt: '' })).issues)).toEqual([
      { line: 3, column: 'receivedAt', reason: 'Thiếu ngày tiếp nhận.' },
    ]);
    expect(
      inVietnamese(validateDossierRow(headers, columns, 4, cells({ finishedAt: '09/01/2026 10:00' })).issues),
    ).toEqual([{ line: 4, column: 'finishedAt', reason: 'Ngày hoàn thành trước ngày tiếp nhận.' }]);
  });

  it('accepts a finish on the day of receipt given as a date alone', () => {
    expect(validateDossierRow(headers, columns, 2, cells({ finishedAt: '10/01/2026' })).row).toBeDefined();
  });

  it('normalises text cells as normalizeText does, whether or not they already are normal', () => {
    // Precomposed and decomposed Vietnamese, spaces of every kind, a character NFC changes (Å sign).
    const part = fc.constantFrom(
      'a',
      'Z',
      '1',
      '-',
      'Hộ',
      'ệ',
      'Đ',
      'ư',
      'ơ',
      'é',
      'e\u0301',
      'ê\u0323',
      '\u212b',
      ' ',
      '  ',
      '\t',
      '\u00a0',
      '\u2003',
      '\n',
    );
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 12 }).map((parts) => parts.join('')),
        (value) => {
          const trimmed = value.trim();
          const { row } = validateDossierRow(
            headers,
            columns,
            2,
            cells({ procedureName: value, status: value }),
          );
          expect(row?.procedureName).toBe(trimmed ? normalizeText(trimmed) : null);
          expect(row?.status).toBe(trimmed ? normalizeText(trimmed) : null);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('reads texts of Latin and Vietnamese letters, any two side by side, as normalizeText does', () => {
    const letters: string[] = [];
    for (const [from, to] of [
      [0x21, 0x2ff],
      [0x1e00, 0x1eff],
    ] as const)
      for (let code = from; code <= to; code++) letters.push(String.fromCharCode(code));
    for (const first of letters) {
      const text = letters.map((second) => first + second).join(' ');
      for (let start = 0; start < text.length; start += 400) {
        const value = text.slice(start, start + 400).trim();
        const { row } = validateDossierRow(headers, columns, 2, cells({ procedureName: value }));
        expect(row?.procedureName).toBe(normalizeText(value));
      }
    }
  });

  it('gives the same hash to the same content and another to a change', () => {
    const a = validateDossierRow(headers, columns, 2, cells()).row;
    const b = validateDossierRow(headers, columns, 9, cells({ receivedAt: '2026-01-10T08:30:00+07:00' })).row;
    const c = validateDossierRow(headers, columns, 3, cells({ status: 'Đang xử lý' })).row;
    if (!a || !b || !c) throw new Error('rows refused');
    expect(dossierContentHash(a)).toBe(dossierContentHash(b));
    expect(dossierContentHash(a)).not.toBe(dossierContentHash(c));
  });
});
