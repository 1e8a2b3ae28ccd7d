/**
 * The clocks of petitions, complaints and denunciations as data: each rule says how many days (working
 * or calendar), counted from which event, under which legal basis, from which date it applies and to
 * which date. A case keeps the rule in force on the day it was received. Where the law leaves the
 * number to the province, or the number is not confirmed in an official text, the province sets it and
 * the default below is shown as a default (citizen-side reference §0, §1, §8).
 */
import { addDays } from '../text/dates.ts';
import type { FeedbackKind } from './kinds.ts';

export type ClockStep =
  /** Sent on to the competent body when the receiver is not competent. */
  | 'forward'
  /** The reception desk tells the citizen what becomes of what they raised. */
  | 'acknowledge'
  /** The petition is answered. */
  | 'answer'
  /** A complaint is accepted (thụ lý) or refused with reasons. */
  | 'accept'
  /** A denunciation is recorded, classified and checked (xử lý ban đầu). */
  | 'initial'
  /** A complaint (first instance) or denunciation is resolved, counted from acceptance. */
  | 'resolve'
  /** A complex case's resolution is extended, by a written decision the citizen is told of. */
  | 'extend'
  /** The decision is sent to the complainant, or the conclusion published. */
  | 'publish';

/** Each clock's step in words, for the settings and the item pages. */
export const CLOCK_STEP_NAMES: Readonly<Record<ClockStep, { vi: string; en: string }>> = {
  forward: { vi: 'Chuyển cơ quan có thẩm quyền', en: 'Sending on to the competent body' },
  acknowledge: {
    vi: 'Thông báo cho người gửi việc tiếp nhận, thụ lý',
    en: 'Telling the citizen what becomes of it',
  },
  answer: { vi: 'Trả lời phản ánh, kiến nghị', en: 'Answering the petition' },
  accept: { vi: 'Thụ lý hoặc từ chối thụ lý', en: 'Accepting or refusing it' },
  initial: { vi: 'Xử lý ban đầu', en: 'Initial handling' },
  resolve: { vi: 'Giải quyết', en: 'Resolving' },
  extend: { vi: 'Gia hạn giải quyết vụ việc phức tạp', en: 'Extending a complex case' },
  publish: {
    vi: 'Gửi quyết định hoặc công khai kết luận',
    en: 'Sending the decision or publishing the conclusion',
  },
};

/** Where the number comes from: the law's text, a text not confirmed officially, or the province. */
export type RuleSource = 'law' | 'unconfirmed' | 'province_default';

export const RULE_SOURCE_NAMES: Readonly<Record<RuleSource, { vi: string; en: string }>> = {
  law: { vi: 'Theo luật', en: 'Set by law' },
  unconfirmed: {
    vi: 'Chưa xác nhận trong văn bản chính thức: tỉnh đặt lại được',
    en: 'Not confirmed in an official text: the province may set it',
  },
  province_default: {
    vi: 'Pháp luật để tỉnh quy định: số mặc định của Chiso',
    en: 'Left to the province by law: Chiso’s default',
  },
};

export interface ClockRule {
  kinds: readonly FeedbackKind[];
  step: ClockStep;
  days: number;
  unit: 'workdays' | 'days';
  /** ISO dates: the first day the rule applies, and the last (null: still in force). */
  from: string;
  to: string | null;
  basis: string;
  source: RuleSource;
  /**
   * An extension's limits: the whole time from acceptance after the first extension, the second, …
   * (so a case never runs past the law's maximum, however its deadlines fell on days off).
   */
  extension?: { totals: readonly number[] };
}

const PETITIONS = ['pakn_regulation', 'pakn_conduct', 'pakn_general'] as const;

/** The rules the product ships; a province's settings override the numbers a province may set. */
export const CLOCK_RULES: readonly ClockRule[] = [
  {
    kinds: PETITIONS,
    step: 'forward',
    days: 5,
    unit: 'workdays',
    from: '2008-02-14',
    to: null,
    basis: 'Nghị định 20/2008/NĐ-CP, Điều 9 khoản 1 điểm d',
    source: 'law',
  },
  {
    kinds: [...PETITIONS, 'complaint', 'denunciation'],
    step: 'acknowledge',
    days: 10,
    unit: 'workdays',
    from: '2014-07-01',
    to: null,
    basis: 'Luật Tiếp công dân 2013, Điều 28 khoản 1',
    source: 'law',
  },
  {
    // No general answer deadline in NĐ 20/2008; the national portal's Quy chế (QĐ 31/2021/QĐ-TTg)
    // sets one whose number is not confirmed: the province decides, 15 working days unless it does.
    kinds: PETITIONS,
    step: 'answer',
    days: 15,
    unit: 'workdays',
    from: '2008-02-14',
    to: null,
    basis: 'Quy chế Cổng Dịch vụ công quốc gia (Quyết định 31/2021/QĐ-TTg); quy định của tỉnh',
    source: 'province_default',
  },
  {
    kinds: ['complaint'],
    step: 'accept',
    days: 10,
    unit: 'workdays',
    from: '2012-07-01',
    to: '2026-06-30',
    basis: 'Luật Khiếu nại 2011, Điều 27; Thông tư 07/2013/TT-TTCP, Điều 5',
    source: 'law',
  },
  {
    kinds: ['complaint'],
    step: 'accept',
    days: 7,
    unit: 'workdays',
    from: '2026-07-01',
    to: null,
    basis: 'Nghị định 155/2026/NĐ-CP, Điều 10 (sửa Điều 16 Nghị định 124/2020/NĐ-CP)',
    source: 'unconfirmed',
  },
  {
    kinds: ['complaint'],
    step: 'resolve',
    days: 30,
    unit: 'days',
    from: '2012-07-01',
    to: null,
    basis: 'Luật Khiếu nại 2011, Điều 28',
    source: 'law',
  },
  {
    // A complex case: at most 45 days from acceptance instead of 30 (vùng sâu, vùng xa: 60).
    kinds: ['complaint'],
    step: 'extend',
    days: 15,
    unit: 'days',
    from: '2012-07-01',
    to: null,
    basis: 'Luật Khiếu nại 2011, Điều 28',
    source: 'law',
    extension: { totals: [45] },
  },
  {
    kinds: ['complaint'],
    step: 'publish',
    days: 3,
    unit: 'workdays',
    from: '2012-07-01',
    to: null,
    basis: 'Luật Khiếu nại 2011, Điều 32',
    source: 'law',
  },
  {
    kinds: ['denunciation'],
    step: 'initial',
    days: 7,
    unit: 'workdays',
    from: '2019-01-01',
    to: null,
    basis: 'Luật Tố cáo 2018, Điều 24 khoản 1',
    source: 'law',
  },
  {
    kinds: ['denunciation'],
    step: 'forward',
    days: 5,
    unit: 'workdays',
    from: '2019-01-01',
    to: null,
    basis: 'Luật Tố cáo 2018, Điều 24 khoản 2',
    source: 'law',
  },
  {
    kinds: ['denunciation'],
    step: 'resolve',
    days: 30,
    unit: 'days',
    from: '2019-01-01',
    to: null,
    basis: 'Luật Tố cáo 2018, Điều 30',
    source: 'law',
  },
  {
    // A complex case once, an especially complex one twice, each time by at most 30 days (90 in all).
    kinds: ['denunciation'],
    step: 'extend',
    days: 30,
    unit: 'days',
    from: '2019-01-01',
    to: null,
    basis: 'Luật Tố cáo 2018, Điều 30 khoản 1',
    source: 'law',
    extension: { totals: [60, 90] },
  },
  {
    kinds: ['denunciation'],
    step: 'publish',
    days: 7,
    unit: 'workdays',
    from: '2019-01-01',
    to: null,
    basis: 'Luật Tố cáo 2018, Điều 40',
    source: 'law',
  },
];

/** The numbers a province has set for the steps the law leaves to it (or leaves unconfirmed). */
export type ProvinceClockSettings = Partial<Record<`${FeedbackKind}.${ClockStep}`, number>>;

/** The rule of a kind and step in force on a date, with the province's number where it may set one. */
export function ruleInForce(
  kind: FeedbackKind,
  step: ClockStep,
  on: string,
  settings: ProvinceClockSettings = {},
  rules: readonly ClockRule[] = CLOCK_RULES,
): ClockRule | null {
  const rule = rules.find(
    (candidate) =>
      candidate.step === step &&
      candidate.kinds.includes(kind) &&
      candidate.from <= on &&
      (candidate.to === null || on <= candidate.to),
  );
  if (!rule) return null;
  const set = settings[`${kind}.${step}`];
  return set !== undefined && rule.source !== 'law'
    ? { ...rule, days: set, source: 'province_default' }
    : rule;
}

/** What the clock needs of the calendar: the holidays calendar reports use (core/periods/workdays.ts). */
export interface Calendar {
  isWorkday(date: string): boolean;
  addWorkdays(date: string, n: number): string;
}

/**
 * The last day to act: n working days after the start, or n calendar days after it where the rule
 * counts days; a period of days that ends on a day off ends on the next working day (Bộ luật Dân sự
 * 2015, Điều 148 khoản 5).
 */
export function dueDate(start: string, rule: Pick<ClockRule, 'days' | 'unit'>, calendar: Calendar): string {
  if (rule.unit === 'workdays') return calendar.addWorkdays(start, rule.days);
  let end = addDays(start, rule.days);
  while (!calendar.isWorkday(end)) end = addDays(end, 1);
  return end;
}

/**
 * The clock stands still while the unit waits for the citizen's reply (a product rule where the law sets
 * no pause for a petition): the deadline moves on by the working days from the question to the reply.
 */
export function resumedDueDate(due: string, askedOn: string, repliedOn: string, calendar: Calendar): string {
  let waited = 0;
  for (let day = addDays(askedOn, 1); day <= repliedOn; day = addDays(day, 1))
    if (calendar.isWorkday(day)) waited++;
  return waited === 0 ? due : calendar.addWorkdays(due, waited);
}

/** Why a case's resolution cannot be extended (the workflow's refusals carry the words). */
export type ExtensionRefusal = 'no_extension' | 'extended_enough';

/**
 * The new deadline of a complaint or denunciation whose resolution is extended, or why it cannot be: a
 * petition has no extension; a complaint is extended once, to 45 days from its acceptance; a
 * denunciation once or twice, to 60 then 90 days from it. The rule is the one in force on the day the
 * case was received, like its other clocks; a deadline already later (a pause for the citizen) is kept.
 */
export function extendedDue(
  item: {
    kind: FeedbackKind;
    receivedOn: string;
    acceptedOn: string | null;
    dueOn: string;
    extensions: number;
  },
  calendar: Calendar,
): { ok: true; dueOn: string; basis: string } | { ok: false; refusal: ExtensionRefusal } {
  const rule = ruleInForce(item.kind, 'extend', item.receivedOn);
  if (!rule?.extension || item.acceptedOn === null) return { ok: false, refusal: 'no_extension' };
  const total = rule.extension.totals[item.extensions];
  if (total === undefined) return { ok: false, refusal: 'extended_enough' };
  const due = dueDate(item.acceptedOn, { days: total, unit: 'days' }, calendar);
  const [later] = [due, item.dueOn].sort().reverse();
  return { ok: true, dueOn: later ?? due, basis: rule.basis };
}

/** Whether a case could still be extended (the rule exists and has times left), for offering the step. */
export function mayExtend(item: { kind: FeedbackKind; receivedOn: string; extensions: number }): boolean {
  const rule = ruleInForce(item.kind, 'extend', item.receivedOn);
  return rule?.extension !== undefined && item.extensions < rule.extension.totals.length;
}
