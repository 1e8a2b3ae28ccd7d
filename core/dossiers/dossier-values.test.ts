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
