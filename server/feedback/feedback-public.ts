import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import { FEEDBACK_KINDS, type FeedbackKind } from '../../core/feedback/kinds.ts';
import { normaliseTrackingCode } from '../../core/feedback/tracking-code.ts';
import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_STATUSES,
  type FeedbackOutcome,
  type FeedbackStatus,
  isAnswered,
  REOPEN_DAYS,
  step,
} from '../../core/feedback/workflow.ts';
import { addDays } from '../../core/text/dates.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { feedbackCategories, feedbackEvents, feedbackItems, units } from '../db/schema/index.ts';
import { evidenceFile, listEvidence } from '../files/evidence.ts';
import { addEvent, type LoadedItem, loadItem, tellHandlingUnit } from './feedback-access.ts';
import { movedDeadline, sha256 } from './feedback-intake.ts';
import { decided, stateOf } from './feedback-workflow.ts';

/**
 * What anyone reads of an item by its tracking code: what the citizen allowed (the text; the name only
 * if they said so; never the contact), the unit handling it, its public steps with their dates and the
 * answer. With the private link's token (its SHA-256 compared in constant time) the citizen also reads
 * the unit's questions and their own replies and files, rates the answer, reopens it once within
 * REOPEN_DAYS and answers the questions. Staff notes are never here. A complaint or denunciation has
 * no public page: only its sender reads it.
 */
const CITIZEN: ServiceContext['actor'] = { userId: null, name: 'citizen' };

const NO_SUCH = () =>
  new AppError('NOT_FOUND', msg('Không có phản ánh với mã này.', 'No feedback with this code.'));
const WRONG_TOKEN = () =>
  new AppError(
    'FORBIDDEN',
    msg(
      'Liên kết riêng không đúng: hãy mở lại đường dẫn nhận được khi gửi phản ánh.',
      'The private link is not right: open the link you were given when you sent the petition.',
    ),
  );

/** The item of a typed code (any case, O for 0…), or 404. */
async function itemOfCode(db: DbOrTx, typed: string): Promise<LoadedItem> {
  const code = normaliseTrackingCode(typed);
  const row = code ? await loadItem(db, { code }) : null;
  if (!row) throw NO_SUCH();
  return row;
}

export function tokenMatches(tokenHash: string, token: string): boolean {
  const stored = Buffer.from(tokenHash, 'hex');
  const given = Buffer.from(sha256(token), 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given);
}

async function itemWithToken(db: DbOrTx, code: string, token: string) {
  const row = await itemOfCode(db, code);
  if (!tokenMatches(row.item.tokenHash, token)) throw WRONG_TOKEN();
  return row;
}

const both = (entry: { vi: string; en: string }) => ({ vi: entry.vi, en: entry.en });

export async function publicView(ctx: ServiceContext, code: string, token?: string) {
  const row = await itemOfCode(ctx.db, code);
  const isOwner = token !== undefined;
  if (isOwner && !tokenMatches(row.item.tokenHash, token)) throw WRONG_TOKEN();
  // A complaint or denunciation names people and its author is protected (Luật Tố cáo 2018, Điều 47):
  // only its sender reads it, through the private link.
  if (!isOwner && row.item.procedure !== 'petition') throw NO_SUCH();
  const { item } = row;
  const visible = isOwner ? ['public', 'citizen'] : ['public'];
  const events = await ctx.db
    .select({
      action: feedbackEvents.action,
      on: feedbackEvents.on,
      toUnitId: feedbackEvents.toUnitId,
      note: feedbackEvents.note,
      dueOn: feedbackEvents.dueOn,
    })
    .from(feedbackEvents)
    .where(and(eq(feedbackEvents.feedbackId, item.id), inArray(feedbackEvents.visibility, visible)))
    .orderBy(asc(feedbackEvents.id));
  const unitIds = [...new Set(events.map((event) => event.toUnitId).filter((id) => id !== null))];
  const names = new Map(
    unitIds.length === 0
      ? []
      : (
          await ctx.db
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(inArray(units.id, unitIds))
        ).map((unit) => [unit.id, unit.name]),
  );
  const [category] = await ctx.db
    .select()
    .from(feedbackCategories)
    .where(eq(feedbackCategories.code, item.categoryCode));
  const [original] = item.duplicateOfId
    ? await ctx.db
        .select({ code: feedbackItems.code })
        .from(feedbackItems)
        .where(eq(feedbackItems.id, item.duplicateOfId))
    : [];
  const state = stateOf(item);
  const today = todayOf(ctx);
  const reopenUntil = item.answeredOn ? addDays(item.answeredOn, REOPEN_DAYS) : null;
  return {
    code: item.code,
    kind: item.kind,
    kindName: both(FEEDBACK_KINDS[item.kind as FeedbackKind]),
    procedure: item.procedure,
    category: category ? { code: category.code, vi: category.nameVi, en: category.nameEn } : null,
    communeName: row.unitName,
    handlingUnitName: row.handlingName,
    channel: item.channel,
    text: item.text,
    citizenName: item.publishName ? item.citizenName : null,
    status: item.status,
    statusName: both(FEEDBACK_STATUSES[item.status as FeedbackStatus]),
    outcome: item.outcome,
    outcomeName: item.outcome ? both(FEEDBACK_OUTCOMES[item.outcome as FeedbackOutcome]) : null,
    // Why it was taken for spam is the staff's; the other reasons are told.
    outcomeReason: item.outcome === 'spam' ? null : item.outcomeReason,
    forwardedTo: item.forwardedTo,
    duplicateOfCode: original?.code ?? null,
    receivedOn: item.receivedOn,
    dueOn: item.dueOn,
    answeredOn: item.answeredOn,
    closedOn: item.closedOn,
    answer: item.answer,
    rating: item.rating,
    reopened: item.reopened,
    steps: events.map((event) => ({
      action: event.action,
      on: event.on,
      unitName: event.toUnitId === null ? null : (names.get(event.toUnitId) ?? null),
      note: event.note,
      dueOn: event.dueOn,
    })),
    private: isOwner
      ? {
          canRate: isAnswered(state),
          canReopen: step(state, { type: 'reopen' }, today).ok,
          reopenUntil,
          canReply: item.status === 'needs_info',
          files: (await listEvidence(ctx.db, { type: 'feedback', key: String(item.id) }, nowOf(ctx))).map(
            (file) => ({
              id: file.id,
              fileName: file.fileName,
              contentType: file.contentType,
              size: file.size,
            }),
          ),
        }
      : null,
  };
}

/** A file of the citizen's own item, through the private link. */
export async function citizenFile(ctx: ServiceContext, code: string, token: string, fileId: number) {
  const row = await itemWithToken(ctx.db, code, token);
  return evidenceFile(ctx.db, { type: 'feedback', key: String(row.item.id) }, fileId);
}

type CitizenAction =
  | { type: 'rate'; rating: 'satisfied' | 'not_satisfied' }
  | { type: 'reopen'; reason: string }
  | { type: 'reply'; text: string };

/** The citizen's own steps through the private link: rate the answer, reopen it once, answer a question. */
export async function citizenAct(ctx: ServiceContext, code: string, token: string, input: CitizenAction) {
  const row = await itemWithToken(ctx.db, code, token);
  const { item } = row;
  const today = todayOf(ctx);
  const citizen = { ...ctx, actor: CITIZEN };
  const state = stateOf(item);
  let set: Partial<typeof feedbackItems.$inferSelect>;
  let note: string;
  let visibility: 'public' | 'citizen' = 'citizen';
  switch (input.type) {
    case 'rate':
      if (!isAnswered(state))
        throw new AppError(
          'CONFLICT',
          msg('Chỉ đánh giá được khi đã có trả lời.', 'An answer can be rated once there is one.'),
        );
      set = { rating: input.rating, ratedOn: today };
      note = input.rating;
      visibility = 'public';
      break;
    case 'reopen': {
      const next = decided(step(state, { type: 'reopen' }, today));
      // Reopened, the unit has a fresh clock from today, not the old deadline long past.
      set = {
        status: next.status,
        outcome: next.outcome,
        reopened: next.reopened,
        closedOn: null,
        dueOn: await movedDeadline(ctx.db, item, 'reopen', today),
      };
      note = input.reason;
      visibility = 'public';
      break;
    }
    case 'reply': {
      const next = decided(step(state, { type: 'info_given' }, today));
      set = { status: next.status, dueOn: await movedDeadline(ctx.db, item, 'info_given', today) };
      note = input.text;
      break;
    }
  }
  return mutate(citizen, async (tx, audit) => {
    // The citizen holds no version: the step is taken on the item as it is, under its row lock.
    const [saved] = await tx
      .update(feedbackItems)
      .set({ ...set, version: item.version + 1, updatedAt: nowOf(ctx) })
      .where(and(eq(feedbackItems.id, item.id), eq(feedbackItems.version, item.version)))
      .returning();
    if (!saved)
      throw new AppError(
        'CONFLICT',
        msg('Phản ánh vừa thay đổi: hãy tải lại trang.', 'The item just changed: reload the page.'),
      );
    const action = input.type === 'rate' ? 'rated' : input.type === 'reopen' ? 'reopened' : 'info_given';
    await addEvent(tx, {
      feedbackId: item.id,
      action,
      on: today,
      at: nowOf(ctx),
      actorId: null,
      actorName: 'citizen',
      fromStatus: item.status,
      toStatus: saved.status,
      visibility,
      note,
      dueOn: set.dueOn !== undefined && set.dueOn !== item.dueOn ? set.dueOn : null,
    });
    if (input.type !== 'rate')
      await tellHandlingUnit(tx, {
        unitId: item.handlingUnitId,
        feedbackId: item.id,
        code: item.code,
        what: input.type === 'reopen' ? 'reopened' : 'info_given',
      });
    await audit({
      action: `feedback.citizen_${input.type}`,
      entityType: 'feedback',
      entityId: item.id,
      unitId: item.handlingUnitId,
      before: { status: item.status, rating: item.rating },
      after: { status: saved.status, rating: saved.rating, reopened: saved.reopened },
    });
    return { code: saved.code, status: saved.status, rating: saved.rating, reopened: saved.reopened };
  });
}
