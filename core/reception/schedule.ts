/**
 * The reception schedule's rules (citizen-side reference §2.1, §2.2, §2.4; §8 "Tiếp công dân"):
 * expanding a head's standing rule into dates, a day off moved to the next working day (the same
 * holiday calendar reports use, `core/periods/workdays.ts`); the legal minimum frequency per host level
 * as dated rules; the check that says which weeks or months fall short; the publish-ahead rule and the
 * 10-working-day notice clock, each with its legal basis.
 */
import type { Calendar } from '../feedback/clock-rules.ts';
import { addDays } from '../text/dates.ts';
import type { HostLevel, RulePattern } from './labels.ts';

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The later and the earlier of two ISO dates. */
const later = (a: string, b: string) => (a < b ? b : a);
const earlier = (a: string, b: string) => (a < b ? a : b);

const pad = (value: number) => String(value).padStart(2, '0');
const dateOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The day of a month a monthly rule names: the n-th (or last) weekday, or the day of the month (a short month's last day). */
export function monthlyDay(rule: RulePattern, year: number, month: number): string | null {
  const last = daysInMonth(year, month);
  if (rule.monthWeek !== null && rule.weekday !== null) {
    if (rule.monthWeek === -1) {
      for (let day = last; day > last - 7; day--)
        if (isoWeekday(dateOf(year, month, day)) === rule.weekday) return dateOf(year, month, day);
      return null;
    }
    for (let day = 1; day <= 7; day++)
      if (isoWeekday(dateOf(year, month, day)) === rule.weekday)
        return dateOf(year, month, day + 7 * (rule.monthWeek - 1));
    return null;
  }
  if (rule.monthDay !== null) return dateOf(year, month, Math.min(rule.monthDay, last));
  return null;
}

export interface RuleDates extends RulePattern {
  validFrom: string;
  validTo: string | null;
}

export interface PlannedDay {
  /** The day the session takes place. */
  on: string;
  /** The day the rule names, when it was a day off and the session moved. */
  movedFrom: string | null;
}

/**
 * The sessions a rule yields whose named day falls in [from, to] and within the rule's validity: a
 * named day that is not a working day moves to the next working day (the practice of the communes'
 * published schedules, §2.1). Two named days moved onto the same day give one session.
 */
export function expandRule(rule: RuleDates, from: string, to: string, calendar: Calendar): PlannedDay[] {
  const start = later(from, rule.validFrom);
  const end = rule.validTo === null ? to : earlier(rule.validTo, to);
  const named: string[] = [];
  if (start > end) return [];
  if (rule.frequency === 'weekly') {
    if (rule.weekday === null) return [];
    let day = start;
    while (isoWeekday(day) !== rule.weekday) day = addDays(day, 1);
    for (; day <= end; day = addDays(day, 7)) named.push(day);
  } else {
    let year = Number(start.slice(0, 4));
    let month = Number(start.slice(5, 7));
    while (dateOf(year, month, 1) <= end) {
      const day = monthlyDay(rule, year, month);
      if (day && day >= start && day <= end) named.push(day);
      month += 1;
      if (month === 13) {
        month = 1;
        year += 1;
      }
    }
  }
  const seen = new Set<string>();
  const days: PlannedDay[] = [];
  for (const day of named) {
    const on = calendar.isWorkday(day) ? day : calendar.addWorkdays(day, 0);
    if (seen.has(on)) continue;
    seen.add(on);
    days.push({ on, movedFrom: on === day ? null : day });
  }
  return days;
}

/** The least number of reception days a host of a level must hold per week or month, from a date. */
export interface MinimumRule {
  level: HostLevel;
  per: 'week' | 'month';
  days: number;
  from: string;
  to: string | null;
  basis: string;
  /** The same, in English (pages shown in English say it in English). */
  basisEn: string;
}

const PARTY_BASIS = 'Quy định 11-QĐi/TW ngày 18/02/2019, sửa đổi theo Kết luận 215-KL/TW ngày 23/11/2025';
const PARTY_BASIS_EN =
  'Party Regulation 11-QĐi/TW of 18/02/2019, as amended by Conclusion 215-KL/TW of 23/11/2025';
const LAW_EN = 'Law on Citizen Reception 2013';

export const MINIMUM_RULES: readonly MinimumRule[] = [
  {
    level: 'commune_chair',
    per: 'week',
    days: 1,
    from: '2014-07-01',
    to: null,
    basis: 'Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d',
    basisEn: `${LAW_EN}, Article 15(2)(d)`,
  },
  {
    level: 'province_chair',
    per: 'month',
    days: 1,
    from: '2014-07-01',
    to: null,
    basis: 'Luật Tiếp công dân 2013, Điều 12 khoản 5',
    basisEn: `${LAW_EN}, Article 12(5)`,
  },
  {
    level: 'agency_head',
    per: 'month',
    days: 1,
    from: '2014-07-01',
    to: null,
    basis: 'Luật Tiếp công dân 2013, Điều 18 khoản 2',
    basisEn: `${LAW_EN}, Article 18(2)`,
  },
  {
    level: 'public_service_head',
    per: 'month',
    days: 1,
    from: '2014-08-25',
    to: null,
    basis: 'Nghị định 64/2014/NĐ-CP, Điều 4 khoản 2',
    basisEn: 'Decree 64/2014/NĐ-CP, Article 4(2)',
  },
  {
    level: 'party_province',
    per: 'month',
    days: 1,
    from: '2019-02-18',
    to: null,
    basis: PARTY_BASIS,
    basisEn: PARTY_BASIS_EN,
  },
  {
    level: 'party_commune',
    per: 'month',
    days: 2,
    from: '2019-02-18',
    to: null,
    basis: PARTY_BASIS,
    basisEn: PARTY_BASIS_EN,
  },
];

/** The minimum in force for a level on a date; none for 'other' (or before the rule). */
export function minimumInForce(
  level: HostLevel,
  on: string,
  rules: readonly MinimumRule[] = MINIMUM_RULES,
): MinimumRule | null {
  return (
    rules.find((rule) => rule.level === level && rule.from <= on && (rule.to === null || on <= rule.to)) ??
    null
  );
}

/** What the check counts: a session's day, host level and status. */
export interface CountedSession {
  on: string;
  hostLevel: HostLevel;
  status: 'planned' | 'held' | 'postponed' | 'cancelled';
}

export interface FrequencyBucket {
  level: HostLevel;
  per: 'week' | 'month';
  /** The week's Monday and Sunday, or the month's first and last day. */
  from: string;
  to: string;
  required: number;
  held: number;
  planned: number;
  /** Held and planned together fall below the minimum (a week without a working day is never short). */
  short: boolean;
  basis: string;
  basisEn: string;
}

function bucketsOf(per: 'week' | 'month', from: string, to: string): { from: string; to: string }[] {
  const buckets: { from: string; to: string }[] = [];
  if (per === 'week') {
    let monday = addDays(from, 1 - isoWeekday(from));
    for (; monday <= to; monday = addDays(monday, 7)) buckets.push({ from: monday, to: addDays(monday, 6) });
    return buckets;
  }
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  while (dateOf(year, month, 1) <= to) {
    buckets.push({ from: dateOf(year, month, 1), to: dateOf(year, month, daysInMonth(year, month)) });
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return buckets;
}

/**
 * For each host level the unit schedules (its rules' levels with their validity), every week or month
 * of [from, to] inside that validity, with the held and still planned days counted against the legal
 * minimum in force at the bucket's start. Postponed and cancelled days do not count.
 */
export function frequencyCheck(
  levels: readonly { level: HostLevel; validFrom: string; validTo: string | null }[],
  sessions: readonly CountedSession[],
  from: string,
  to: string,
  calendar: Calendar,
): FrequencyBucket[] {
  const result: FrequencyBucket[] = [];
  const byLevel = new Map<HostLevel, { validFrom: string; validTo: string | null }>();
  for (const entry of levels) {
    const known = byLevel.get(entry.level);
    byLevel.set(entry.level, {
      validFrom: known ? earlier(known.validFrom, entry.validFrom) : entry.validFrom,
      validTo:
        known === undefined
          ? entry.validTo
          : known.validTo === null || entry.validTo === null
            ? null
            : later(known.validTo, entry.validTo),
    });
  }
  for (const [level, validity] of byLevel) {
    const start = later(from, validity.validFrom);
    const end = validity.validTo === null ? to : earlier(validity.validTo, to);
    const probe = minimumInForce(level, start);
    if (!probe || start > end) continue;
    for (const bucket of bucketsOf(probe.per, start, end)) {
      const rule = minimumInForce(level, later(bucket.from, start));
      if (!rule) continue;
      const inBucket = sessions.filter(
        (session) => session.hostLevel === level && session.on >= bucket.from && session.on <= bucket.to,
      );
      const days = (status: CountedSession['status']) =>
        new Set(inBucket.filter((session) => session.status === status).map((session) => session.on)).size;
      const held = days('held');
      const planned = days('planned');
      let workdays = 0;
      for (let day = bucket.from; day <= bucket.to; day = addDays(day, 1))
        if (calendar.isWorkday(day)) workdays++;
      result.push({
        level,
        per: rule.per,
        ...bucket,
        required: rule.days,
        held,
        planned,
        short: workdays > 0 && held + planned < Math.min(rule.days, workdays),
        basis: rule.basis,
        basisEn: rule.basisEn,
      });
    }
  }
  return result.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.level < b.level ? -1 : 1));
}

/** A legal clock of reception counted in working days, as a dated rule with its basis. */
export interface ReceptionClock {
  workdays: number;
  from: string;
  to: string | null;
  basis: string;
}

/** The schedule is posted no later than 5 working days before the reception day (Luật TCD Điều 24 khoản 4). */
export const PUBLISH_AHEAD: readonly ReceptionClock[] = [
  { workdays: 5, from: '2014-07-01', to: null, basis: 'Luật Tiếp công dân 2013, Điều 24 khoản 4' },
];

/** The citizen is told within 10 working days of receipt whether it was accepted, refused or transferred. */
export const NOTICE_CLOCK: readonly ReceptionClock[] = [
  { workdays: 10, from: '2014-07-01', to: null, basis: 'Luật Tiếp công dân 2013, Điều 28 khoản 1' },
];

/**
 * A case transferred by a National Assembly or People's Council body, a deputy or a Ban tiếp công dân:
 * within 7 working days of resolving it the body that resolved it tells the transferring body
 * (Luật TCD Điều 27 khoản 2); within 5 working days of that notice the transferring body tells the
 * citizen (Điều 28 khoản 2).
 */
export const REFERRER_CLOCK: readonly ReceptionClock[] = [
  { workdays: 7, from: '2014-07-01', to: null, basis: 'Luật Tiếp công dân 2013, Điều 27 khoản 2' },
];
export const REFERRER_INFORMS_CLOCK: readonly ReceptionClock[] = [
  { workdays: 5, from: '2014-07-01', to: null, basis: 'Luật Tiếp công dân 2013, Điều 28 khoản 2' },
];

export function clockInForce(clocks: readonly ReceptionClock[], on: string): ReceptionClock {
  const clock = clocks.find((entry) => entry.from <= on && (entry.to === null || on <= entry.to));
  if (!clock) throw new Error(`no reception clock in force on ${on}`);
  return clock;
}

/** The n-th working day before a date. */
export function workdaysBefore(date: string, n: number, calendar: Calendar): string {
  let current = date;
  for (let left = n; left > 0; ) {
    current = addDays(current, -1);
    if (calendar.isWorkday(current)) left -= 1;
  }
  return current;
}

export interface PublishTiming {
  /** The last day the session may be published on time. */
  publishBy: string;
  /** Published (or, not yet published, today) after that day. */
  late: boolean;
  basis: string;
}

/** Whether a session published (or still unpublished) on `publishedOn` meets the publish-ahead rule. */
export function publishTiming(sessionOn: string, publishedOn: string, calendar: Calendar): PublishTiming {
  const clock = clockInForce(PUBLISH_AHEAD, sessionOn);
  const publishBy = workdaysBefore(sessionOn, clock.workdays, calendar);
  return { publishBy, late: publishedOn > publishBy, basis: clock.basis };
}

/** The day by which a citizen received on `receivedOn` must be told what becomes of it. */
export function noticeDue(receivedOn: string, calendar: Calendar): { dueOn: string; basis: string } {
  const clock = clockInForce(NOTICE_CLOCK, receivedOn);
  return { dueOn: calendar.addWorkdays(receivedOn, clock.workdays), basis: clock.basis };
}

/**
 * Whether a deputy may receive in the head's stead (a delegated session), as dated defaults the province
 * may override: allowed under the 2013 law as the communes' published schedules practise it; reported
 * withdrawn by Luật 136/2025/QH15 from 01/7/2026, a text not yet confirmed (citizen-side reference §2.2,
 * §2.5), so the default turns off then and the province decides.
 */
export interface DelegationRule {
  allowed: boolean;
  from: string;
  to: string | null;
  basis: string;
  source: 'law' | 'unconfirmed';
}

export const DELEGATION_RULES: readonly DelegationRule[] = [
  {
    allowed: true,
    from: '2014-07-01',
    to: '2026-06-30',
    basis:
      'Luật Tiếp công dân 2013; lịch tiếp công dân của các xã (cấp phó tiếp thay khi người đứng đầu vắng)',
    source: 'law',
  },
  {
    allowed: false,
    from: '2026-07-01',
    to: null,
    basis:
      'Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân (không ủy quyền cấp phó tiếp công dân; chưa xác nhận văn bản)',
    source: 'unconfirmed',
  },
];

/** Whether a session on a day may be delegated: the province's choice if it made one, else the default in force. */
export function delegationAllowed(
  on: string,
  provinceChoice: boolean | null,
): { allowed: boolean; basis: string } {
  const rule = DELEGATION_RULES.find((entry) => entry.from <= on && (entry.to === null || on <= entry.to));
  if (provinceChoice !== null) return { allowed: provinceChoice, basis: 'Quy định của tỉnh' };
  return { allowed: rule?.allowed ?? false, basis: rule?.basis ?? '' };
}

export interface ReferralClocks {
  /** The last day to tell the transferring body (null until the case is resolved). */
  referrerDueOn: string | null;
  /** The last day for the transferring body to tell the citizen (null until it was told). */
  citizenInformDueOn: string | null;
}

/** The follow-up clocks of a transferred line: counted from the day resolved, then from the notice sent. */
export function referralClocks(
  line: { referredBy: string | null; resolvedOn: string | null; referrerNotifiedOn: string | null },
  calendar: Calendar,
): ReferralClocks {
  if (line.referredBy === null || line.resolvedOn === null)
    return { referrerDueOn: null, citizenInformDueOn: null };
  const notice = clockInForce(REFERRER_CLOCK, line.resolvedOn);
  const referrerDueOn = calendar.addWorkdays(line.resolvedOn, notice.workdays);
  if (line.referrerNotifiedOn === null) return { referrerDueOn, citizenInformDueOn: null };
  const inform = clockInForce(REFERRER_INFORMS_CLOCK, line.referrerNotifiedOn);
  return {
    referrerDueOn,
    citizenInformDueOn: calendar.addWorkdays(line.referrerNotifiedOn, inform.workdays),
  };
}
