import { describe, expect, it } from 'vitest';
import { periodFileName, periodName } from './period-names.ts';
import { parsePeriod } from './periods.ts';

describe('periodName: a period in words', () => {
  it('names every kind in Vietnamese', () => {
    expect(periodName('2026Q4', 'vi')).toBe('Quý IV/2026');
    expect(periodName('2026Q1', 'vi')).toBe('Quý I/2026');
    expect(periodName('2026S1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodName('2026S2', 'vi')).toBe('6 tháng cuối năm 2026');
    expect(periodName('2026', 'vi')).toBe('Năm 2026');
    expect(periodName('2026M12', 'vi')).toBe('Tháng 12/2026');
    expect(periodName('2026M03', 'vi')).toBe('Tháng 3/2026');
  });

  it('names every kind in English', () => {
    expect(periodName('2026Q4', 'en')).toBe('Q4 2026');
    expect(periodName('2026S1', 'en')).toBe('First half of 2026');
    expect(periodName('2026S2', 'en')).toBe('Second half of 2026');
    expect(periodName('2026', 'en')).toBe('Year 2026');
    expect(periodName('2026M12', 'en')).toBe('December 2026');
  });

  it('is Vietnamese by default, takes a parsed period, and leaves what is not a period as it is', () => {
    const period = parsePeriod('2026q3');
    if (!period) throw new Error('2026q3');
    expect(periodName(period)).toBe('Quý III/2026');
    expect(periodName('2026Q5')).toBe('2026Q5');
    expect(periodName('')).toBe('');
  });

  it('inside a sentence the Vietnamese first word is lower case; English months and quarters keep their capital', () => {
    expect(periodName('2026Q4', 'vi', { inSentence: true })).toBe('quý IV/2026');
    expect(periodName('2026', 'vi', { inSentence: true })).toBe('năm 2026');
    expect(periodName('2026M12', 'vi', { inSentence: true })).toBe('tháng 12/2026');
    expect(periodName('2026S2', 'vi', { inSentence: true })).toBe('6 tháng cuối năm 2026');
    expect(periodName('2026Q4', 'en', { inSentence: true })).toBe('Q4 2026');
    expect(periodName('2026M12', 'en', { inSentence: true })).toBe('December 2026');
    expect(periodName('2026S1', 'en', { inSentence: true })).toBe('first half of 2026');
    expect(periodName('2026', 'en', { inSentence: true })).toBe('year 2026');
  });
});

describe('periodFileName: the name in a file name, in words and without "/"', () => {
  it('writes the Vietnamese name as a sentence has it', () => {
    expect(periodFileName('2026Q4')).toBe('quý IV năm 2026');
    expect(periodFileName('2026S2')).toBe('6 tháng cuối năm 2026');
    expect(periodFileName('2026')).toBe('năm 2026');
    expect(periodFileName('2026M12')).toBe('tháng 12 năm 2026');
  });
});
