import { and, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import { mutate } from '../audit/audit-log.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { notifications, users } from '../db/schema/index.ts';
import { createMailer, type Mailer } from '../reminders/mailer.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';
import { wordsOf } from './notification-service.ts';

/** A hand-off older than this is not mailed any more (SMTP set up later does not send last month's). */
const MAIL_WITHIN_MS = 2 * 24 * 3600_000;
const BATCH = 100;
/**
 * A claim older than this belongs to a sender that died mid-send: the mail is taken again. Far longer
 * than a batch of SMTP conversations can take (nodemailer gives up on a silent server in minutes), so
 * a live sender's claim is never taken from it.
 */
export const MAIL_CLAIM_TIMEOUT_MS = 15 * 60_000;
const EVERY_MS = 60_000;

export interface HandoffMailOutcome {
  sent: number;
  failed: number;
  noAddress: number;
}

/** The e-mail copy of a notification, in its reader's language: its title, what it says, where to act. */
export function handoffMail(
  row: {
    title: string;
    body: string | null;
    titleEn?: string | null;
    bodyEn?: string | null;
    link: string | null;
    locale?: string | null;
  },
  publicUrl: string,
) {
  const english = row.locale === 'en';
  const { title, body } = wordsOf(
    { title: row.title, body: row.body, titleEn: row.titleEn ?? null, bodyEn: row.bodyEn ?? null },
    row.locale ?? 'vi',
  );
  const lines = [title, ''];
  if (body) lines.push(body, '');
  if (row.link)
    lines.push(`${english ? 'See and act on it at' : 'Xem và xử lý tại'}: ${publicUrl}${row.link}`, '');
  lines.push(
    english
      ? 'An automatic message from Chiso; please do not reply.'
      : 'Thư tự động từ Chiso, xin không trả lời thư này.',
  );
  return { subject: `[Chiso] ${title}`, text: lines.join('\n') };
}

/**
 * Sends the e-mail copies of recent hand-offs, after the changes that made them committed: a mail
 * that fails leaves the change as it is and is tried again on the next pass. Each row is claimed
 * ("sending") before the SMTP conversation, which holds no transaction, so two servers send once.
 */
export async function sendHandoffMail(options: {
  db: Db;
  mailer: Mailer | null;
  config: Pick<Config, 'publicUrl'>;
  now?: Date;
}): Promise<HandoffMailOutcome> {
  const outcome = { sent: 0, failed: 0, noAddress: 0 };
  if (!options.mailer) return outcome;
  const now = options.now ?? new Date();
  const ctx = { db: options.db, actor: SYSTEM_ACTOR, ip: null };
  // Waiting, refused last time, or claimed by a sender that never came back.
  const claimable = or(
    inArray(notifications.mailState, ['pending', 'failed']),
    and(
      eq(notifications.mailState, 'sending'),
      lt(notifications.mailClaimedAt, new Date(now.getTime() - MAIL_CLAIM_TIMEOUT_MS)),
    ),
  ) as SQL;
  const due = await options.db
    .select({
      id: notifications.id,
      title: notifications.title,
      body: notifications.body,
      titleEn: notifications.titleEn,
      bodyEn: notifications.bodyEn,
      link: notifications.link,
      email: users.email,
      locale: users.locale,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(claimable, gt(notifications.createdAt, new Date(now.getTime() - MAIL_WITHIN_MS))))
    .orderBy(notifications.id)
    .limit(BATCH);
  if (due.length === 0) return outcome;
  const claimed = await mutate(ctx, async (tx, audit) => {
    const ids = due.map((row) => row.id);
    const rows = await tx
      .update(notifications)
      .set({ mailState: 'sending', mailClaimedAt: now })
      // Re-checked row by row under the update's lock: of two senders, the second finds it taken.
      .where(and(inArray(notifications.id, ids), claimable))
      .returning({ id: notifications.id });
    const without = due.filter((row) => !row.email).map((row) => row.id);
    if (without.length > 0)
      await tx
        .update(notifications)
        .set({ mailState: 'no_address' })
        .where(inArray(notifications.id, without));
    await audit({
      action: 'notification.mail.claim',
      entityType: 'notification',
      entityId: null,
      after: { ids: rows.map((row) => row.id), noAddress: without },
    });
    return new Set(rows.map((row) => row.id));
  });
  const sent: number[] = [];
  const failed: { id: number; error: string }[] = [];
  for (const row of due) {
    if (!claimed.has(row.id)) continue;
    if (!row.email) {
      outcome.noAddress += 1;
      continue;
    }
    try {
      await options.mailer.send({ to: [row.email], ...handoffMail(row, options.config.publicUrl) });
      sent.push(row.id);
    } catch (error) {
      failed.push({ id: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (sent.length + failed.length > 0)
    await mutate(ctx, async (tx, audit) => {
      if (sent.length > 0)
        await tx
          .update(notifications)
          .set({ mailState: 'sent', mailedAt: now })
          .where(inArray(notifications.id, sent));
      if (failed.length > 0)
        await tx
          .update(notifications)
          .set({ mailState: 'failed' })
          .where(
            inArray(
              notifications.id,
              failed.map((entry) => entry.id),
            ),
          );
      await audit({
        action: 'notification.mail.result',
        entityType: 'notification',
        entityId: null,
        after: { sent, failed },
      });
    });
  outcome.sent = sent.length;
  outcome.failed = failed.length;
  return outcome;
}

/** Every minute while the server runs (and at start); off when CHISO_SMTP_URL is not set. */
export function scheduleHandoffMail(options: {
  db: Db;
  config: Config;
  log: { error(object: object, message: string): void };
}) {
  const mailer = createMailer(options.config);
  if (!mailer) return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      // Drained batch after batch: a round that told thousands is not spread over hours.
      for (;;) {
        const outcome = await sendHandoffMail({ db: options.db, mailer, config: options.config });
        if (outcome.sent + outcome.failed + outcome.noAddress < BATCH || outcome.failed > 0) break;
      }
    } catch (error) {
      options.log.error({ err: error }, 'hand-off mail failed');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    mailer.close();
  };
}
