import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import { parseSort } from '../../core/list.ts';
import type { Open311Channel, RegisterClient } from '../../core/open311/open311-schemas.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { open311Clients, users } from '../db/schema/index.ts';
import type { SettingsContext } from '../db/settings.ts';
import { sha256 } from '../feedback/feedback-intake.ts';

/**
 * The applications registered to push petitions through Open311 (the province's own app, the national
 * portal's connector), managed province-wide by feedback.manage at the root of the tree. A client's
 * api_key is 32 random bytes (base64url) shown once when it is registered; only its SHA-256 and its last
 * four characters are kept. A key is found by its hash (compared in the unique index, never the key
 * itself); a revoked client's key is refused from then on, and the client stays so the items it sent
 * still name it.
 */
function assertManages(ctx: SettingsContext) {
  if (!hasInstallationPermission(ctx.user.grants, 'feedback.manage'))
    throw new AppError('INSTALLATION_WIDE_ONLY');
}

const SORTS: Record<string, SQL> = {
  name: sql`${open311Clients.name}`,
  createdAt: sql`${open311Clients.createdAt}`,
};

export interface ClientListQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
}

const present = (row: typeof open311Clients.$inferSelect & { createdByName?: string | null }) => ({
  id: row.id,
  name: row.name,
  channel: row.channel as Open311Channel,
  keyHint: row.keyHint,
  isActive: row.isActive,
  createdAt: row.createdAt.toISOString(),
  createdByName: row.createdByName ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function listClients(ctx: SettingsContext, query: ClientListQuery) {
  assertManages(ctx);
  const { field, direction } = parseSort(query.sort);
  const column = SORTS[field] ?? SORTS.createdAt;
  const where = query.q
    ? sql`lower(${open311Clients.name}) like ${`%${query.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`}`
    : undefined;
  const rows = await ctx.db
    .select({ client: open311Clients, createdByName: users.fullName, total: totalOver() })
    .from(open311Clients)
    .leftJoin(users, eq(users.id, open311Clients.createdBy))
    .where(where)
    .orderBy(direction === 'asc' ? asc(column as SQL) : desc(column as SQL), desc(open311Clients.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db.select({ n: countRows() }).from(open311Clients).where(where),
  );
  return {
    items: rows.map((row) => present({ ...row.client, createdByName: row.createdByName })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

/** Registers a client; its key is in this answer and nowhere else, ever. */
export async function registerClient(ctx: SettingsContext, input: RegisterClient) {
  assertManages(ctx);
  const key = randomBytes(32).toString('base64url');
  const client = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(open311Clients)
      .values({
        name: input.name,
        channel: input.channel,
        keyHash: sha256(key),
        keyHint: key.slice(-4),
        createdBy: ctx.actor.userId,
        createdAt: nowOf(ctx),
      })
      .returning();
    if (!row) throw new Error('open311 client not stored');
    await audit({
      action: 'open311.client_register',
      entityType: 'open311_client',
      entityId: row.id,
      after: { name: row.name, channel: row.channel, keyHint: row.keyHint },
    });
    return row;
  });
  return { client: present(client), key };
}

/** Revokes a client: its key is refused from the next request. Revoking twice is refused as a conflict. */
export async function revokeClient(ctx: SettingsContext, id: number) {
  assertManages(ctx);
  const revoked = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(open311Clients)
      .set({ isActive: false, revokedAt: nowOf(ctx) })
      .where(and(eq(open311Clients.id, id), eq(open311Clients.isActive, true)))
      .returning();
    if (!row) {
      const [exists] = await tx
        .select({ id: open311Clients.id })
        .from(open311Clients)
        .where(eq(open311Clients.id, id));
      if (!exists) throw new AppError('NOT_FOUND');
      throw new AppError(
        'CONFLICT',
        msg('Ứng dụng này đã bị thu hồi khóa.', "This application's key is already revoked."),
      );
    }
    await audit({
      action: 'open311.client_revoke',
      entityType: 'open311_client',
      entityId: row.id,
      before: { isActive: true },
      after: { name: row.name, isActive: false },
    });
    return row;
  });
  return present(revoked);
}

/** The active client holding this api_key, or null (unknown, revoked, or no key at all). */
export async function clientOfKey(db: DbOrTx, apiKey: string | undefined) {
  if (!apiKey) return null;
  const [row] = await db
    .select()
    .from(open311Clients)
    .where(and(eq(open311Clients.keyHash, sha256(apiKey)), eq(open311Clients.isActive, true)));
  return row ?? null;
}
