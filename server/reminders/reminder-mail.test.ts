import { describe, expect, it } from 'vitest';
import { parsePeriod, periodWindow } from '../../core/periods/periods.ts';
import { reminderMail } from './reminder-mail.ts';

const CODE = /\d{4}(?:Q[1-4]|S[12]|M\d{2})/;
const windowOf = (code: string) => {
  const period = parsePeriod(code);
  if (!period) throw new Error(code);
  return periodWindow(period);
};
const mail = (code: string, today = '2026-12-02') =>
  reminderMail({
    unitName: 'Sở Nội vụ',
    period: windowOf(code),
    today,
    link: 'https://chiso.example.vn/reports',
  });

describe('reminder e-mails name the period in words', () => {
  it('every kind of period, in the subject and the body', () => {
    expect(mail('2026S2').subject).toBe('Nhắc gửi báo cáo 6 tháng cuối năm 2026 — hạn 20/12/2026');
    expect(mail('2026').subject).toBe('Nhắc gửi báo cáo năm 2026 — hạn 20/12/2026');
    expect(mail('2026M12').subject).toBe('Nhắc gửi báo cáo tháng 12/2026 — hạn 20/12/2026');
    expect(mail('2026Q3').subject).toBe('Quá hạn gửi báo cáo quý III/2026 — hạn 20/09/2026');
    expect(mail('2026S1').text).toContain(
      'Sở Nội vụ chưa gửi báo cáo 6 tháng đầu năm 2026 (số liệu từ 15/12/2025 đến 14/06/2026).',
    );
  });

  it('no subject or body shows a period code', () => {
    for (const code of ['2026M01', '2026M12', '2026Q1', '2026Q4', '2026S1', '2026S2', '2026']) {
      const { subject, text } = mail(code);
      for (const words of [subject, text]) {
        expect(words).not.toMatch(CODE);
        // The year itself is "năm 2026", never "kỳ 2026".
        expect(words).not.toContain('kỳ 2026');
      }
    }
  });
});
