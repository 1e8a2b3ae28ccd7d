/**
 * One respondent's answers checked against the questionnaire, whichever way they came (the public page,
 * the staff grid, an imported row): values as 1–5 or the answer's words, questions not asked dropped,
 * required questions present. Returns the answers to store, or every problem by question code.
 */
import { type Msg, msg } from '../errors.ts';
import { foldVietnamese, normalizeText } from '../text/vietnamese.ts';
import {
  isAsked,
  optionsOf,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyQuestion,
} from './survey.ts';

export const MAX_TEXT_ANSWER = 2000;

export interface AnswerIssue {
  question: string;
  reason: Msg;
}

/** A raw cell or form value → the option's value; numbers and the words alike ("4", "Hài lòng", "hai long"). */
export function readAnswer(question: SurveyQuestion, raw: unknown): { value?: number | string; issue?: Msg } {
  if (raw === null || raw === undefined) return {};
  if (question.kind === 'text') {
    const text = normalizeText(String(raw)).trim();
    if (text === '') return {};
    if (text.length > MAX_TEXT_ANSWER)
      return {
        issue: msg(
          `Ý kiến dài quá ${MAX_TEXT_ANSWER} ký tự.`,
          `The comment is longer than ${MAX_TEXT_ANSWER} characters.`,
        ),
      };
    return { value: text };
  }
  const options = optionsOf(question);
  if (typeof raw === 'number') {
    if (options.some((option) => option.value === raw)) return { value: raw };
  } else {
    const text = String(raw).trim();
    if (text === '') return {};
    const folded = foldVietnamese(text);
    const byNumber = /^-?\d+$/.test(text)
      ? options.find((option) => option.value === Number(text))
      : undefined;
    const byWords =
      byNumber ??
      options.find(
        (option) =>
          foldVietnamese(option.vi) === folded || (option.en && foldVietnamese(option.en) === folded),
      );
    if (byWords) return { value: byWords.value };
  }
  const allowed = options.map((option) => `${option.value} (${option.vi})`).join(', ');
  return {
    issue: msg(
      `"${String(raw)}" không phải câu trả lời hợp lệ; chọn một trong: ${allowed}.`,
      `"${String(raw)}" is not a valid answer; use one of: ${allowed}.`,
    ),
  };
}

/**
 * The answers to keep: each read with `readAnswer`, unknown codes refused, questions whose condition is
 * not met dropped (an answer there is refused: the citizen was not asked it), required ones checked.
 */
export function checkAnswers(
  definition: SurveyDefinition,
  raw: Record<string, unknown>,
): { answers: SurveyAnswers; issues: AnswerIssue[] } {
  const issues: AnswerIssue[] = [];
  const answers: SurveyAnswers = {};
  const known = new Set(definition.questions.map((question) => question.code));
  for (const code of Object.keys(raw))
    if (!known.has(code))
      issues.push({
        question: code,
        reason: msg('Phiếu không có câu hỏi này.', 'The survey has no such question.'),
      });
  for (const question of definition.questions) {
    const { value, issue } = readAnswer(question, raw[question.code]);
    if (issue) {
      issues.push({ question: question.code, reason: issue });
      continue;
    }
    if (!isAsked(question, answers)) {
      if (value !== undefined)
        issues.push({
          question: question.code,
          reason: msg(
            `Câu này chỉ hỏi khi câu ${question.condition?.question} được trả lời khác; để trống.`,
            `This question is only asked for another answer to ${question.condition?.question}; leave it empty.`,
          ),
        });
      continue;
    }
    if (value === undefined) {
      if (question.required)
        issues.push({
          question: question.code,
          reason: msg('Câu hỏi bắt buộc chưa được trả lời.', 'A required question is not answered.'),
        });
      continue;
    }
    answers[question.code] = value;
  }
  return { answers, issues };
}

/** Whether a response says anything: at least one scored or text answer beyond routing questions. */
export function hasSubstance(definition: SurveyDefinition, answers: SurveyAnswers): boolean {
  return definition.questions.some(
    (question) => question.kind !== 'choice' && answers[question.code] !== undefined && !question.fromDossier,
  );
}
