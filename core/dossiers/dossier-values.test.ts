import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerSignature, mappingProblems, recogniseHeader, resolveColumns } from './dossier-fields.ts';
import {
  dossierQuarter,
  finishedCounts,
  parseChannel,
  parseDossierTime,
  parseFlag,
} from './dossier-values.ts';

const at = (iso: string) => new Date(iso).getTime();

describe('dossier times', () => {
  it('reads ISO 8601 and dd/mm/yyyy, in Vietnam time when no offset is given', () => {
    expect(parseDossierTime('2026-01-15T08:30:00+07:00')?.ms).toBe(at('2026-01-15T01:30:00Z'));
    expect(parseDossierTime('2026-01-15T08:30:00Z')?.ms).toBe(at('2026-01-15T08:30:00Z'));
    expect(parseDossierTime('2026-01-15 08:30')?.ms).toBe(at('2026-01-15T01:30:00Z'));
    expect(parseDossierTime('15/01/2026 08:30')?.ms).toBe(at('2026-01-15T01:30:00Z'));
    expect(parseDossierTime('5/1/2026 08:30:15')?.ms).toBe(at('2026-01-05T01:30:15Z'));
    expect(parseDossierTime('15/01/2026')).toEqual({ ms: at('2026-01-14T17:00:00Z'), dateOnly: true });
    expect(parseDossierTime('2026-01-15T08:30:00.250-05:00')?.ms).toBe(at('2026-01-15T13:30:00.250Z'));
  });

  it('refuses impossible dates and times', () => {
    for (const value of [
      '31/02/2026',
      '29/02/2025',
      '2026-13-01',
      '15/01/2026 24:00',
      '15/01/26',
      'hôm qua',
      '',
    ])
      expect(parseDossierTime(value), value).toBeNull();
    expect(parseDossierTime('29/02/2028')).not.toBeNull();
  });

  it('reads the fixed-width forms digit by digit as the patterns read them', () => {
    const cases: [string, string | null][] = [
      ['2025-03-04T08:15:00+07:00', '2025-03-04T01:15:00Z'],
      ['2025-03-04t08:15:00z', '2025-03-04T08:15:00Z'],
      ['2025-03-04 08:15:00-05:30', '2025-03-04T13:45:00Z'],
      ['2025-03-04T08:15:00+0700', '2025-03-04T01:15:00Z'],
      ['2025-03-04T08:15:00', '2025-03-04T01:15:00Z'],
      ['2025-03-04T08:15:00.5+07:00', '2025-03-04T01:15:00.500Z'],
      ['2025-03-04', '2025-03-03T17:00:00Z'],
      ['04/03/2025 08:15', '2025-03-04T01:15:00Z'],
      ['04/03/2025', '2025-03-03T17:00:00Z'],
      ['29/02/2024', '2024-02-28T17:00:00Z'],
      ['2024-02-29T10:00:00+07:00', '2024-02-29T03:00:00Z'],
      ['31/02/2026', null],
      ['29/02/2100 10:00', null],
      ['2026-02-30T10:00:00+07:00', null],
      ['2026-04-31T10:00:00Z', null],
      ['2026-01-15T24:00:00+07:00', null],
      ['2026-01-15T08:60:00+07:00', null],
      ['2026-01-15T08:30:00+07:0', null],
      ['2026-01-15T08:30:00 07:00', null],
      ['2026-01-1xT08:30:00+07:00', null],
      ['04/03/2025 08h15', null],
    ];
    for (const [value, expected] of cases) {
      expect(parseDossierTime(value)?.ms ?? null, value).toBe(expected === null ? null : at(expected));
      expect(parseDossierTime(value), value).toEqual(patternTime(value));
    }
  });

  it('counts the days of the calendar as Date does, leap years and centuries included', () => {
    for (let ms = Date.UTC(1600, 0, 1, 10, 20, 30); ms < Date.UTC(2400, 0, 1); ms += 24 * 3600_000) {
      const iso = `${new Date(ms).toISOString().slice(0, 19)}Z`;
      if (parseDossierTime(iso)?.ms !== ms) expect(parseDossierTime(iso)?.ms, iso).toBe(ms);
    }
    expect(parseDossierTime('0099-01-01T00:00:00Z')?.ms).toBe(Date.UTC(99, 0, 1));
  });

  it('agrees with the patterns alone on times well and badly written', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(13),
        two(32),
        fc.constantFrom('T', 't', ' ', '  ', '_'),
        two(25),
        two(61),
        two(61),
        fc.constantFrom('', '.250', 'Z', 'z', '+07:00', '-05:30', '+0700', '-0000', ' +07:00', '+7:00', 'X'),
      )
      .map(([y, mo, d, sep, h, mi, s, offset]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${offset}`);
    const vietnam = fc
      .tuple(
        two(32),
        two(13),
        fc.integer({ min: 1900, max: 2100 }),
        fc.constantFrom('', ' ', 'T'),
        two(25),
        two(61),
      )
      .map(([d, mo, y, sep, h, mi]) => (sep ? `${d}/${mo}/${y}${sep}${h}:${mi}` : `${d}/${mo}/${y}`));
    // One character changed anywhere: the fast paths must refuse or read exactly as the patterns do.
    const mutated = fc
      .tuple(
        fc.oneof(iso, vietnam),
        fc.nat(),
        fc.constantFrom('0', '9', '-', '/', ':', '+', ' ', 'T', 'Z', 'a', ''),
      )
      .map(([text, at, char]) => text.slice(0, at % text.length) + char + text.slice((at % text.length) + 1));
    fc.assert(
      fc.property(fc.oneof(iso, vietnam, mutated), (value) => {
        expect(parseDossierTime(value)).toEqual(patternTime(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('puts a time in the quarter of its Vietnam date, with the cut-off on the 14th', () => {
    expect(dossierQuarter(at('2026-03-14T16:59:59Z'))).toBe('2026Q1'); // 14/03 23:59 in Vietnam
    expect(dossierQuarter(at('2026-03-14T17:00:00Z'))).toBe('2026Q2'); // 15/03 00:00 in Vietnam
    expect(dossierQuarter(at('2025-12-15T01:00:00Z'))).toBe('2026Q1');
    expect(dossierQuarter(at('2025-12-14T01:00:00Z'))).toBe('2025Q4');
  });
});

describe('dossier words', () => {
  it('reads channels in canonical and Vietnamese words', () => {
    expect(parseChannel('online_full')).toBe('online_full');
    expect(parseChannel('Trực tuyến toàn trình')).toBe('online_full');
    expect(parseChannel('TRỰC TUYẾN MỘT PHẦN')).toBe('online_partial');
    expect(parseChannel('Trực tiếp')).toBe('direct');
    expect(parseChannel('Bưu chính công ích')).toBe('postal');
    expect(parseChannel('fax')).toBeNull();
  });

  it('reads yes/no flags, an empty cell being no', () => {
    for (const value of ['true', '1', 'Có', 'x', 'X']) expect(parseFlag(value), value).toBe(true);
    for (const value of ['false', '0', 'Không', '']) expect(parseFlag(value), value).toBe(false);
    expect(parseFlag('có lẽ')).toBeNull();
  });

  it('counts a dossier early only when finished a whole day before its due time', () => {
    const due = at('2026-01-20T10:00:00Z');
    expect(finishedCounts(due - 24 * 3600_000, due)).toEqual({
      isOnTime: true,
      isEarly: true,
      isLate: false,
    });
    expect(finishedCounts(due - 23 * 3600_000, due)).toEqual({
      isOnTime: true,
      isEarly: false,
      isLate: false,
    });
    expect(finishedCounts(due + 1, due)).toEqual({ isOnTime: false, isEarly: false, isLate: true });
    expect(finishedCounts(due, null)).toEqual({ isOnTime: true, isEarly: false, isLate: false });
  });
});

describe('dossier headers', () => {
  it('recognises canonical names and Vietnamese titles, ignoring diacritics, case and marks', () => {
    expect(recogniseHeader('receivedAt')).toBe('receivedAt');
    expect(recogniseHeader('Mã hồ sơ')).toBe('code');
    expect(recogniseHeader('MA CO QUAN (*)')).toBe('unitCode');
    expect(recogniseHeader('  Ngày  hẹn trả ')).toBe('dueAt');
    expect(recogniseHeader('Ngày có kết quả')).toBe('finishedAt');
    expect(recogniseHeader('Hình thức nộp')).toBe('channel');
    expect(recogniseHeader('Thư xin lỗi')).toBe('apologyIssued');
    expect(recogniseHeader('Ghi chú')).toBeNull();
  });

  it('refuses a layout without a required column, suggesting what it recognised', () => {
    const headers = ['Số hồ sơ', 'Đơn vị', 'Mã TTHC', 'Kênh', 'Ngày nhận'];
    const refused = resolveColumns(headers);
    expect(refused).toEqual({
      ok: false,
      missing: ['unitCode'],
      suggested: { code: 'Số hồ sơ', procedureCode: 'Mã TTHC', channel: 'Kênh', receivedAt: 'Ngày nhận' },
    });
    const mapped = resolveColumns(headers, { unitCode: 'Đơn vị' });
    expect(mapped).toEqual({
      ok: true,
      columns: { code: 0, unitCode: 1, procedureCode: 2, channel: 3, receivedAt: 4 },
    });
    expect(mappingProblems(headers, { unitCode: 'Đơn vị' })).toEqual([]);
    expect(mappingProblems(headers, { unit: 'Đơn vị', code: 'Mã' })).toHaveLength(2);
    expect(headerSignature(headers)).toBe(
      headerSignature(['SO HO SO', 'don vi', 'ma tthc', 'kenh', 'ngay nhan']),
    );
  });
});

/** The reading of a time before the fixed-width fast paths: the two patterns alone. */
function patternTime(value: string) {
  const text = value.trim();
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text,
    );
  if (iso) {
    const fraction = iso[7] ? Number(iso[7].padEnd(3, '0').slice(0, 3)) : 0;
    const clock =
      iso[4] === undefined ? null : [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0), fraction];
    return patternWallTime(Number(iso[1]), Number(iso[2]), Number(iso[3]), clock, iso[8]);
  }
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!vn) return null;
  const clock = vn[4] === undefined ? null : [Number(vn[4]), Number(vn[5]), Number(vn[6] ?? 0), 0];
  return patternWallTime(Number(vn[3]), Number(vn[2]), Number(vn[1]), clock, undefined);
}

function patternWallTime(year: number, month: number, day: number, clock: number[] | null, offset?: string) {
  const [hour = 0, minute = 0, second = 0, millis = 0] = clock ?? [];
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays =
    month === 2 && isLeap ? 29 : ([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59)
    return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const dateOnly = clock === null;
  if (!offset) return { ms: wall - 7 * 3600_000, dateOnly };
  if (offset === 'Z' || offset === 'z') return { ms: wall, dateOnly };
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return {
    ms: wall - sign * (Number(digits.slice(1, 3)) * 3600_000 + Number(digits.slice(3, 5)) * 60_000),
    dateOnly,
  };
}
