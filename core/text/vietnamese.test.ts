import { describe, expect, it } from 'vitest';
import { formatDateVi, parseDate, todayInVietnam } from './dates.ts';
import { compareVietnamese, foldVietnamese, matchesSearch, normalizeText } from './vietnamese.ts';

describe('Vietnamese text', () => {
  it('folds diacritics and đ for search', () => {
    expect(foldVietnamese('Ủy ban nhân dân phường Đống Đa')).toBe('uy ban nhan dan phuong dong da');
    expect(foldVietnamese('Phường  Dị Sử ')).toBe('phuong di su');
  });

  it('treats NFD input and old tone placement as the same search key', () => {
    expect(foldVietnamese('Hòa'.normalize('NFD'))).toBe(foldVietnamese('Hòa'));
    expect(matchesSearch('Thanh Hoá', 'thanh hóa')).toBe(true);
    expect(normalizeText('Ho\u0300a')).toBe('Hòa');
  });

  it('sorts in Vietnamese dictionary order, not code-point order', () => {
    const names = ['Ô Môn', 'Bắc Ninh', 'Đà Nẵng', 'An Giang', 'Ân Thi', 'Ba Vì', 'Zen'];
    expect([...names].sort(compareVietnamese)).toEqual([
      'An Giang',
      'Ân Thi',
      'Ba Vì',
      'Bắc Ninh',
      'Đà Nẵng',
      'Ô Môn',
      'Zen',
    ]);
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy and ISO, refusing impossible dates', () => {
    expect(parseDate('01/07/2025')).toBe('2025-07-01');
    expect(parseDate('1/7/2025')).toBe('2025-07-01');
    expect(parseDate('2025-07-01')).toBe('2025-07-01');
    expect(parseDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDate('29/02/2025')).toBeNull();
    expect(parseDate('31/04/2025')).toBeNull();
    expect(parseDate('07/2025')).toBeNull();
  });

  it('shows dates as dd/mm/yyyy and knows the day in Vietnam (UTC+7)', () => {
    expect(formatDateVi('2025-07-01')).toBe('01/07/2025');
    expect(formatDateVi(null)).toBe('');
    expect(todayInVietnam(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
  });
});
