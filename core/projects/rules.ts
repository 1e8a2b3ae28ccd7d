/**
 * The legal rules of community projects as dated data (citizen-side reference §5): the share of
 * households that must agree to residents' contributions, the composition of the community supervision
 * board (Ban giám sát đầu tư của cộng đồng) and the time the commune has to answer the board's
 * recommendations. Each rule names its basis and the days it applies; a project keeps the rule in force
 * on the day it was adopted, a notice the rule in force on the day it was received.
 */
import type { Msg } from '../errors.ts';
import { type Calendar, dueDate } from '../feedback/clock-rules.ts';

/** Where a number comes from: the law's text as read, or a text the reference marks unconfirmed. */
export type ProjectRuleSource = 'law' | 'unconfirmed';

export interface AdoptionRule {
  /** The share of all household representatives that must agree: numerator / denominator, "at least". */
  numerator: number;
  denominator: number;
  /** ISO dates: the first day the rule applies, and the last (null: still in force). */
  from: string;
  to: string | null;
  basis: string;
  source: ProjectRuleSource;
  /** What the rule says beyond the households' share (a commune-wide item: 2/3 of the villages too). */
  note: Msg;
}

/**
 * Contributions and their management are decided by the households themselves (Luật 10/2022 Điều 15
 * khoản 1–2) and pass with at least two thirds of all household representatives of the village
 * (Điều 21 khoản 1 điểm a). Before 01/7/2023 (Pháp lệnh 34/2007) no rule is shipped: the reference does
 * not state it, so an older project's adoption is shown without a verdict.
 */
export const ADOPTION_RULES: readonly AdoptionRule[] = [
  {
    numerator: 2,
    denominator: 3,
    from: '2023-07-01',
    to: null,
    basis: 'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 21 khoản 1',
    source: 'law',
    note: {
      vi: 'Nội dung quyết định trên phạm vi toàn xã còn cần ít nhất 2/3 số thôn, tổ dân phố tán thành.',
      en: 'A commune-wide decision also needs at least two thirds of the villages and residential groups.',
    },
  },
];

/** The adoption rule in force on `date` (ISO), or null when none is shipped for that day. */
export function adoptionRuleOn(date: string, rules: readonly AdoptionRule[] = ADOPTION_RULES) {
  return rules.find((rule) => rule.from <= date && (rule.to === null || rule.to >= date)) ?? null;
}

export type AdoptionVerdict = 'adopted' | 'not_adopted' | 'no_rule' | 'incomplete';

export const ADOPTION_VERDICTS: Readonly<Record<AdoptionVerdict, Msg>> = {
  adopted: { vi: 'Đạt tỷ lệ luật định', en: 'Reached the share the law requires' },
  not_adopted: { vi: 'Chưa đạt tỷ lệ luật định', en: 'Below the share the law requires' },
  no_rule: { vi: 'Không có quy định áp dụng cho ngày này', en: 'No rule recorded for that day' },
  incomplete: { vi: 'Chưa đủ số liệu biểu quyết', en: 'The vote is not fully recorded' },
};

export interface Adoption {
  decidedOn: string | null;
  households: number | null;
  agreed: number | null;
}

/**
 * Whether the households' vote reached the share of the rule in force that day, in whole numbers
 * (agreed × denominator ≥ households × numerator: no rounding of a share ever decides it).
 */
export function adoptionVerdict(adoption: Adoption, rules: readonly AdoptionRule[] = ADOPTION_RULES) {
  const { decidedOn, households, agreed } = adoption;
  if (decidedOn === null || households === null || agreed === null || households <= 0)
    return { verdict: 'incomplete' as AdoptionVerdict, rule: null };
  const rule = adoptionRuleOn(decidedOn, rules);
  if (!rule) return { verdict: 'no_rule' as AdoptionVerdict, rule: null };
  const met = agreed * rule.denominator >= households * rule.numerator;
  return { verdict: (met ? 'adopted' : 'not_adopted') as AdoptionVerdict, rule };
}

/** A share in words with one decimal and a decimal comma: 125 of 150 → "83,3%". */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.round((part * 1000) / whole);
  const text = `${Math.floor(tenths / 10)},${tenths % 10}`;
  return `${text.endsWith(',0') ? text.slice(0, -2) : text}%`;
}

// ---- The commune's answer to the supervision board ------------------------------------------------

export interface AnswerRule {
  days: number;
  unit: 'days' | 'workdays';
  from: string;
  to: string | null;
  basis: string;
  source: ProjectRuleSource;
}

/**
 * The commune's People's Committee answers the board's recommendations within 15 days of receiving
 * them (Luật 10/2022 Điều 45 khoản 2 điểm c): calendar days, so a period ending on a day off ends on
 * the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5).
 */
export const ANSWER_RULES: readonly AnswerRule[] = [
  {
    days: 15,
    unit: 'days',
    from: '2023-07-01',
    to: null,
    basis: 'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 45 khoản 2 điểm c',
    source: 'law',
  },
];

export function answerRuleOn(date: string, rules: readonly AnswerRule[] = ANSWER_RULES) {
  return rules.find((rule) => rule.from <= date && (rule.to === null || rule.to >= date)) ?? null;
}

export type AnswerState = 'not_required' | 'waiting' | 'overdue' | 'in_time' | 'late' | 'no_rule';

export const ANSWER_STATES: Readonly<Record<AnswerState, Msg>> = {
  not_required: { vi: 'Không có kiến nghị cần trả lời', en: 'No recommendation to answer' },
  waiting: { vi: 'Đang chờ trả lời, còn trong hạn', en: 'Awaiting the answer, within the time' },
  overdue: { vi: 'Quá hạn trả lời', en: 'Answer overdue' },
  in_time: { vi: 'Đã trả lời đúng hạn', en: 'Answered in time' },
  late: { vi: 'Đã trả lời quá hạn', en: 'Answered late' },
  no_rule: { vi: 'Không có thời hạn áp dụng', en: 'No time limit applies' },
};

/**
 * Where the commune's answer to a notice stands on `today`: its due date by the rule in force when the
 * notice was received, and whether it came (or is still waiting) in time. Only a notice carrying a
 * recommendation needs an answer.
 */
export function answerTiming(
  notice: { receivedOn: string; hasRecommendation: boolean; answeredOn: string | null },
  today: string,
  calendar: Calendar,
  rules: readonly AnswerRule[] = ANSWER_RULES,
): { state: AnswerState; dueOn: string | null; basis: string | null } {
  if (!notice.hasRecommendation) return { state: 'not_required', dueOn: null, basis: null };
  const rule = answerRuleOn(notice.receivedOn, rules);
  if (!rule) return { state: 'no_rule', dueOn: null, basis: null };
  const dueOn = dueDate(notice.receivedOn, rule, calendar);
  const state: AnswerState =
    notice.answeredOn !== null
      ? notice.answeredOn <= dueOn
        ? 'in_time'
        : 'late'
      : today <= dueOn
        ? 'waiting'
        : 'overdue';
  return { state, dueOn, basis: rule.basis };
}

// ---- The supervision board's composition ----------------------------------------------------------

export const BOARD_ROLES = {
  head: { vi: 'Trưởng ban', en: 'Head' },
  deputy: { vi: 'Phó Trưởng ban', en: 'Deputy head' },
  member: { vi: 'Ủy viên', en: 'Member' },
} as const satisfies Record<string, Msg>;
export type BoardRole = keyof typeof BOARD_ROLES;
export const BOARD_ROLE_CODES = Object.keys(BOARD_ROLES) as [BoardRole, ...BoardRole[]];

export const BOARD_SIDES = {
  front: { vi: 'Đại diện Ủy ban MTTQ xã', en: 'Fatherland Front of the commune' },
  inspection: { vi: 'Đại diện Ban Thanh tra nhân dân', en: "People's Inspection Board" },
  residents: { vi: 'Đại diện người dân', en: 'Residents' },
} as const satisfies Record<string, Msg>;
export type BoardSide = keyof typeof BOARD_SIDES;
export const BOARD_SIDE_CODES = Object.keys(BOARD_SIDES) as [BoardSide, ...BoardSide[]];

/**
 * What the board's composition lacks against Luật 10/2022 Điều 41 and Nghị định 59/2023/NĐ-CP
 * Điều 17: at least 5 members, one head, at most 2 deputies, at most 5 residents' representatives.
 */
export function boardIssues(members: readonly { role: BoardRole; side: BoardSide }[]): Msg[] {
  const issues: Msg[] = [];
  const count = (test: (m: { role: BoardRole; side: BoardSide }) => boolean) => members.filter(test).length;
  if (members.length < 5)
    issues.push({
      vi: `Ban có ${members.length} thành viên: cần ít nhất 05 (Luật 10/2022, Điều 41).`,
      en: `The board has ${members.length} members: at least 5 are needed (Law 10/2022, Art. 41).`,
    });
  const heads = count((m) => m.role === 'head');
  if (heads !== 1)
    issues.push({
      vi: `Ban cần đúng một Trưởng ban (hiện có ${heads}).`,
      en: `The board needs exactly one head (it has ${heads}).`,
    });
  const deputies = count((m) => m.role === 'deputy');
  if (deputies > 2)
    issues.push({
      vi: `Không quá 02 Phó Trưởng ban (hiện có ${deputies}) — Nghị định 59/2023, Điều 17.`,
      en: `At most 2 deputy heads (it has ${deputies}) — Decree 59/2023, Art. 17.`,
    });
  const residents = count((m) => m.side === 'residents');
  if (residents > 5)
    issues.push({
      vi: `Không quá 05 đại diện người dân (hiện có ${residents}) — Nghị định 59/2023, Điều 17.`,
      en: `At most 5 residents' representatives (it has ${residents}) — Decree 59/2023, Art. 17.`,
    });
  return issues;
}
