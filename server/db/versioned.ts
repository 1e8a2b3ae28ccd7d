import { and, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../../core/errors.ts';
import type { CurrentVersion } from '../../core/versions.ts';
import type { Tx } from './engine.ts';
import { users } from './schema/index.ts';

/** A table whose rows carry a `version` (and, where it has them, who changed them last and when). */
type VersionedTable = PgTable & { version: AnyPgColumn };

interface VersionedWrite<T extends VersionedTable> {
  table: T;
  /** The record's key (`and(...)` as written; never empty). */
  where: SQL | undefined;
  /** The version the writer read; 0 = the record did not exist (only with `insert`). */
  version: number;
  set: Partial<T['$inferInsert']>;
  /** For a record created on its first save: the row to insert when `version` is 0. */
  insert?: T['$inferInsert'];
  actorId: number | null;
  /** When, by the app's clock (`nowOf(ctx)`): one clock for the record, its history and its audit entry. */
  at: Date;
  /** What the 409 shows of the current record (default: the row as stored). */
  present?: (row: T['$inferSelect']) => unknown;
  /** Extra details naming which record conflicted (e.g. the indicator of a batch). */
  details?: Record<string, unknown>;
}

/** `updatedBy`/`updatedAt` for the tables that keep them. */
function stamp(table: VersionedTable, actorId: number | null, at: Date): Record<string, unknown> {
  const columns = getTableColumns(table);
  return {
    ...('updatedBy' in columns && { updatedBy: actorId }),
    ...('updatedAt' in columns && { updatedAt: at }),
  };
}

/**
 * The one optimistic-versioning write: a conditional `UPDATE … WHERE key AND version = $read RETURNING`
 * (or, for version 0, an insert that does nothing if someone created the row first). No row back means
 * someone else wrote in between: a 409 VERSION_CONFLICT carrying the record as it is now. Because the
 * condition is checked by the UPDATE itself, under the row lock, two concurrent writers of the same
 * version cannot both succeed on either engine.
 */
export async function writeVersioned<T extends VersionedTable>(
  tx: Tx,
  options: VersionedWrite<T>,
): Promise<T['$inferSelect']> {
  const { table, where, version } = options;
  const stamped = stamp(table, options.actorId, options.at);
  // biome-ignore lint/suspicious/noExplicitAny: one helper serves every versioned table; drizzle cannot type that generically.
  const anyTx = tx as any;
  const rows: T['$inferSelect'][] =
    version === 0 && options.insert
      ? await anyTx
          .insert(table)
          .values({ ...options.insert, ...stamped, version: 1 })
          .onConflictDoNothing()
          .returning()
      : await anyTx
          .update(table)
          .set({ ...options.set, ...stamped, version: sql`${table.version} + 1` })
          .where(and(where, eq(table.version, version)))
          .returning();
  const [row] = rows;
  if (row) return row;
  throw await versionConflict(tx, options);
}

/** Deletes a record only if it is still at the version the writer read; absent and expected absent is fine. */
export async function deleteVersioned<T extends VersionedTable>(
  tx: Tx,
  options: Omit<VersionedWrite<T>, 'set' | 'insert' | 'actorId' | 'at'>,
): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: see writeVersioned.
  const anyTx = tx as any;
  const deleted = await anyTx
    .delete(options.table)
    .where(and(options.where, eq(options.table.version, options.version)))
    .returning();
  if (deleted.length > 0) return;
  const [current] = await anyTx.select().from(options.table).where(options.where);
  if (!current && options.version === 0) return;
  throw await versionConflict(tx, options);
}

async function versionConflict<T extends VersionedTable>(
  tx: Tx,
  options: Pick<VersionedWrite<T>, 'table' | 'where' | 'present' | 'details'>,
): Promise<AppError> {
  // biome-ignore lint/suspicious/noExplicitAny: see writeVersioned.
  const [row]: any[] = await (tx as any).select().from(options.table).where(options.where);
  let updatedBy: CurrentVersion['updatedBy'] = null;
  if (row?.updatedBy != null) {
    const [user] = await tx
      .select({ id: users.id, name: users.fullName })
      .from(users)
      .where(eq(users.id, row.updatedBy));
    updatedBy = user ?? null;
  }
  const current: CurrentVersion<unknown> = {
    version: row?.version ?? 0,
    record: row ? (options.present ? options.present(row) : row) : null,
    updatedAt: row?.updatedAt instanceof Date ? row.updatedAt.toISOString() : null,
    updatedBy,
  };
  return new AppError('VERSION_CONFLICT', undefined, { ...options.details, current });
}
