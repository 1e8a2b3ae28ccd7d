import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { notifications, users } from '../db/schema/index.ts';
import { sendFeedbackMessages } from '../feedback/feedback-mail.ts';
import { createMailer, type Mailer } from '../reminders/mailer.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';
import {
  claimableMail,
  deliverOutbox,
  MAIL_BATCH,
  MAIL_CLAIM_TIMEOUT_MS,
  MAIL_WITHIN_MS,
  type MailOutcome,
} from './mail-outbox.ts';
import { wordsOf } from './notification-service.ts';
import { createSmsGateway } from './sms-gateway.ts';

const EVERY_MS = 60_000;

export type HandoffMailOutcome = MailOutcome;
export { MAIL_CLAIM_TIMEOUT_MS };

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
  const claimable = claimableMail(notifications, now);
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
    .limit(MAIL_BATCH);
  return deliverOutbox({
    ctx,
    mailer: options.mailer,
    due,
    entityType: 'notification',
    claim: async (tx, ids) =>
      (
        await tx
          .update(notifications)
          .set({ mailState: 'sending', mailClaimedAt: now })
          // Re-checked row by row under the update's lock: of two senders, the second finds it taken.
          .where(and(inArray(notifications.id, ids), claimable))
          .returning({ id: notifications.id })
      ).map((row) => row.id),
    mark: async (tx, ids, state) => {
      await tx
        .update(notifications)
        .set(state === 'sent' ? { mailState: state, mailedAt: now } : { mailState: state })
        .where(inArray(notifications.id, ids));
    },
    compose: (row) => (row.email ? { to: [row.email], ...handoffMail(row, options.config.publicUrl) } : null),
  });
}

/**
 * Every minute while the server runs (and at start), the hand-offs' and the citizens' e-mail, and the
 * citizens' text messages; each way off when it is not configured (CHISO_SMTP_URL, CHISO_SMS_URL).
 */
export function scheduleOutbox(options: {
  db: Db;
  config: Config;
  log: { error(object: object, message: string): void };
}) {
  const mailer = createMailer(options.config);
  const sms = createSmsGateway(options.config);
  if (!mailer && !sms) return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      // Drained batch after batch: a round that told thousands is not spread over hours.
      for (;;) {
        const none: MailOutcome = { sent: 0, failed: 0, noAddress: 0 };
        const outcome = mailer
          ? await sendHandoffMail({ db: options.db, mailer, config: options.config })
          : none;
        // Citizens told of their petitions' steps go out on the same pass, by e-mail or text message.
        const told = { db: options.db, config: options.config };
        const citizens = [
          await sendFeedbackMessages({ ...told, sender: mailer, channel: 'mail' }),
          await sendFeedbackMessages({ ...told, sender: sms, channel: 'sms' }),
        ];
        const handled = (done: MailOutcome) => done.sent + done.failed + done.noAddress;
        const all = [outcome, ...citizens];
        const full = all.some((done) => handled(done) >= MAIL_BATCH);
        if (!full || all.some((done) => done.failed > 0)) break;
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
    mailer?.close();
  };
}
