import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { hasPermissionOn, PERMISSIONS } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { MAILED_STEPS } from '../../core/feedback/citizen-mail.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { feedbackEvents, feedbackItems, units } from '../db/schema/index.ts';
import { notify } from '../notifications/notification-service.ts';
import { unitPeople } from '../notifications/recipients.ts';
import { loadUnit } from '../units/unit-access.ts';

/**
 * Who may see and act on a feedback item. It belongs to the unit handling it and to the commune it
 * concerns: staff with feedback.read on either (their own people, the province above) read it, with
 * its contact details and internal notes; only feedback.handle on the handling unit acts on it. An
 * item the user cannot read is NOT_FOUND (its existence is not told); one read but not handled, FORBIDDEN.
 */
export type FeedbackContext = ServiceContext & { user: SessionUser };

const handling = alias(units, 'handling');

export async function loadItem(db: DbOrTx, where: { id: number } | { code: string }) {
  const [row] = await db
    .select({
      item: feedbackItems,
      unitName: units.name,
      unitPath: units.path,
      handlingName: handling.name,
      handlingPath: handling.path,
    })
    .from(feedbackItems)
    .innerJoin(units, eq(units.id, feedbackItems.unitId))
    .innerJoin(handling, eq(handling.id, feedbackItems.handlingUnitId))
    .where('id' in where ? eq(feedbackItems.id, where.id) : eq(feedbackItems.code, where.code));
  return row ?? null;
}
export type LoadedItem = NonNullable<Awaited<ReturnType<typeof loadItem>>>;

export function canReadFeedback(user: SessionUser, row: Pick<LoadedItem, 'unitPath' | 'handlingPath'>) {
  return (
    hasPermissionOn(user.grants, 'feedback.read', row.handlingPath) ||
    hasPermissionOn(user.grants, 'feedback.read', row.unitPath)
  );
}

export async function assertReadsFeedback(ctx: FeedbackContext, id: number): Promise<LoadedItem> {
  const row = await loadItem(ctx.db, { id });
  if (!row || !canReadFeedback(ctx.user, row)) throw new AppError('NOT_FOUND');
  return row;
}

export async function assertHandlesFeedback(ctx: FeedbackContext, id: number): Promise<LoadedItem> {
  const row = await assertReadsFeedback(ctx, id);
  if (!hasPermissionOn(ctx.user.grants, 'feedback.handle', row.handlingPath)) throw new AppError('FORBIDDEN');
  return row;
}

/** A unit whose feedback the user reads (else NOT_FOUND). */
export async function assertReadsUnitFeedback(ctx: FeedbackContext, unitId: number) {
  const unit = await loadUnit(ctx.db, unitId);
  if (!hasPermissionOn(ctx.user.grants, 'feedback.read', unit.path)) throw new AppError('NOT_FOUND');
  return unit;
}

export interface EventInput {
  feedbackId: number;
  action: string;
  on: string;
  /** When, by the app's clock (one clock for items, events and audit entries). */
  at: Date;
  actorId: number | null;
  actorName: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromUnitId?: number | null;
  toUnitId?: number | null;
  visibility: 'public' | 'citizen' | 'internal';
  note?: string | null;
  /** The deadline this step set. */
  dueOn?: string | null;
}

/**
 * One step in the item's history, in the caller's transaction. A step the citizen is told of, when
 * they left an e-mail address, waits to be mailed once the transaction committed (`feedback-mail.ts`).
 */
export async function addEvent(tx: DbOrTx, input: EventInput) {
  let mailState: 'pending' | null = null;
  let smsState: 'pending' | null = null;
  if (input.visibility !== 'internal' && MAILED_STEPS.includes(input.action)) {
    const [item] = await tx
      .select({ email: feedbackItems.contactEmail, phone: feedbackItems.contactPhone })
      .from(feedbackItems)
      .where(eq(feedbackItems.id, input.feedbackId));
    // An e-mail address is told by e-mail; a phone number alone, by a text message.
    if (item?.email) mailState = 'pending';
    else if (item?.phone) smsState = 'pending';
  }
  await tx.insert(feedbackEvents).values({
    ...input,
    mailState,
    smsState,
    fromStatus: input.fromStatus ?? null,
    toStatus: input.toStatus ?? null,
    fromUnitId: input.fromUnitId ?? null,
    toUnitId: input.toUnitId ?? null,
    note: input.note ?? null,
    dueOn: input.dueOn ?? null,
  });
}

const TOLD = {
  received: (code: string) => ({ vi: `Phản ánh mới ${code}`, en: `New feedback ${code}` }),
  forwarded: (code: string) => ({
    vi: `Phản ánh ${code} được chuyển đến đơn vị`,
    en: `Feedback ${code} forwarded to your unit`,
  }),
  reopened: (code: string) => ({
    vi: `Người gửi mở lại phản ánh ${code}`,
    en: `The sender reopened feedback ${code}`,
  }),
  info_given: (code: string) => ({
    vi: `Người gửi đã bổ sung phản ánh ${code}`,
    en: `The sender added to feedback ${code}`,
  }),
  due_soon: (code: string) => ({
    vi: `Phản ánh ${code} sắp đến hạn trả lời`,
    en: `Feedback ${code} is nearly due for an answer`,
  }),
} as const;

/** Tells the people who handle feedback at the unit (by a grant on the unit itself) that an item needs them. */
export async function tellHandlingUnit(
  tx: DbOrTx,
  input: { unitId: number; feedbackId: number; code: string; what: keyof typeof TOLD },
) {
  const people = await unitPeople(tx, [input.unitId], PERMISSIONS['feedback.handle']);
  await notify(tx, {
    userIds: people.map((person) => person.id),
    kind: `feedback.${input.what}`,
    title: TOLD[input.what](input.code),
    link: `/feedback/${input.feedbackId}`,
    mail: true,
  });
}
