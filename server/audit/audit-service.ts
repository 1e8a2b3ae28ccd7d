import { and, asc, desc, eq, gt, gte, like, lt, type SQL, sql } from 'drizzle-orm';
import type { AuditNames } from '../../core/audit/audit-event.ts';
import {
  type ChainCheck,
  type ChainedEvent,
  GENESIS_HASH,
  verifyChain,
} from '../../core/audit/hash-chain.ts';
import { type ListResult, parseSort } from '../../core/list.ts';
import { rootsScope, scopeCondition } from '../auth/scope.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, totalOver } from '../db/list-total.ts';
import { auditEvents, auditHead, units } from '../db/schema/index.ts';
import { auditNames } from './audit-names.ts';

export interface AuditQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Subtree roots the reader may see ("/" for everything); events with no unit need "/". */
  scope: string[];
}

export type AuditEventView = Omit<ChainedEvent, 'prevHash' | 'hash'>;

function toContent(row: typeof auditEvents.$inferSelect): ChainedEvent {
  return { ...row, at: row.at.toISOString() };
}

export async function findAuditEvents(db: DbOrTx, query: AuditQuery): Promise<ListResult<AuditEventView>> {
  const scope = rootsScope(query.scope, units.path);
  const inScope =
    typeof scope === 'boolean'
      ? scopeCondition(scope)
      : sql`${auditEvents.unitId} in (select ${units.id} from ${units} where ${scope})`;
  const conditions: (SQL | undefined)[] = [
    inScope,
    query.action ? like(auditEvents.action, `${query.action.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
    query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
    // Dates are Vietnamese calendar days: "to" includes the whole day.
    query.from ? gte(auditEvents.at, new Date(`${query.from}T00:00:00+07:00`)) : undefined,
    query.to
      ? lt(auditEvents.at, new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000))
      : undefined,
    query.q
      ? like(sql`lower(${auditEvents.actorName})`, `%${query.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`)
      : undefined,
  ];
  const { direction } = parseSort(query.sort);
  const rows = await db
    .select({ event: auditEvents, total: totalOver() })
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(direction === 'asc' ? asc(auditEvents.seq) : desc(auditEvents.seq))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  const contents = rows.map(({ event }) => {
    const { prevHash: _p, hash: _h, ...content } = toContent(event);
    return content;
  });
  const names = await auditNames(db, contents);
  return {
    items: contents.map((content, i) => ({ ...content, names: names[i] as AuditNames })),
    page: query.page,
    perPage: query.perPage,
    total: await listTotal(rows, query, () =>
      db
        .select({ n: countRows() })
        .from(auditEvents)
        .where(and(...conditions)),
    ),
  };
}

/** Recomputes the whole chain in batches and checks the head points at its last link. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5000): Promise<ChainCheck> {
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, lastSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    const result = verifyChain(rows.map(toContent), lastHash, checked);
    if (!result.ok) return result;
    ({ lastHash, checked } = result);
    lastSeq = rows.at(-1)?.seq ?? lastSeq;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head || head.seq !== lastSeq || head.hash !== lastHash) {
    return {
      ok: false,
      checked,
      brokenAt: lastSeq + 1,
      reason: 'the chain ends before the recorded head: events are missing',
    };
  }
  return { ok: true, checked, lastHash };
}
