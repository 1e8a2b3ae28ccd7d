import { and, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import type { Tx } from '../db/engine.ts';
import type { Mailer, OutgoingMail } from '../reminders/mailer.ts';

/** A hand-off older than this is not mailed any more (SMTP set up later does not send last month's). */
export const MAIL_WITHIN_MS = 2 * 24 * 3600_000;
/**
 * A claim older than this belongs to a sender that died mid-send: the mail is taken again. Far longer
 * than a batch of SMTP conversations can take (nodemailer gives up on a silent server in minutes), so
 * a live sender's claim is never taken from it.
 */
export const MAIL_CLAIM_TIMEOUT_MS = 15 * 60_000;
export const MAIL_BATCH = 100;

export interface MailOutcome {
  sent: number;
  failed: number;
  noAddress: number;
}

export type MailState = 'sent' | 'failed' | 'no_address';

/**
 * The rows a sender may take: waiting, refused last time, or claimed by a sender that never came back
 * (older than the claim timeout). For any table with the outbox's two columns.
 */
export function claimableMail(columns: { mailState: PgColumn; mailClaimedAt: PgColumn }, now: Date): SQL {
  return or(
    inArray(columns.mailState, ['pending', 'failed']),
    and(
      eq(columns.mailState, 'sending'),
      lt(columns.mailClaimedAt, new Date(now.getTime() - MAIL_CLAIM_TIMEOUT_MS)),
    ),
  ) as SQL;
}

/**
 * The one way an e-mail copy of a change leaves, after the change committed: the rows due are claimed
 * ("sending") in a transaction that re-checks each under its lock, so of two servers one sends; then
 * mailed with no transaction held; then each result recorded. A mail that fails leaves the change as
 * it is and is tried again on a later pass. Both steps are audited (`<entity>.mail.claim`, `.result`).
 */
export async function deliverOutbox<Row extends { id: number }>(options: {
  ctx: ServiceContext;
  mailer: Mailer;
  due: readonly Row[];
  /** The audit's entity type: "notification", "feedback". */
  entityType: string;
  /** What goes out, for the audit's action ("feedback.sms.claim"); e-mail unless said. */
  channel?: 'mail' | 'sms';
  /** Marks the rows still claimable as "sending"; returns those it took. */
  claim: (tx: Tx, ids: number[]) => Promise<number[]>;
  mark: (tx: Tx, ids: number[], state: MailState) => Promise<void>;
  /** The mail of a row, or null when it has no address to go to. */
  compose: (row: Row) => OutgoingMail | null;
}): Promise<MailOutcome> {
  const outcome: MailOutcome = { sent: 0, failed: 0, noAddress: 0 };
  if (options.due.length === 0) return outcome;
  const mails = new Map(options.due.map((row) => [row.id, options.compose(row)]));
  const claimed = await mutate(options.ctx, async (tx, audit) => {
    const taken = await options.claim(
      tx,
      options.due.map((row) => row.id),
    );
    const without = taken.filter((id) => mails.get(id) === null);
    if (without.length > 0) await options.mark(tx, without, 'no_address');
    await audit({
      action: `${options.entityType}.${options.channel ?? 'mail'}.claim`,
      entityType: options.entityType,
      entityId: null,
      after: { ids: taken, noAddress: without },
    });
    return taken;
  });
  const sent: number[] = [];
  const failed: { id: number; error: string }[] = [];
  for (const id of claimed) {
    const mail = mails.get(id);
    if (!mail) {
      outcome.noAddress += 1;
      continue;
    }
    try {
      await options.mailer.send(mail);
      sent.push(id);
    } catch (error) {
      failed.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (sent.length + failed.length > 0)
    await mutate(options.ctx, async (tx, audit) => {
      if (sent.length > 0) await options.mark(tx, sent, 'sent');
      if (failed.length > 0)
        await options.mark(
          tx,
          failed.map((entry) => entry.id),
          'failed',
        );
      await audit({
        action: `${options.entityType}.${options.channel ?? 'mail'}.result`,
        entityType: options.entityType,
        entityId: null,
        after: { sent, failed },
      });
    });
  outcome.sent = sent.length;
  outcome.failed = failed.length;
  return outcome;
}
