import { createHmac, randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import { AppError, type Msg } from '../../core/errors.ts';
import type { Tx } from '../db/engine.ts';
import { feedbackSubmissionCounts, settings } from '../db/schema/index.ts';

/**
 * How the citizens' public forms hold off floods (a petition, a survey started without a receipt's
 * code): each sender's submissions are counted per hour in the database (atomic), and the one past
 * `perHour` is refused. Used by the feedback intake and the public survey pages; a caller that counts
 * apart gives its sender a prefix ("survey:…"), so one form's count never spends the other's.
 */
const HOUR = 3_600_000;

/**
 * The installation's own random key for counting senders: kept in settings (made on first use), so a
 * sender's counter row is an HMAC no one can reverse by hashing the 4 billion IPv4 addresses.
 */
async function addressKey(tx: Tx): Promise<string> {
  await tx
    .insert(settings)
    .values({ key: ADDRESS_KEY_SETTING, value: randomBytes(32).toString('hex') })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, ADDRESS_KEY_SETTING));
  if (!row) throw new Error('feedback address key missing');
  return row.value;
}
// The name it was first given (feedback's), kept so existing installations keep their key.
const ADDRESS_KEY_SETTING = 'feedback_address_key';

/** Counts one submission from the sender this hour; the one past `perHour` is refused. Old rows go. */
export async function countSubmission(
  tx: Tx,
  options: { sender: string; now: Date; perHour: number; refusal: Msg },
) {
  const { now } = options;
  const hour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  await tx
    .delete(feedbackSubmissionCounts)
    .where(lt(feedbackSubmissionCounts.hour, new Date(hour.getTime() - 24 * HOUR)));
  const [row] = await tx
    .insert(feedbackSubmissionCounts)
    .values({
      addressHash: createHmac('sha256', await addressKey(tx))
        .update(options.sender)
        .digest('hex'),
      hour,
      count: 1,
    })
    .onConflictDoUpdate({
      target: [feedbackSubmissionCounts.addressHash, feedbackSubmissionCounts.hour],
      set: { count: sql`${feedbackSubmissionCounts.count} + 1` },
    })
    .returning({ count: feedbackSubmissionCounts.count });
  if ((row?.count ?? 0) > options.perHour)
    throw new AppError('RATE_LIMITED', options.refusal, {
      retryAfterSeconds: Math.ceil((hour.getTime() + HOUR - now.getTime()) / 1000),
    });
}
