import { and, count, eq, isNull } from 'drizzle-orm';
import { AppError, fieldError, type Msg, msg } from '../../core/errors.ts';
import { extendedDue } from '../../core/feedback/clock-rules.ts';
import type { BulkActionInput, FeedbackActionInput } from '../../core/feedback/feedback-schemas.ts';
import type { FeedbackKind } from '../../core/feedback/kinds.ts';
import { normaliseTrackingCode } from '../../core/feedback/tracking-code.ts';
import {
  type FeedbackAction,
  type FeedbackState,
  type Step,
  step,
  WORKFLOW_REFUSALS,
  type WorkflowRefusal,
} from '../../core/feedback/workflow.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { feedbackEvents, feedbackItems, units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { attachEvidence, evidenceMeta, listEvidence } from '../files/evidence.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import {
  addEvent,
  assertHandlesFeedback,
  type EventInput,
  type FeedbackContext,
  type LoadedItem,
  tellHandlingUnit,
} from './feedback-access.ts';
import { type Attachment, checkAttachments, MAX_PHOTOS } from './feedback-attachments.ts';
import { movedDeadline, resolutionDeadline } from './feedback-intake.ts';

/**
 * The staff's steps on an item, each decided by the pure workflow (`step`), written at the version the
 * user read (a stale one is a 409 with the item as it is now), with its event in the history and its
 * audit event in the same transaction. Forwarding moves the item to the competent unit (every hop is
 * kept) and tells that unit; spam and duplicates are closed with a reason, never deleted.
 */
type Item = typeof feedbackItems.$inferSelect;

export const stateOf = (item: Item): FeedbackState => ({
  status: item.status as FeedbackState['status'],
  outcome: item.outcome as FeedbackState['outcome'],
  answeredOn: item.answeredOn,
  reopened: item.reopened,
});

/** A refusal of the workflow as the one error type: "not now" is a conflict with the item's state. */
export function refusalError(refusal: WorkflowRefusal): AppError {
  const text = WORKFLOW_REFUSALS[refusal];
  return refusal === 'not_now' || refusal === 'reopened_already' || refusal === 'reopen_too_late'
    ? new AppError('CONFLICT', text, { refusal })
    : new AppError('VALIDATION_FAILED', text, { refusal });
}

export function decided(result: Step): FeedbackState {
  if (!result.ok) throw refusalError(result.refusal);
  return result.state;
}

async function competentUnit(ctx: FeedbackContext, row: LoadedItem, toUnitId: number) {
  const [unit] = await ctx.db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.id, toUnitId), isNull(units.validTo)));
  if (!unit)
    throw fieldError(
      'toUnitId',
      msg('Không có đơn vị này, hoặc đơn vị đã thôi hoạt động.', 'No such open unit.'),
    );
  if (unit.id === row.item.handlingUnitId)
    throw fieldError(
      'toUnitId',
      msg('Phản ánh đang ở chính đơn vị này.', 'The item is already with this unit.'),
    );
  return unit;
}

async function duplicated(ctx: FeedbackContext, row: LoadedItem, typed: string) {
  const code = normaliseTrackingCode(typed);
  const [original] = code
    ? await ctx.db.select({ id: feedbackItems.id }).from(feedbackItems).where(eq(feedbackItems.code, code))
    : [];
  if (!original || original.id === row.item.id)
    throw fieldError(
      'duplicateOfCode',
      msg('Không có phản ánh khác với mã này.', 'No other item has this code.'),
    );
  return original.id;
}

/** A complaint or denunciation's new deadline when its resolution is extended, within the law's limits. */
async function extendedDeadline(ctx: FeedbackContext, item: Item) {
  const [counted] = await ctx.db
    .select({ extensions: count() })
    .from(feedbackEvents)
    .where(and(eq(feedbackEvents.feedbackId, item.id), eq(feedbackEvents.action, 'extend')));
  const { calendar } = await loadReportingCalendar(ctx.db);
  const extended = extendedDue(
    {
      kind: item.kind as FeedbackKind,
      receivedOn: item.receivedOn,
      acceptedOn: item.acceptedOn,
      dueOn: item.dueOn,
      extensions: counted?.extensions ?? 0,
    },
    calendar,
  );
  if (!extended.ok) throw refusalError(extended.refusal);
  return extended;
}

export async function actOnFeedback(ctx: FeedbackContext, id: number, input: FeedbackActionInput) {
  const row = await assertHandlesFeedback(ctx, id);
  const { item } = row;
  const today = todayOf(ctx);
  const set: Partial<Item> = {};
  let action: FeedbackAction;
  let event: Pick<EventInput, 'visibility' | 'note' | 'toUnitId'> = { visibility: 'public' };
  let forwardedTo: number | null = null;
  switch (input.type) {
    case 'accept': {
      action = { type: 'accept' };
      set.acceptedOn = today;
      // A complaint or denunciation accepted runs on its resolution clock from today.
      const resolution = await resolutionDeadline(ctx.db, item, today);
      if (resolution) {
        set.dueOn = resolution.dueOn;
        set.dueBasis = resolution.basis;
      }
      break;
    }
    case 'start':
      action = { type: 'start' };
      break;
    case 'forward': {
      const unit = await competentUnit(ctx, row, input.toUnitId);
      action = { type: 'forward', toUnitId: unit.id, reason: input.reason };
      set.handlingUnitId = unit.id;
      set.acceptedOn = null;
      // The competent unit's own clock starts on the day it receives the item.
      set.dueOn = await movedDeadline(ctx.db, item, 'forward', today);
      forwardedTo = unit.id;
      event = { visibility: 'public', note: input.reason, toUnitId: unit.id };
      break;
    }
    case 'ask_info':
      action = { type: 'ask_info', question: input.question };
      event = { visibility: 'citizen', note: input.question };
      break;
    case 'info_given':
      action = { type: 'info_given' };
      event = { visibility: 'citizen', note: input.note };
      set.dueOn = await movedDeadline(ctx.db, item, 'info_given', today);
      break;
    case 'answer':
      action = { type: 'answer', outcome: input.outcome, reason: input.reason };
      set.answer = input.answer;
      set.answeredOn = today;
      set.outcomeReason = input.reason;
      event = { visibility: 'public', note: input.reason };
      break;
    case 'close':
      action = { type: 'close' };
      set.closedOn = today;
      break;
    case 'not_competent':
      action = { type: 'close', outcome: 'not_competent', reason: input.reason };
      set.forwardedTo = input.forwardedTo;
      set.outcomeReason = input.reason;
      set.closedOn = today;
      event = { visibility: 'public', note: `${input.forwardedTo}: ${input.reason}` };
      break;
    case 'duplicate': {
      const duplicateOf = await duplicated(ctx, row, input.duplicateOfCode);
      action = { type: 'close', outcome: 'duplicate', duplicateOf };
      set.duplicateOfId = duplicateOf;
      set.closedOn = today;
      event = { visibility: 'public', note: normaliseTrackingCode(input.duplicateOfCode) };
      break;
    }
    case 'spam':
      action = { type: 'close', outcome: 'spam', reason: input.reason };
      set.outcomeReason = input.reason;
      set.closedOn = today;
      // Why it was taken for spam stays with the staff.
      event = { visibility: 'internal', note: input.reason };
      break;
    case 'extend': {
      action = { type: 'extend', reason: input.reason };
      // The status first, so a case not yet accepted hears "not now" before the law's limits.
      decided(step(stateOf(item), action, today));
      const extended = await extendedDeadline(ctx, item);
      set.dueOn = extended.dueOn;
      set.dueBasis = extended.basis;
      // The law has the extension decided in writing and the citizen told (Luật Tố cáo 2018, Điều 30).
      event = { visibility: 'public', note: input.reason };
      break;
    }
  }
  const next = decided(step(stateOf(item), action, today));
  return mutate(ctx, async (tx, audit) => {
    const saved = await writeVersioned(tx, {
      table: feedbackItems,
      where: eq(feedbackItems.id, id),
      version: input.version,
      set: { ...set, status: next.status, outcome: next.outcome, reopened: next.reopened },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    await addEvent(tx, {
      feedbackId: id,
      action: input.type,
      on: today,
      at: nowOf(ctx),
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      fromStatus: item.status,
      toStatus: next.status,
      fromUnitId: item.handlingUnitId,
      // A deadline the step moved, for the history; one that stayed is not news.
      dueOn: set.dueOn !== undefined && set.dueOn !== item.dueOn ? set.dueOn : null,
      ...event,
    });
    if (forwardedTo !== null)
      await tellHandlingUnit(tx, { unitId: forwardedTo, feedbackId: id, code: item.code, what: 'forwarded' });
    await audit({
      action: `feedback.${input.type}`,
      entityType: 'feedback',
      entityId: id,
      unitId: saved.handlingUnitId,
      before: { status: item.status, outcome: item.outcome, handlingUnitId: item.handlingUnitId },
      after: { status: saved.status, outcome: saved.outcome, handlingUnitId: saved.handlingUnitId, ...set },
    });
    return { id: saved.id, status: saved.status, outcome: saved.outcome, version: saved.version };
  });
}

/** An internal note on an item: staff only, never on the public page or the private link. */
export async function addNote(ctx: FeedbackContext, id: number, note: string) {
  const row = await assertHandlesFeedback(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    await addEvent(tx, {
      feedbackId: id,
      action: 'note',
      on: todayOf(ctx),
      at: nowOf(ctx),
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      visibility: 'internal',
      note,
    });
    await audit({
      action: 'feedback.note',
      entityType: 'feedback',
      entityId: id,
      unitId: row.item.handlingUnitId,
      after: { note },
    });
  });
  return { ok: true };
}

/**
 * A file staff add to an item (the scan of a paper petition, a photo sent over Zalo): the citizen's
 * rules hold for the item's files together (three photos or one PDF, 5 MB each, type by content, no
 * location), stored in the evidence store with the item.
 */
export async function attachByStaff(ctx: FeedbackContext, id: number, file: Attachment) {
  const row = await assertHandlesFeedback(ctx, id);
  const owner = { type: 'feedback' as const, key: String(id) };
  const [checked] = checkAttachments([file], false);
  if (!checked) throw new Error('no file');
  const present = await listEvidence(ctx.db, owner, nowOf(ctx));
  const isPdf = checked.fileName.toLowerCase().endsWith('.pdf');
  const hasPdf = present.some((entry) => entry.contentType === 'application/pdf');
  if (present.length >= MAX_PHOTOS || hasPdf || (isPdf && present.length > 0))
    throw fieldError(
      'file',
      msg(
        `Mỗi phản ánh có tối đa ${MAX_PHOTOS} ảnh hoặc 1 tệp PDF.`,
        `An item has at most ${MAX_PHOTOS} photos or one PDF file.`,
      ),
    );
  const fileId = await mutate(ctx, async (tx, audit) => {
    const added = await attachEvidence(tx, audit, owner, checked, ctx.actor.userId);
    await addEvent(tx, {
      feedbackId: id,
      action: 'file',
      on: todayOf(ctx),
      at: nowOf(ctx),
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      visibility: 'internal',
      note: checked.fileName,
    });
    await audit({
      action: 'feedback.file',
      entityType: 'feedback',
      entityId: id,
      unitId: row.item.handlingUnitId,
      after: { fileName: checked.fileName, size: checked.data.length },
    });
    return added;
  });
  return evidenceMeta(ctx.db, owner, fileId, nowOf(ctx));
}

/**
 * One step on several items, each through the same path as one at a time (its own transaction, check
 * and audit): what could be done is done, and each refusal is told with its reason (taken by someone
 * else meanwhile, not allowed at its status, not the user's to handle).
 */
export async function bulkActOnFeedback(ctx: FeedbackContext, input: BulkActionInput) {
  const done: number[] = [];
  const failed: { id: number; message: Msg }[] = [];
  for (const item of input.items) {
    try {
      await actOnFeedback(ctx, item.id, { ...input.action, version: item.version } as FeedbackActionInput);
      done.push(item.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push({ id: item.id, message: error.text });
    }
  }
  return { done, failed };
}
