/**
 * Chasing the units that have not sent their periodic report: what a round of reminders reached
 * (in the app, by e-mail, nobody), and the short text a coordinator pastes into a chat group.
 */
import { periodName } from '../periods/period-names.ts';
import { formatDateVi } from '../text/dates.ts';

type Locale = 'vi' | 'en';

/** One unit's reminder as the server reports it. */
export interface ReminderResult {
  /** sent, failed, in_app (e-mail off), no_address, skipped (already done, or the report is in). */
  status: string;
  /** E-mail addresses it went (or would go) to. */
  recipients: string[];
  /** Active accounts of the unit told in the app. */
  accounts: number;
}

export interface ReminderSummary {
  /** Units a reminder was meant for (those already sent or reminded are in `skipped`). */
  units: number;
  /** Reached by at least one way. */
  reached: number;
  inApp: number;
  mailed: number;
  failed: number;
  /** No account at the unit: nobody to tell in the app. */
  noAccount: number;
  /** No e-mail address: neither the head's on the unit record nor any account's. */
  noEmail: number;
  skipped: number;
  /** E-mail is not configured on this installation: nothing was mailed. */
  mailOff: boolean;
}

export function summariseReminders(results: readonly ReminderResult[]): ReminderSummary {
  const summary: ReminderSummary = {
    units: 0,
    reached: 0,
    inApp: 0,
    mailed: 0,
    failed: 0,
    noAccount: 0,
    noEmail: 0,
    skipped: 0,
    mailOff: false,
  };
  for (const result of results) {
    if (result.status === 'skipped') {
      summary.skipped += 1;
      continue;
    }
    summary.units += 1;
    if (result.status === 'in_app') summary.mailOff = true;
    const inApp = result.accounts > 0;
    const mailed = result.status === 'sent';
    if (inApp) summary.inApp += 1;
    if (mailed) summary.mailed += 1;
    if (inApp || mailed) summary.reached += 1;
    if (result.status === 'failed') summary.failed += 1;
    if (result.accounts === 0) summary.noAccount += 1;
    if (result.recipients.length === 0) summary.noEmail += 1;
  }
  return summary;
}

/**
 * "Đã nhắc 4 đơn vị: 4 qua ứng dụng, 2 qua thư; 112 đơn vị chưa có tài khoản": who was reached how,
 * and who could not be, never a bare "116/116".
 */
export function reminderSummaryText(summary: ReminderSummary, locale: Locale = 'vi'): string {
  const parts: string[] = [];
  if (locale === 'en') {
    parts.push(
      `Reminded ${summary.reached} unit${summary.reached === 1 ? '' : 's'}: ${summary.inApp} in the app, ${summary.mailed} by e-mail`,
    );
    if (summary.noAccount > 0) parts.push(`${summary.noAccount} without an account`);
    if (!summary.mailOff && summary.noEmail > 0) parts.push(`${summary.noEmail} without an e-mail address`);
    if (summary.failed > 0) parts.push(`${summary.failed} e-mail${summary.failed === 1 ? '' : 's'} failed`);
    if (summary.mailOff) parts.push('e-mail is not configured');
    if (summary.skipped > 0) parts.push(`${summary.skipped} skipped (already sent or reminded)`);
    return parts.join('; ');
  }
  parts.push(`Đã nhắc ${summary.reached} đơn vị: ${summary.inApp} qua ứng dụng, ${summary.mailed} qua thư`);
  if (summary.noAccount > 0) parts.push(`${summary.noAccount} đơn vị chưa có tài khoản`);
  if (!summary.mailOff && summary.noEmail > 0) parts.push(`${summary.noEmail} đơn vị chưa có thư điện tử`);
  if (summary.failed > 0) parts.push(`${summary.failed} thư gửi lỗi`);
  if (summary.mailOff) parts.push('chưa cấu hình thư điện tử');
  if (summary.skipped > 0) parts.push(`${summary.skipped} đơn vị bỏ qua (đã gửi báo cáo hoặc đã được nhắc)`);
  return parts.join('; ');
}

export interface ChaseEntry {
  unit: { name: string };
  head: { name: string | null; phone: string | null };
}

/**
 * The short message for the province's chat group (Zalo): the period and its deadline, then one line
 * per unit with its head and phone, so the group can call them.
 */
export function chatText(
  entries: readonly ChaseEntry[],
  window: { code: string; deadline: string },
  today: string,
): string {
  const period = periodName(window.code, 'vi', { inSentence: true });
  const overdue = today > window.deadline;
  const lines = [
    overdue
      ? `Đến ngày ${formatDateVi(today)}, ${entries.length} đơn vị chưa gửi báo cáo ${period} (hạn ${formatDateVi(window.deadline)}, đã quá hạn):`
      : `Đến ngày ${formatDateVi(today)}, ${entries.length} đơn vị chưa gửi báo cáo ${period} (hạn ${formatDateVi(window.deadline)}):`,
    ...entries.map((entry, index) => {
      const head = [entry.head.name ?? 'chưa có tên thủ trưởng', entry.head.phone ?? 'chưa có số điện thoại'];
      return `${index + 1}. ${entry.unit.name}: ${head.join(', ')}`;
    }),
    'Đề nghị các đơn vị khẩn trương gửi báo cáo trên Chiso. Trân trọng cảm ơn!',
  ];
  return lines.join('\n');
}
