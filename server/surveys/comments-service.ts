import { and, eq, inArray } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import { parseSort } from '../../core/list.ts';
import { exclusionReasonText } from '../../core/surveys/exclusions.ts';
import { compareVietnamese, matchesSearch } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import { surveyCommentReplies, surveyResponses, units, users } from '../db/schema/index.ts';
import {
  defaultPeriod,
  loadResponses,
  type SurveyArea,
  surveyPeriodOf,
  surveyUnitOf,
} from './results-service.ts';
import { assertSurveyUnit, type SurveyContext } from './survey-access.ts';
import { getSurvey } from './survey-service.ts';

export const COMMENT_SORTS = ['answeredAt', 'unit'] as const;

export interface CommentQuery {
  unitId?: number | undefined;
  period?: string | undefined;
  element?: string | undefined;
  q?: string | undefined;
  page: number;
  perPage: number;
  sort: string;
}

/**
 * The citizens' comments (free-text answers) of a unit's subtree in a period, by element, searchable
 * without diacritics (in the comment and the unit's answer), each with the unit's answer to it.
 * Held-out responses' comments are not listed.
 */
export async function listComments(ctx: SurveyContext, surveyId: number, query: CommentQuery) {
  const survey = await getSurvey(ctx.db, surveyId);
  const unit = await surveyUnitOf(ctx, query.unitId);
  const period = surveyPeriodOf(query.period ?? defaultPeriod(ctx));
  const responses = (await loadResponses(ctx.db, survey.code, unit, period)).filter(
    (row) => row.excludedReason === null,
  );
  const textQuestions = survey.definition.questions.filter(
    (question) =>
      question.kind === 'text' && (query.element === undefined || (question.element ?? '') === query.element),
  );
  const ids = responses.map((row) => row.id);
  const [replies, names] = await Promise.all([
    ids.length === 0
      ? []
      : ctx.db
          .select({
            responseId: surveyCommentReplies.responseId,
            questionCode: surveyCommentReplies.questionCode,
            text: surveyCommentReplies.text,
            repliedAt: surveyCommentReplies.repliedAt,
            version: surveyCommentReplies.version,
            by: users.fullName,
          })
          .from(surveyCommentReplies)
          .leftJoin(users, eq(users.id, surveyCommentReplies.repliedBy))
          .where(inArray(surveyCommentReplies.responseId, ids)),
    ctx.db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(inArray(units.id, [...new Set(responses.map((row) => row.givenUnitId)), 0])),
  ]);
  const replyOf = new Map(replies.map((reply) => [`${reply.responseId}/${reply.questionCode}`, reply]));
  const nameOf = new Map(names.map((row) => [row.id, row.name]));
  const items = responses.flatMap((row) =>
    textQuestions.flatMap((question) => {
      const text = row.answers[question.code];
      if (typeof text !== 'string') return [];
      const reply = replyOf.get(`${row.id}/${question.code}`);
      return [
        {
          responseId: row.id,
          questionCode: question.code,
          element: question.element,
          question: question.textVi,
          text,
          unitId: row.givenUnitId,
          unitName: nameOf.get(row.givenUnitId) ?? '',
          answeredAt: row.answeredAt.toISOString(),
          source: row.source,
          reply: reply
            ? { text: reply.text, by: reply.by, at: reply.repliedAt.toISOString(), version: reply.version }
            : null,
        },
      ];
    }),
  );
  const q = query.q?.trim();
  const found = q
    ? items.filter((item) => matchesSearch(`${item.text} ${item.reply?.text ?? ''} ${item.unitName}`, q))
    : items;
  const { field, direction } = parseSort(query.sort);
  const sign = direction === 'asc' ? 1 : -1;
  found.sort((a, b) =>
    field === 'unit'
      ? sign * compareVietnamese(a.unitName, b.unitName) || b.answeredAt.localeCompare(a.answeredAt)
      : sign * a.answeredAt.localeCompare(b.answeredAt) || a.responseId - b.responseId,
  );
  const start = (query.page - 1) * query.perPage;
  return {
    items: found.slice(start, start + query.perPage),
    page: query.page,
    perPage: query.perPage,
    total: found.length,
  };
}

async function responseOf(ctx: SurveyContext, responseId: number) {
  const [row] = await ctx.db.select().from(surveyResponses).where(eq(surveyResponses.id, responseId));
  if (row?.status !== 'submitted') throw new AppError('NOT_FOUND');
  return row;
}

/**
 * The unit's answer to a comment: written by whoever enters the unit's surveys (the unit or above it),
 * at the version read (0: none yet); an empty text removes it.
 */
export async function replyToComment(
  ctx: SurveyContext,
  responseId: number,
  questionCode: string,
  input: { text: string; version: number },
) {
  const response = await responseOf(ctx, responseId);
  await assertSurveyUnit(ctx, response.unitId, 'surveys.enter');
  if (typeof response.answers[questionCode] !== 'string')
    throw new AppError(
      'NOT_FOUND',
      msg('Phiếu này không có ý kiến ở câu đó.', 'This response has no comment on that question.'),
    );
  const [existing] = await ctx.db
    .select()
    .from(surveyCommentReplies)
    .where(
      and(
        eq(surveyCommentReplies.responseId, responseId),
        eq(surveyCommentReplies.questionCode, questionCode),
      ),
    );
  if ((existing?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT');
  const text = input.text.trim();
  return mutate(ctx, async (tx, audit) => {
    const key = and(
      eq(surveyCommentReplies.responseId, responseId),
      eq(surveyCommentReplies.questionCode, questionCode),
    );
    if (text === '') {
      if (existing) await tx.delete(surveyCommentReplies).where(key);
    } else if (existing)
      await tx
        .update(surveyCommentReplies)
        .set({ text, repliedBy: ctx.user.userId, repliedAt: nowOf(ctx), version: existing.version + 1 })
        .where(key);
    else
      await tx
        .insert(surveyCommentReplies)
        .values({ responseId, questionCode, text, repliedBy: ctx.user.userId, repliedAt: nowOf(ctx) });
    await audit({
      action: 'survey.comment.reply',
      entityType: 'survey_response',
      entityId: responseId,
      unitId: response.unitId,
      before: existing ? { questionCode, text: existing.text } : null,
      after: text === '' ? null : { questionCode, text },
    });
    return { version: text === '' ? 0 : (existing?.version ?? 0) + 1 };
  });
}

/** Holds a response out of the figures with the coordinator's reason, or (reason null) counts it again. */
export async function setExclusion(ctx: SurveyContext, responseId: number, reason: string | null) {
  const response = await responseOf(ctx, responseId);
  await assertSurveyUnit(ctx, response.unitId, 'surveys.manage');
  const text = reason?.trim() || null;
  if (reason !== null && !text)
    throw new AppError(
      'VALIDATION_FAILED',
      msg('Ghi lý do loại phiếu.', 'Give the reason for holding the response out.'),
    );
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(surveyResponses)
      .set({
        excludedReason: text,
        excludedBy: text ? ctx.user.userId : null,
        excludedAt: text ? nowOf(ctx) : null,
        updatedAt: nowOf(ctx),
      })
      .where(eq(surveyResponses.id, responseId));
    await audit({
      action: text ? 'survey.response.exclude' : 'survey.response.restore',
      entityType: 'survey_response',
      entityId: responseId,
      unitId: response.unitId,
      before: { excludedReason: response.excludedReason },
      after: { excludedReason: text },
    });
  });
  return { excludedReason: text };
}

/** The held-out responses of the subtree in the period, with the reason in words: what a coordinator reviews. */
export async function listExcluded(
  ctx: SurveyContext,
  surveyId: number,
  query: SurveyArea & { page: number; perPage: number },
) {
  const survey = await getSurvey(ctx.db, surveyId);
  const unit = await surveyUnitOf(ctx, query.unitId);
  const period = surveyPeriodOf(query.period ?? defaultPeriod(ctx));
  const held = (await loadResponses(ctx.db, survey.code, unit, period)).filter(
    (row) => row.excludedReason !== null,
  );
  const names = await ctx.db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [...new Set(held.map((row) => row.givenUnitId)), 0]));
  const nameOf = new Map(names.map((row) => [row.id, row.name]));
  const start = (query.page - 1) * query.perPage;
  return {
    items: held
      .sort((a, b) => b.answeredAt.getTime() - a.answeredAt.getTime() || b.id - a.id)
      .slice(start, start + query.perPage)
      .map((row) => ({
        responseId: row.id,
        unitId: row.givenUnitId,
        unitName: nameOf.get(row.givenUnitId) ?? '',
        source: row.source,
        answeredAt: row.answeredAt.toISOString(),
        reason: row.excludedReason as string,
        reasonText: exclusionReasonText(row.excludedReason as string),
        answers: Object.keys(row.answers).length,
      })),
    page: query.page,
    perPage: query.perPage,
    total: held.length,
  };
}
