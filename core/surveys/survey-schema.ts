/** A survey definition's shape (zod) and the checks a shape cannot state: codes unique, conditions backwards. */
import { z } from 'zod';
import { type FieldIssue, msg, zodMsg } from '../errors.ts';
import { INDEX_METHODS, QUESTION_KINDS, type SurveyDefinition } from './survey.ts';

const CODE = /^[A-Za-z0-9_.-]{1,32}$/;
const code = z
  .string()
  .trim()
  .regex(
    CODE,
    zodMsg(
      'Mã chỉ gồm chữ, số, ".", "-", "_" (tối đa 32 ký tự).',
      'A code has letters, digits, ".", "-", "_" (at most 32).',
    ),
  );
const name = z.string().trim().min(1, zodMsg('Chưa có tên.', 'The name is missing.')).max(500);
const optionalName = z.string().trim().max(500).optional();

const option = z.object({
  value: z.number().int().min(-9).max(99),
  vi: name,
  en: optionalName,
  channels: z.array(z.enum(['direct', 'online_partial', 'online_full', 'postal'])).optional(),
});

export const surveyQuestionSchema = z.object({
  code,
  element: code.nullable(),
  kind: z.enum(Object.keys(QUESTION_KINDS) as ['scale5', 'yesno', 'choice', 'text']),
  textVi: z.string().trim().min(1, zodMsg('Chưa có câu hỏi.', 'The question is missing.')).max(1000),
  textEn: z.string().trim().max(1000).optional(),
  options: z.array(option).max(30).optional(),
  satisfied: z.array(z.number().int()).max(30).optional(),
  scored: z.boolean().optional(),
  required: z.boolean().optional(),
  condition: z.object({ question: code, in: z.array(z.number().int()).min(1).max(30) }).optional(),
  unconfirmed: z.boolean().optional(),
  fromDossier: z.literal('channel').optional(),
});

export const surveyDefinitionSchema = z.object({
  code,
  nameVi: name,
  nameEn: optionalName,
  fromYear: z.number().int().min(2000).max(2100),
  toYear: z.number().int().min(2000).max(2100).nullable(),
  status: z.enum(['confirmed', 'unconfirmed']),
  source: z.string().trim().max(4000),
  indexMethod: z.enum(Object.keys(INDEX_METHODS) as ['share', 'mean']),
  minRespondents: z.number().int().min(1).max(10000),
  indicatorCode: code.optional(),
  frameworkCode: code.optional(),
  elements: z
    .array(
      z.object({
        code,
        nameVi: name,
        nameEn: optionalName,
        subIndex: code.optional(),
        criterion: code.optional(),
      }),
    )
    .max(50),
  questions: z
    .array(surveyQuestionSchema)
    .min(1, zodMsg('Phiếu chưa có câu hỏi nào.', 'The survey has no question.'))
    .max(300),
});

/** Every problem beyond the shape, each at its path: an empty list means the definition can be used. */
export function validateSurvey(definition: SurveyDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (definition.toYear !== null && definition.toYear < definition.fromYear)
    issues.push({
      path: 'toYear',
      message: msg('Năm kết thúc trước năm bắt đầu.', 'The last year is before the first.'),
    });
  const elements = new Set<string>();
  definition.elements.forEach((element, index) => {
    if (elements.has(element.code))
      issues.push({
        path: `elements.${index}.code`,
        message: msg(`Mã yếu tố ${element.code} bị lặp.`, `Element code ${element.code} is repeated.`),
      });
    elements.add(element.code);
  });
  const seen = new Map<string, number>();
  definition.questions.forEach((question, index) => {
    const at = `questions.${index}`;
    if (seen.has(question.code))
      issues.push({
        path: `${at}.code`,
        message: msg(`Mã câu hỏi ${question.code} bị lặp.`, `Question code ${question.code} is repeated.`),
      });
    if (question.element !== null && !elements.has(question.element))
      issues.push({
        path: `${at}.element`,
        message: msg(`Không có yếu tố ${question.element}.`, `There is no element ${question.element}.`),
      });
    if (question.kind === 'choice' && (question.options?.length ?? 0) < 2)
      issues.push({
        path: `${at}.options`,
        message: msg(
          'Câu hỏi chọn một cần ít nhất hai phương án.',
          'A choice question needs at least two options.',
        ),
      });
    if (question.kind === 'choice') {
      const values = (question.options ?? []).map((option) => option.value);
      if (new Set(values).size !== values.length)
        issues.push({
          path: `${at}.options`,
          message: msg('Hai phương án trùng giá trị.', 'Two options share a value.'),
        });
    }
    if (question.kind !== 'choice' && question.options)
      issues.push({
        path: `${at}.options`,
        message: msg(
          'Chỉ câu hỏi chọn một có phương án riêng.',
          'Only choice questions have their own options.',
        ),
      });
    if (question.kind === 'text' && (question.satisfied?.length ?? 0) > 0)
      issues.push({
        path: `${at}.satisfied`,
        message: msg(
          'Câu trả lời bằng chữ không tính hài lòng.',
          'A free-text answer cannot count as satisfied.',
        ),
      });
    if (question.condition) {
      const before = seen.get(question.condition.question);
      if (before === undefined)
        issues.push({
          path: `${at}.condition`,
          message: msg(
            `Điều kiện phải dựa vào một câu hỏi đứng trước (${question.condition.question}).`,
            `A condition must refer to an earlier question (${question.condition.question}).`,
          ),
        });
    }
    seen.set(question.code, index);
  });
  return issues;
}
