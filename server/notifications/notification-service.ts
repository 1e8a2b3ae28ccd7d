import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, totalOver } from '../db/list-total.ts';
import { notifications } from '../db/schema/index.ts';

export type NotificationContext = ServiceContext & { user: SessionUser };

/** A text in both languages; a plain string is Vietnamese only (shown as such in English too). */
export type Words = string | { vi: string; en: string };

const viOf = (words: Words) => (typeof words === 'string' ? words : words.vi);
const enOf = (words: Words) => (typeof words === 'string' ? null : words.en);

export interface NotifyInput {
  userIds: readonly number[];
  /** What it is about, e.g. "report.returned", "reminder.before": lets the web app pick an icon. */
  kind: string;
  title: Words;
  body?: Words | null;
  link?: string | null;
  /** A hand-off (someone must act): also e-mailed, after the change commits, where SMTP is set. */
  mail?: boolean;
}

/** Tells each user once, inside the caller's transaction (so it exists only if the change commits). */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<number> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return 0;
  // A round over thousands of communes tells each of their people: inserted in slices.
  for (let i = 0; i < userIds.length; i += 1000)
    await tx.insert(notifications).values(
      userIds.slice(i, i + 1000).map((userId) => ({
        userId,
        kind: input.kind,
        title: viOf(input.title),
        titleEn: enOf(input.title),
        body: input.body ? viOf(input.body) : null,
        bodyEn: input.body ? enOf(input.body) : null,
        link: input.link ?? null,
        mailState: input.mail ? 'pending' : null,
      })),
    );
  return userIds.length;
}

/** A notification's text in the reader's language (the Vietnamese where no English was written). */
export function wordsOf(
  row: { title: string; body: string | null; titleEn: string | null; bodyEn: string | null },
  locale: string,
) {
  const english = locale === 'en';
  return {
    title: (english && row.titleEn) || row.title,
    body: (english && row.bodyEn) || row.body,
  };
}

function present(row: typeof notifications.$inferSelect, locale: string) {
  return {
    id: row.id,
    kind: row.kind,
    ...wordsOf(row, locale),
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The user's own notifications, newest first, with how many are unread in all. */
export async function findNotifications(
  ctx: NotificationContext,
  query: { page: number; perPage: number; unread?: boolean },
) {
  const mine = eq(notifications.userId, ctx.user.userId);
  const where = query.unread ? and(mine, isNull(notifications.readAt)) : mine;
  const rows = await ctx.db
    .select({ row: notifications, total: totalOver() })
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  const [unread] = await ctx.db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(and(mine, isNull(notifications.readAt)));
  const total = await listTotal(rows, query, () =>
    ctx.db.select({ n: countRows() }).from(notifications).where(where),
  );
  return {
    items: rows.map(({ row }) => present(row, ctx.user.locale)),
    page: query.page,
    perPage: query.perPage,
    total,
    unreadCount: unread?.count ?? 0,
  };
}

export async function markNotificationRead(ctx: NotificationContext, id: number) {
  // Someone else's notification is as absent as one that does not exist.
  const [row] = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.user.userId)));
  if (!row) throw new AppError('NOT_FOUND');
  if (row.readAt) return present(row, ctx.user.locale);
  const updated = await mutate(ctx, async (tx, audit) => {
    const [saved] = await tx
      .update(notifications)
      .set({ readAt: nowOf(ctx) })
      .where(eq(notifications.id, id))
      .returning();
    await audit({ action: 'notification.read', entityType: 'notification', entityId: id });
    return saved;
  });
  if (!updated) throw new AppError('NOT_FOUND');
  return present(updated, ctx.user.locale);
}

export async function markAllNotificationsRead(ctx: NotificationContext) {
  const unread = and(eq(notifications.userId, ctx.user.userId), isNull(notifications.readAt));
  const [pending] = await ctx.db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(unread);
  // Nothing to change writes nothing (and no audit event).
  if (!pending?.count) return { marked: 0 };
  return mutate(ctx, async (tx, audit) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: nowOf(ctx) })
      .where(unread)
      .returning({ id: notifications.id });
    await audit({
      action: 'notification.read_all',
      entityType: 'notification',
      entityId: null,
      after: { count: marked.length },
    });
    return { marked: marked.length };
  });
}
