import { describe, expect, it } from 'vitest';
import { periodsOfYear, periodsToPick } from './period-choices.ts';
import { periodName } from './period-names.ts';
import { DEFAULT_REGIME } from './periods.ts';

const codes = (list: { code: string }[]) => list.map((choice) => choice.code);

describe('periodsToPick: the periods open, due or overdue in a year', () => {
  it('on 2 December 2026 offers all 19 periods of 2026: quarters, halves, the year, months, newest first', () => {
    const choices = periodsToPick(2026, '2026-12-02');
    expect(codes(choices)).toEqual([
      '2026Q4',
      '2026Q3',
      '2026Q2',
      '2026Q1',
      '2026S2',
      '2026S1',
      '2026',
      '2026M12',
      '2026M11',
      '2026M10',
      '2026M09',
      '2026M08',
      '2026M07',
      '2026M06',
      '2026M05',
      '2026M04',
      '2026M03',
      '2026M02',
      '2026M01',
    ]);
    expect(choices.map((choice) => periodName(choice.code)).slice(0, 7)).toEqual([
      'Quý IV/2026',
      'Quý III/2026',
      'Quý II/2026',
      'Quý I/2026',
      '6 tháng cuối năm 2026',
      '6 tháng đầu năm 2026',
      'Năm 2026',
    ]);
  });

  it('on 2 December 2026 what is still open is due on the 20th; the rest is overdue', () => {
    const choices = periodsToPick(2026, '2026-12-02');
    const open = choices.filter((choice) => choice.state === 'open');
    expect(codes(open)).toEqual(['2026Q4', '2026S2', '2026', '2026M12']);
    expect(open.map((choice) => choice.due)).toEqual([
      '2026-12-20',
      '2026-12-20',
      '2026-12-20',
      '2026-12-20',
    ]);
    expect(choices.find((choice) => choice.code === '2026S2')).toEqual({
      code: '2026S2',
      kind: 'half',
      state: 'open',
      dataFrom: '2026-06-15',
      dataTo: '2026-12-14',
      due: '2026-12-20',
      internalDue: null,
      deadline: '2026-12-20',
    });
    expect(choices.filter((choice) => choice.state === 'overdue')).toHaveLength(15);
    expect(choices.filter((choice) => choice.state === 'due')).toHaveLength(0);
  });

  it('between the cut-off and the deadline a period is due, after it overdue (the regime’s own days)', () => {
    const on16 = periodsToPick(2026, '2026-12-16');
    expect(on16.find((choice) => choice.code === '2026Q4')?.state).toBe('due');
    const on21 = periodsToPick(2026, '2026-12-21');
    expect(on21.find((choice) => choice.code === '2026')?.state).toBe('overdue');
    // A province due on the 25th: on the 21st the year is still due.
    const later = periodsToPick(2026, '2026-12-21', { ...DEFAULT_REGIME, dueDay: 25 });
    expect(later.find((choice) => choice.code === '2026')?.state).toBe('due');
  });

  it('an internal deadline decides overdue before the due date', () => {
    // 5 working days after the cut-off of 14/12/2026 (a Monday): 21/12/2026.
    const regime = { ...DEFAULT_REGIME, dueDay: 25, internalDueWorkdays: 5 };
    const quarter = periodsToPick(2026, '2026-12-22', regime).find((choice) => choice.code === '2026Q4');
    expect(quarter).toMatchObject({ internalDue: '2026-12-21', deadline: '2026-12-21', state: 'overdue' });
  });

  it('offers only what has opened: early in the year, and nothing of a year to come', () => {
    expect(codes(periodsToPick(2026, '2026-01-20'))).toEqual([
      '2026Q1',
      '2026S1',
      '2026',
      '2026M02',
      '2026M01',
    ]);
    expect(codes(periodsToPick(2027, '2026-12-02'))).toEqual([]);
    // After the cut-off of 14/12 the next year's first periods open.
    expect(codes(periodsToPick(2027, '2026-12-15'))).toEqual(['2027Q1', '2027S1', '2027', '2027M01']);
    expect(periodsToPick(2025, '2026-12-02').every((choice) => choice.state === 'overdue')).toBe(true);
  });
});

describe('periodsOfYear: every period of a year, for a target set ahead', () => {
  it('the year, its halves, quarters and months in order', () => {
    expect(periodsOfYear(2027).map((period) => period.code)).toEqual([
      '2027',
      '2027S1',
      '2027S2',
      '2027Q1',
      '2027Q2',
      '2027Q3',
      '2027Q4',
      ...Array.from({ length: 12 }, (_, i) => `2027M${String(i + 1).padStart(2, '0')}`),
    ]);
  });
});
