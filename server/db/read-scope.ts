import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the reads of the work in progress may go, when the database has read replicas
 * (`DATABASE_READ_URL`). A request that only reads (GET, HEAD) may read from a replica; everything in
 * a transaction, every other request and everything outside a request (jobs, the CLI) uses the primary.
 *
 * - `minLsn`: the position in the primary's WAL the reader must see — their own last write, carried
 *   by the `chiso_lsn` cookie from the response to the request that wrote it (read-your-writes).
 * - `current`: what is read must be as new as every change this process knows of (a read cache's
 *   load, which is kept until the next change).
 * - `wrote`: the work opened a transaction on the primary; the response then carries its position.
 */
export interface ReadScope {
  replicaOk: boolean;
  minLsn: bigint;
  current: boolean;
  wrote: boolean;
}

const scope = new AsyncLocalStorage<ReadScope>();

/** The cookie that pins a browser to the primary until the replica has replayed its last write. */
export const LSN_COOKIE = 'chiso_lsn';

export function currentReadScope(): ReadScope | undefined {
  return scope.getStore();
}

/** Runs `work` (and everything it starts) under `readScope`. */
export function runInReadScope<T>(readScope: ReadScope, work: () => T): T {
  return scope.run(readScope, work);
}

/** Runs `load` so that what it reads is at least as new as every change this process has seen. */
export function readingCurrent<T>(load: () => Promise<T>): Promise<T> {
  const outer = scope.getStore();
  return outer?.replicaOk ? scope.run({ ...outer, current: true }, load) : load();
}

/** Runs `work` against the primary alone (a health check, a read that decides a write). */
export function onPrimary<T>(work: () => Promise<T>): Promise<T> {
  const outer = scope.getStore();
  return outer ? scope.run({ ...outer, replicaOk: false }, work) : work();
}

/** "16/B374D848" (PostgreSQL's pg_lsn text) as a number; 0 for anything else. */
export function parseLsn(text: string | null | undefined): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? '');
  if (!match) return 0n;
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
