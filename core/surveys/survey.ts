/**
 * Satisfaction surveys as data: a questionnaire (elements, questions, scales, conditions, which answers
 * count as satisfied) in versions. A published version is never edited in place: a change is a new
 * version. Every raw answer is kept (1–5 on the scale), so another index formula can be applied later
 * without surveying again.
 */
import type { Msg } from '../errors.ts';

export const QUESTION_KINDS = {
  scale5: { vi: 'Thang 5 mức', en: 'Five-level scale' },
  yesno: { vi: 'Có / Không', en: 'Yes / No' },
  choice: { vi: 'Chọn một', en: 'Single choice' },
  text: { vi: 'Ý kiến (chữ)', en: 'Free text' },
} as const;
export type QuestionKind = keyof typeof QUESTION_KINDS;

/** The five levels, 1 to 5, in the plain words the citizen reads. */
export const SCALE5: readonly { value: number; vi: string; en: string }[] = [
  { value: 1, vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
  { value: 2, vi: 'Không hài lòng', en: 'Dissatisfied' },
  { value: 3, vi: 'Bình thường', en: 'Neutral' },
  { value: 4, vi: 'Hài lòng', en: 'Satisfied' },
  { value: 5, vi: 'Rất hài lòng', en: 'Very satisfied' },
];
export const YES_NO: readonly { value: number; vi: string; en: string }[] = [
  { value: 1, vi: 'Có', en: 'Yes' },
  { value: 0, vi: 'Không', en: 'No' },
];

export interface SurveyOption {
  value: number;
  vi: string;
  en?: string | undefined;
  /** For a question filled from the dossier: the dossier channels this option stands for. */
  channels?: string[] | undefined;
}

/** Ask the question only when an earlier question's answer is one of `in` (e.g. only if submitted online). */
export interface SurveyCondition {
  question: string;
  in: number[];
}

export interface SurveyQuestion {
  /** Stable code, the column header of paper imports: "DV1.1", "KENH". */
  code: string;
  /** The element it measures (null: a profile or routing question, not scored). */
  element: string | null;
  kind: QuestionKind;
  textVi: string;
  textEn?: string | undefined;
  /** Choice questions' options; scale5 and yesno have theirs built in. */
  options?: SurveyOption[] | undefined;
  /** The answers that count as satisfied: scale5 defaults to [4, 5]; yesno to [1]; text never counts. */
  satisfied?: number[] | undefined;
  /** Whether the answer counts toward the element and the index (default: scale5 questions do). */
  scored?: boolean | undefined;
  required?: boolean | undefined;
  condition?: SurveyCondition | undefined;
  /** "chưa xác nhận": wording not found in an official text; the province may edit it. */
  unconfirmed?: boolean | undefined;
  /** Filled from the dossier when the answer is tied to a receipt's code: "channel" or "procedure". */
  fromDossier?: 'channel' | undefined;
}

export interface SurveyElement {
  code: string;
  nameVi: string;
  nameEn?: string | undefined;
  /** The sub-index it belongs to ("policy", "service"): SIPAS publishes two. */
  subIndex?: string | undefined;
  /** The criterion of the questionnaire's framework (`frameworkCode`) it measures, e.g. "SIPAS.1". */
  criterion?: string | undefined;
}

export const INDEX_METHODS = {
  share: {
    vi: 'Tỷ lệ câu trả lời hài lòng: số câu trả lời "hài lòng" và "rất hài lòng" trên tổng số câu trả lời được tính điểm',
    en: 'Share of satisfied answers: answers "satisfied" or "very satisfied" over all scored answers',
  },
  mean: {
    vi: 'Điểm trung bình quy về thang 100: (điểm − 1) / 4 × 100, cộng dồn trên mọi câu trả lời được tính điểm',
    en: 'Mean score rescaled to 100: (score − 1) / 4 × 100, over all scored answers',
  },
} as const satisfies Record<string, Msg>;
export type IndexMethod = keyof typeof INDEX_METHODS;

export interface SurveyDefinition {
  /** "SIPAS", or the province's own code. */
  code: string;
  nameVi: string;
  nameEn?: string | undefined;
  fromYear: number;
  toYear: number | null;
  status: 'confirmed' | 'unconfirmed';
  source: string;
  /** How the index is computed from the scored answers. */
  indexMethod: IndexMethod;
  /** Below this many respondents a unit's figures say nothing and it is not ranked. */
  minRespondents: number;
  /** The index code in the indicator catalogue it fills (e.g. SATISFACTION_SERVICE), if any. */
  indicatorCode?: string | undefined;
  /** The framework whose survey criteria it fills, element code = criterion code suffix. */
  frameworkCode?: string | undefined;
  elements: SurveyElement[];
  questions: SurveyQuestion[];
}

export const SURVEY_STATUSES = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  published: { vi: 'Đang dùng', en: 'In use' },
  retired: { vi: 'Ngừng dùng', en: 'Retired' },
} as const;
export type SurveyStatus = keyof typeof SURVEY_STATUSES;

/** One respondent's answers: question code → the option's value (1–5, 1/0) or the text. */
export type SurveyAnswers = Record<string, number | string>;

export function optionsOf(question: SurveyQuestion): readonly SurveyOption[] {
  if (question.kind === 'scale5') return SCALE5;
  if (question.kind === 'yesno') return YES_NO;
  return question.options ?? [];
}

export function satisfiedValues(question: SurveyQuestion): readonly number[] {
  if (question.satisfied) return question.satisfied;
  if (question.kind === 'scale5') return [4, 5];
  if (question.kind === 'yesno') return [1];
  return [];
}

/** Whether the question's answers count toward its element and the index. */
export function isScored(question: SurveyQuestion): boolean {
  if (question.kind === 'text' || question.element === null) return false;
  return question.scored ?? question.kind === 'scale5';
}

/** Whether the question is asked, given the answers so far (its condition's question answered with one of `in`). */
export function isAsked(question: SurveyQuestion, answers: SurveyAnswers): boolean {
  if (!question.condition) return true;
  const answer = answers[question.condition.question];
  return typeof answer === 'number' && question.condition.in.includes(answer);
}

/**
 * The answers a dossier gives without asking: each question marked `fromDossier: "channel"` gets the
 * option standing for the dossier's channel.
 */
export function answersFromDossier(
  definition: SurveyDefinition,
  dossier: { channel: string },
): SurveyAnswers {
  const answers: SurveyAnswers = {};
  for (const question of definition.questions) {
    if (question.fromDossier !== 'channel') continue;
    const option = optionsOf(question).find((candidate) => candidate.channels?.includes(dossier.channel));
    if (option) answers[question.code] = option.value;
  }
  return answers;
}
