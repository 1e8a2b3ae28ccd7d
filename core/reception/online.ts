/**
 * Online reception (tiếp công dân trực tuyến): allowed from 01/7/2026 (Luật 136/2025/QH15, Điều 3a),
 * with the checks the implementing decree's unofficial copy lists (NĐ 154/2026, Điều 16–24, citizen-side
 * reference §2.5, unconfirmed): the parties notified at least 5 working days before, a successful test
 * connection at least 1 working day before, every point connected 1 hour before, the whole session
 * recorded. Each dated check is a dated rule with its basis and whether its text is confirmed.
 */
import type { Calendar } from '../feedback/clock-rules.ts';
import { workdaysBefore } from './schedule.ts';

/** From when a session may be online, and on what basis. */
export interface OnlineRule {
  from: string;
  to: string | null;
  basis: string;
  basisEn: string;
}

export const ONLINE_RECEPTION: readonly OnlineRule[] = [
  {
    from: '2026-07-01',
    to: null,
    basis: 'Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân, Điều 3a',
    basisEn: 'Law 136/2025/QH15 amending the Law on Citizen Reception, Article 3a',
  },
];

/** The rule allowing online reception on a day, or null before it. */
export function onlineAllowed(
  on: string,
  rules: readonly OnlineRule[] = ONLINE_RECEPTION,
): OnlineRule | null {
  return rules.find((rule) => rule.from <= on && (rule.to === null || on <= rule.to)) ?? null;
}

/** The checks an online session keeps: two dated ones (a date the staff record) and two on the day. */
export const ONLINE_CHECKS = {
  notified: {
    vi: 'Thông báo cho các bên tham gia',
    en: 'Parties notified',
  },
  tested: {
    vi: 'Kết nối thử thành công',
    en: 'Test connection succeeded',
  },
  connected: {
    vi: 'Các điểm cầu kết nối trước giờ tiếp ít nhất 01 giờ',
    en: 'Every point connected at least 1 hour before',
  },
  recorded: {
    vi: 'Ghi âm, ghi hình toàn bộ buổi tiếp',
    en: 'The whole session recorded (audio and video)',
  },
} as const;
export type OnlineCheck = keyof typeof ONLINE_CHECKS;

/** A dated check: so many working days before the session, from a date, on a basis not yet confirmed. */
export interface OnlineCheckRule {
  check: 'notified' | 'tested';
  workdays: number;
  from: string;
  to: string | null;
  basis: string;
  source: 'law' | 'unconfirmed';
}

const DECREE = 'Nghị định 154/2026/NĐ-CP';

export const ONLINE_CHECK_RULES: readonly OnlineCheckRule[] = [
  { check: 'notified', workdays: 5, from: '2026-07-01', to: null, basis: DECREE, source: 'unconfirmed' },
  { check: 'tested', workdays: 1, from: '2026-07-01', to: null, basis: DECREE, source: 'unconfirmed' },
];

export interface ChecklistItem {
  check: OnlineCheck;
  /** The last day for a dated check; the session's day for the checks made on the day. */
  dueOn: string;
  /** "HH:MM" by which the points are connected (only the connection check). */
  dueAt: string | null;
  /** The day the staff recorded it done (dated checks only). */
  doneOn: string | null;
  /** Done after its last day, or not done and its last day is past. */
  late: boolean;
  basis: string;
  source: 'law' | 'unconfirmed';
}

const hourBefore = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  const total = Math.max(0, (hours ?? 0) * 60 + (minutes ?? 0) - 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/** The checklist of an online session on `on` starting at `startTime`, as of `today`. */
export function onlineChecklist(
  session: { on: string; startTime: string; notifiedOn: string | null; testedOn: string | null },
  today: string,
  calendar: Calendar,
  rules: readonly OnlineCheckRule[] = ONLINE_CHECK_RULES,
): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const check of ['notified', 'tested'] as const) {
    const rule = rules.find(
      (entry) =>
        entry.check === check && entry.from <= session.on && (entry.to === null || session.on <= entry.to),
    );
    if (!rule) continue;
    const dueOn = workdaysBefore(session.on, rule.workdays, calendar);
    const doneOn = check === 'notified' ? session.notifiedOn : session.testedOn;
    items.push({
      check,
      dueOn,
      dueAt: null,
      doneOn,
      late: doneOn === null ? today > dueOn : doneOn > dueOn,
      basis: rule.basis,
      source: rule.source,
    });
  }
  const onDay = {
    dueOn: session.on,
    doneOn: null,
    late: false,
    basis: DECREE,
    source: 'unconfirmed' as const,
  };
  items.push({ check: 'connected', dueAt: hourBefore(session.startTime), ...onDay });
  items.push({ check: 'recorded', dueAt: null, ...onDay });
  return items;
}
