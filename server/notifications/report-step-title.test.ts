import { describe, expect, it } from 'vitest';
import { REPORT_ACTIONS } from '../../core/reports/report.ts';
import { reportStepTitle } from './report-notifications.ts';

describe('a report step’s notification title names the period in words', () => {
  it('for halves, years and months too', () => {
    const title = (periodCode: string) =>
      reportStepTitle({ action: 'submit', periodCode, reason: null }, 'Sở Nội vụ').vi;
    expect(title('2026S2')).toBe('Sở Nội vụ đã gửi báo cáo 6 tháng cuối năm 2026');
    expect(title('2026')).toBe('Sở Nội vụ đã gửi báo cáo năm 2026');
    expect(title('2026M12')).toBe('Sở Nội vụ đã gửi báo cáo tháng 12/2026');
    expect(reportStepTitle({ action: 'lock', periodCode: '2026Q4', reason: null }, 'Sở Nội vụ')).toEqual({
      vi: 'Báo cáo quý IV/2026 của Sở Nội vụ đã khóa',
      en: 'The report of Sở Nội vụ for Q4 2026 is locked',
    });
  });

  it('is written in English too, the reason kept as the person typed it', () => {
    const step = (action: keyof typeof REPORT_ACTIONS) =>
      reportStepTitle({ action, periodCode: '2026S2', reason: 'Thiếu số liệu' }, 'Sở Nội vụ').en;
    expect(step('submit')).toBe('Sở Nội vụ sent its report for second half of 2026');
    expect(step('return')).toBe(
      'The report of Sở Nội vụ for second half of 2026 was returned: Thiếu số liệu',
    );
    expect(step('present')).toBe(
      "The report of Sở Nội vụ for second half of 2026 awaits the head's approval",
    );
  });

  it('no step of any period shows its code', () => {
    for (const action of Object.keys(REPORT_ACTIONS) as (keyof typeof REPORT_ACTIONS)[])
      for (const periodCode of ['2026M03', '2026Q2', '2026S1', '2026S2']) {
        const { vi, en } = reportStepTitle({ action, periodCode, reason: 'Thiếu số liệu' }, 'Sở Nội vụ');
        for (const title of [vi, en]) expect(title).not.toContain(periodCode);
        expect(vi).not.toMatch(/kỳ \d/);
      }
  });
});
