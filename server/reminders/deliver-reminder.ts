import { and, eq, lt, or } from 'drizzle-orm';
import type { PeriodWindow } from '../../core/periods/periods.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import type { Config } from '../config.ts';
import { reminderSends } from '../db/schema/index.ts';
import { notify } from '../notifications/notification-service.ts';
import { unitReporters } from '../notifications/recipients.ts';
import type { Mailer } from './mailer.ts';
import { reminderMail } from './reminder-mail.ts';

/** A send that never recorded its end (the process died mid-conversation) is tried again after this. */
const STALE_SENDING_MS = 15 * 60_000;

export interface ReminderTarget {
  unit: { id: number; name: string };
  headEmail: string | null;
  reportId: number | null;
  period: PeriodWindow;
  /** "before:3", "after:1", or "manual:<time>" for a coordinator's "send now". */
  reminder: string;
}

/**
 * sent: mailed; failed: the SMTP server refused or was unreachable (tried again next run);
 * in_app: e-mail is not configured; no_address: nobody at the unit has an address; skipped: already done
 * (here or by another server).
 */
export type ReminderStatus = 'sent' | 'failed' | 'in_app' | 'no_address' | 'skipped';

export interface ReminderOutcome {
  unit: { id: number; name: string };
  periodCode: string;
  reminder: string;
  status: ReminderStatus;
  recipients: string[];
  /** Active accounts of the unit told in the app (0: nobody there to tell). */
  accounts: number;
  error: string | null;
}

class AlreadyClaimed extends Error {}

function addressesOf(headEmail: string | null, emails: (string | null)[]): string[] {
  const seen = new Map<string, string>();
  for (const email of [headEmail, ...emails]) {
    const address = email?.trim();
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
}

/**
 * One reminder to one unit, at most once: the row in reminder_sends is claimed first (its unique
 * index decides between two servers), the mail goes out with no transaction open (an SMTP
 * conversation must not hold the database), then the result is recorded. The in-app notification is
 * written with the first claim only, so a retried mail does not notify twice.
 */
export async function deliverReminder(
  ctx: ServiceContext,
  env: { mailer: Mailer | null; config: Pick<Config, 'publicUrl'>; today: string; now: Date },
  target: ReminderTarget,
): Promise<ReminderOutcome> {
  const { unit, period, reminder } = target;
  const key = and(
    eq(reminderSends.unitId, unit.id),
    eq(reminderSends.periodCode, period.code),
    eq(reminderSends.reminder, reminder),
  );
  let accounts = 0;
  const outcome = (status: ReminderStatus, recipients: string[] = [], error: string | null = null) => ({
    unit,
    periodCode: period.code,
    reminder,
    status,
    recipients,
    accounts,
    error,
  });
  const staleBefore = new Date(env.now.getTime() - STALE_SENDING_MS);
  const [existing] = await ctx.db.select().from(reminderSends).where(key);
  const isRetry = existing !== undefined;
  if (
    existing &&
    existing.status !== 'failed' &&
    !(existing.status === 'sending' && existing.sentAt < staleBefore)
  )
    return outcome('skipped', existing.recipients);

  const people = await unitReporters(ctx.db, unit.id);
  accounts = people.length;
  const recipients = addressesOf(
    target.headEmail,
    people.map((person) => person.email),
  );
  const path = target.reportId ? `/reports/${target.reportId}` : '/reports';
  const mail = reminderMail({
    unitName: unit.name,
    period,
    today: env.today,
    link: `${env.config.publicUrl}${path}`,
  });
  const status = !env.mailer ? 'in_app' : recipients.length === 0 ? 'no_address' : 'sending';
  try {
    await mutate(ctx, async (tx, audit) => {
      const [claimed] = await tx
        .insert(reminderSends)
        .values({ unitId: unit.id, periodCode: period.code, reminder, recipients, status, sentAt: env.now })
        .onConflictDoUpdate({
          target: [reminderSends.unitId, reminderSends.periodCode, reminderSends.reminder],
          set: { recipients, status, error: null, sentAt: env.now },
          where: or(
            eq(reminderSends.status, 'failed'),
            and(eq(reminderSends.status, 'sending'), lt(reminderSends.sentAt, staleBefore)),
          ),
        })
        .returning({ id: reminderSends.id });
      if (!claimed) throw new AlreadyClaimed();
      await audit({
        action: status === 'sending' ? 'reminder.sending' : `reminder.${status}`,
        entityType: 'reminder',
        entityId: claimed.id,
        unitId: unit.id,
        after: { periodCode: period.code, reminder, recipients },
      });
      if (!isRetry)
        await notify(tx, {
          userIds: people.map((person) => person.id),
          kind: reminder.startsWith('after') || env.today > period.due ? 'reminder.overdue' : 'reminder.due',
          title: { vi: mail.subject, en: mail.subjectEn },
          body: {
            vi: `${unit.name}: số liệu từ ${formatDateVi(period.dataFrom)} đến ${formatDateVi(period.dataTo)}.`,
            en: `${unit.name}: data from ${formatDateVi(period.dataFrom)} to ${formatDateVi(period.dataTo)}.`,
          },
          link: path,
        });
    });
  } catch (error) {
    if (error instanceof AlreadyClaimed) return outcome('skipped');
    throw error;
  }
  if (status !== 'sending') return outcome(status, recipients);

  let failure: string | null = null;
  try {
    await env.mailer?.send({ to: recipients, ...mail });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(reminderSends)
      .set({ status: failure ? 'failed' : 'sent', error: failure, sentAt: env.now })
      .where(key)
      .returning({ id: reminderSends.id });
    await audit({
      action: failure ? 'reminder.failed' : 'reminder.sent',
      entityType: 'reminder',
      entityId: row?.id ?? null,
      unitId: unit.id,
      after: { periodCode: period.code, reminder, recipients, error: failure },
    });
  });
  return outcome(failure ? 'failed' : 'sent', recipients, failure);
}
