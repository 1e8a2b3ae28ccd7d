import { and, eq, gt, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { citizenMail } from '../../core/feedback/citizen-mail.ts';
import type { FeedbackOutcome } from '../../core/feedback/workflow.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { feedbackEvents, feedbackItems, units } from '../db/schema/index.ts';
import {
  claimableMail,
  deliverOutbox,
  MAIL_BATCH,
  MAIL_WITHIN_MS,
  type MailOutcome,
} from '../notifications/mail-outbox.ts';
import type { Mailer } from '../reminders/mailer.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';

const handling = alias(units, 'handling');

/**
 * Tells citizens by e-mail of the steps `addEvent` marked for them (received, forwarded, asked,
 * answered, sent elsewhere), after those steps committed, through the one outbox: a mail that fails
 * is tried again on a later pass while recent; two servers never send the same one twice.
 */
export async function sendFeedbackMail(options: {
  db: Db;
  mailer: Mailer | null;
  config: Pick<Config, 'publicUrl'>;
  now?: Date;
}): Promise<MailOutcome> {
  if (!options.mailer) return { sent: 0, failed: 0, noAddress: 0 };
  const now = options.now ?? new Date();
  const claimable = claimableMail(feedbackEvents, now);
  const due = await options.db
    .select({
      id: feedbackEvents.id,
      action: feedbackEvents.action,
      on: feedbackEvents.on,
      note: feedbackEvents.note,
      dueOn: feedbackEvents.dueOn,
      code: feedbackItems.code,
      citizenName: feedbackItems.citizenName,
      email: feedbackItems.contactEmail,
      receivedOn: feedbackItems.receivedOn,
      outcome: feedbackItems.outcome,
      answer: feedbackItems.answer,
      unitName: handling.name,
    })
    .from(feedbackEvents)
    .innerJoin(feedbackItems, eq(feedbackItems.id, feedbackEvents.feedbackId))
    .innerJoin(handling, eq(handling.id, feedbackItems.handlingUnitId))
    .where(and(claimable, gt(feedbackEvents.at, new Date(now.getTime() - MAIL_WITHIN_MS))))
    .orderBy(feedbackEvents.id)
    .limit(MAIL_BATCH);
  return deliverOutbox({
    ctx: { db: options.db, actor: SYSTEM_ACTOR, ip: null },
    mailer: options.mailer,
    due,
    entityType: 'feedback',
    claim: async (tx, ids) =>
      (
        await tx
          .update(feedbackEvents)
          .set({ mailState: 'sending', mailClaimedAt: now })
          .where(and(inArray(feedbackEvents.id, ids), claimable))
          .returning({ id: feedbackEvents.id })
      ).map((row) => row.id),
    mark: async (tx, ids, state) => {
      await tx
        .update(feedbackEvents)
        .set(state === 'sent' ? { mailState: state, mailedAt: now } : { mailState: state })
        .where(inArray(feedbackEvents.id, ids));
    },
    compose: (row) =>
      row.email
        ? {
            to: [row.email],
            ...citizenMail({
              ...row,
              // The answer is kept on the item; its step records only that it was given.
              note: row.action === 'answer' ? row.answer : row.note,
              outcome: row.outcome as FeedbackOutcome | null,
              publicUrl: options.config.publicUrl,
            }),
          }
        : null,
  });
}
