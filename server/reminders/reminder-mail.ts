import { periodName } from '../../core/periods/period-names.ts';
import type { PeriodWindow } from '../../core/periods/periods.ts';
import { formatDateVi } from '../../core/text/dates.ts';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The reminder as the unit reads it: subject and plain text, in Vietnamese (the official language of
 * the letter); `subjectEn` titles the in-app notification for a reader in English.
 */
export function reminderMail(input: { unitName: string; period: PeriodWindow; today: string; link: string }) {
  const { period, today } = input;
  const due = formatDateVi(period.due);
  const late = today > period.due;
  const left = daysBetween(today, period.due);
  const name = periodName(period.code, 'vi', { inSentence: true });
  const subject = `${late ? 'Quá hạn gửi báo cáo' : 'Nhắc gửi báo cáo'} ${name} — hạn ${due}`;
  const when = late
    ? `Đã quá hạn ${-left} ngày.`
    : left === 0
      ? 'Hôm nay là hạn cuối.'
      : `Còn ${left} ngày đến hạn.`;
  const text = [
    `Kính gửi: ${input.unitName}`,
    '',
    `${input.unitName} chưa gửi báo cáo ${name} (số liệu từ ${formatDateVi(period.dataFrom)} đến ${formatDateVi(period.dataTo)}).`,
    `Hạn gửi: ${due}. ${when}`,
    '',
    `Mở báo cáo: ${input.link}`,
    '',
    'Thư gửi tự động từ hệ thống Chiso; vui lòng không trả lời thư này.',
  ].join('\n');
  const nameEn = periodName(period.code, 'en', { inSentence: true });
  const subjectEn = `${late ? 'Overdue: the report' : 'Reminder: the report'} for ${nameEn} — due ${due}`;
  return { subject, subjectEn, text };
}
