import { eq, sql } from 'drizzle-orm';
import { type AuditEventContent, hashAuditEvent } from '../../core/audit/hash-chain.ts';
import { type Clock, nowOf } from '../clock.ts';
import type { Db, Tx } from '../db/engine.ts';
import { bumpDataVersion, CHANGE_CHANNEL, changeTopics, topicsPayload } from '../db/read-cache.ts';
import { auditEvents, auditHead } from '../db/schema/index.ts';

/** Who did it, from where: every service call carries one. */
export interface Actor {
  userId: number | null;
  name: string;
}

export interface ServiceContext {
  db: Db;
  actor: Actor;
  ip: string | null;
  /** The app's clock (`server/clock.ts`); absent outside a request: the system time. */
  now?: Clock | undefined;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

export type Audit = (input: AuditInput) => Promise<void>;

/** Appends one event to the hash chain inside the caller's transaction. */
export async function appendAudit(
  tx: Tx,
  who: { actor: Actor; ip: string | null; now?: Clock | undefined },
  input: AuditInput,
): Promise<void> {
  // Taking the head row's lock serialises writers: the chain has exactly one next link.
  const [head] = await tx
    .update(auditHead)
    .set({ seq: sql`${auditHead.seq} + 1` })
    .where(eq(auditHead.id, 1))
    .returning();
  if (!head) throw new Error('audit_head row is missing');
  const content: AuditEventContent = {
    seq: head.seq,
    at: nowOf(who).toISOString(),
    actorId: who.actor.userId,
    actorName: who.actor.name,
    ip: who.ip,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === null ? null : String(input.entityId),
    unitId: input.unitId ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
  };
  const hash = hashAuditEvent(head.hash, content);
  await tx.insert(auditEvents).values({ ...content, at: new Date(content.at), prevHash: head.hash, hash });
  await tx.update(auditHead).set({ hash }).where(eq(auditHead.id, 1));
}

/** What jsonb will give back: dates as ISO strings, undefined dropped, absent as null. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * The one path for every change: the work and its audit events commit together or not at all.
 * `fn` receives the transaction and an `audit` function bound to the actor and IP.
 */
export async function mutate<T>(ctx: ServiceContext, fn: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  // What the change touched, told by its audit actions (`changeTopics`): a narrow one keeps the read
  // caches that read other things.
  const actions: string[] = [];
  try {
    return await ctx.db.transaction(async (tx) => {
      const audit: Audit = async (input) => {
        actions.push(input.action);
        await appendAudit(tx, ctx, input);
      };
      const result = await fn(tx, audit);
      if (actions.length === 0) throw new Error('a mutation must write at least one audit event');
      // Delivered at commit to every other process listening on this database (read caches).
      await tx.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${topicsPayload(changeTopics(actions))})`);
      return result;
    });
  } finally {
    // Committed or not, this process forgets what it had read (a rollback only costs a re-read).
    bumpDataVersion(changeTopics(actions));
  }
}
