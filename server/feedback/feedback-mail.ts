import { and, eq, gt, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { citizenMail } from '../../core/feedback/citizen-mail.ts';
import { citizenSms } from '../../core/feedback/citizen-sms.ts';
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

/** The outbox columns of each way a citizen is told. */
const CHANNELS = {
  mail: { state: 'mailState', claimedAt: 'mailClaimedAt', doneAt: 'mailedAt' },
  sms: { state: 'smsState', claimedAt: 'smsClaimedAt', doneAt: 'smsSentAt' },
} as const;

/**
 * Tells citizens of the steps `addEvent` marked for them (received, forwarded, asked, answered, sent
 * elsewhere, extended), after those steps committed, through the one outbox: by e-mail to an address,
 * by a text message (`citizenSms`, through the SMS gateway) to a phone number left alone. A message
 * that fails is tried again on a later pass while recent; two servers never send the same one twice.
 */
export async function sendFeedbackMessages(options: {
  db: Db;
  /** The e-mail sender, or the SMS gateway (`createSmsGateway`); null: that way is not configured. */
  sender: Mailer | null;
  channel: keyof typeof CHANNELS;
  config: Pick<Config, 'publicUrl'>;
  now?: Date;
}): Promise<MailOutcome> {
  if (!options.sender) return { sent: 0, failed: 0, noAddress: 0 };
  const now = options.now ?? new Date();
  const names = CHANNELS[options.channel];
  const claimable = claimableMail(
    { mailState: feedbackEvents[names.state], mailClaimedAt: feedbackEvents[names.claimedAt] },
    now,
  );
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
      phone: feedbackItems.contactPhone,
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
  const input = (row: (typeof due)[number]) => ({
    ...row,
    // The answer is kept on the item; its step records only that it was given.
    note: row.action === 'answer' ? row.answer : row.note,
    outcome: row.outcome as FeedbackOutcome | null,
    publicUrl: options.config.publicUrl,
  });
  return deliverOutbox({
    ctx: { db: options.db, actor: SYSTEM_ACTOR, ip: null },
    mailer: options.sender,
    due,
    entityType: 'feedback',
    channel: options.channel,
    claim: async (tx, ids) =>
      (
        await tx
          .update(feedbackEvents)
          .set({ [names.state]: 'sending', [names.claimedAt]: now })
          .where(and(inArray(feedbackEvents.id, ids), claimable))
          .returning({ id: feedbackEvents.id })
      ).map((row) => row.id),
    mark: async (tx, ids, state) => {
      await tx
        .update(feedbackEvents)
        .set(state === 'sent' ? { [names.state]: state, [names.doneAt]: now } : { [names.state]: state })
        .where(inArray(feedbackEvents.id, ids));
    },
    compose: (row) => {
      if (options.channel === 'sms')
        return row.phone
          ? { to: [internationalPhone(row.phone)], subject: '', text: citizenSms(input(row)) }
          : null;
      return row.email ? { to: [row.email], ...citizenMail(input(row)) } : null;
    },
  });
}

/** A Vietnamese number as a gateway takes it: +84 and the number without its leading 0 ("0912345678" → "+84912345678"). */
export const internationalPhone = (phone: string) =>
  phone.startsWith('+') ? phone : phone.startsWith('84') ? `+${phone}` : `+84${phone.replace(/^0/, '')}`;
