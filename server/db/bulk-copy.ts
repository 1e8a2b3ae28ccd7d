import { once } from 'node:events';
import { readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db, DbOrTx, Tx } from './engine.ts';

/**
 * Rows written to a table with COPY (text format) inside the caller's transaction: the fastest way
 * into PostgreSQL, several times an INSERT of the same rows. Rows are COPY text lines (tab-separated,
 * `\N` for null, `copyText` and `copyTime` for the cells), each ending in a newline.
 */
export interface CopyWriter {
  /** Adds a line (encoded at once into the current chunk; nothing is sent before `flush`). */
  add(line: string): void;
  /** Sends the chunks filled so far; resolves when there is room for more. Rejects once the COPY failed. */
  flush(): Promise<void>;
  /** Ends the COPY and waits until every row is in; rejects with the database's error. */
  end(): Promise<void>;
  /** Gives up (the caller rolls back): the connection is free for the rollback when this resolves. */
  abort(): Promise<void>;
}

/**
 * Lines encoded as UTF-8 into chunks of a fixed size as they come. A string gathered from a million
 * small ones and encoded at the end cost more than the rows' whole way into the table (flattening it).
 */
class Chunks {
  readonly #size: number;
  #buffer: Buffer;
  #position = 0;
  #full: Buffer[] = [];

  constructor(size: number) {
    this.#size = size;
    this.#buffer = Buffer.allocUnsafe(size);
  }

  add(line: string): void {
    // At most three bytes per UTF-16 unit.
    if (this.#position + line.length * 3 > this.#size) {
      this.#close();
      if (line.length * 3 > this.#size) {
        this.#full.push(Buffer.from(line));
        return;
      }
    }
    this.#position += this.#buffer.write(line, this.#position);
  }

  /** The full chunks, and with `all` the one being filled too. */
  take(all: boolean): Buffer[] {
    if (all) this.#close();
    const taken = this.#full;
    this.#full = [];
    return taken;
  }

  #close(): void {
    if (this.#position === 0) return;
    this.#full.push(this.#buffer.subarray(0, this.#position));
    this.#buffer = Buffer.allocUnsafe(this.#size);
    this.#position = 0;
  }
}

/**
 * How rows reach a table in bulk: COPY FROM STDIN on PostgreSQL; on PGlite, whose socket server loses
 * the protocol on CopyData messages, COPY from files the backend reads in its data folder (`hostDir`
 * here is `backendDir` inside the WebAssembly file system). The engine registers its database's route.
 */
export type CopyRoute = { kind: 'stdin' } | { kind: 'files'; hostDir: string; backendDir: string };
const copyRoutes = new WeakMap<Db, CopyRoute>();

export function registerCopyRoute(db: Db, route: CopyRoute): void {
  copyRoutes.set(db, route);
}

/** The connection a transaction runs on (drizzle keeps it on the transaction's session). */
function clientOf(tx: Tx): pg.PoolClient {
  return (tx as unknown as { session: { client: pg.PoolClient } }).session.client;
}

/** A text cell: backslashes doubled, tabs and line breaks escaped; null as `\N`. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(
        /[\\\t\n\r]/g,
        (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char] ?? char,
      )
    : value;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const dates = new Map<number, string>();

/**
 * An instant (epoch milliseconds) as a timestamptz cell in UTC ("2026-01-15 01:30:00+00"); null as
 * `\N`. Each day's date is formatted once: `Date#toISOString` on every cell cost more than the rest
 * of a row's way into the table.
 */
export function copyTime(ms: number | null): string {
  if (ms === null) return '\\N';
  const day = Math.floor(ms / DAY_MS);
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dates.size < 100_000) dates.set(day, date);
  }
  const clock = ms - day * DAY_MS;
  const millis = clock % 1000;
  const seconds = Math.floor(clock / 1000);
  return `${date} ${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`}+00`;
}

/**
 * A COPY into `table` within the transaction `into`. On PGlite `into` may also be the database itself:
 * each batch is then a statement of its own, and other queries take their turn between batches.
 */
export async function openCopy(
  db: Db,
  into: DbOrTx,
  table: string,
  columns: readonly string[],
): Promise<CopyWriter> {
  const route = copyRoutes.get(db) ?? { kind: 'stdin' };
  const statement = `copy ${table} (${columns.join(', ')}) from`;
  if (route.kind === 'files') return copyThroughFiles(into, statement, route.hostDir, route.backendDir);
  // COPY FROM STDIN holds its connection from start to end: a transaction's.
  if (into === db) throw new Error('COPY FROM STDIN needs a transaction');
  return copyFromStdin(into as Tx, statement);
}

function copyFromStdin(tx: Tx, statement: string): CopyWriter {
  const stream = clientOf(tx).query(copyFrom(`${statement} stdin`));
  let failure: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error: Error) => {
      failure = error;
      reject(error);
    });
  });
  finished.catch(() => {});
  // One CopyData message per chunk: one per line would cost more than the line.
  const chunks = new Chunks(256 * 1024);
  const send = async (all: boolean) => {
    if (failure) throw failure;
    let isFull = false;
    for (const chunk of chunks.take(all)) isFull = !stream.write(chunk);
    if (isFull) await Promise.race([once(stream, 'drain'), finished]);
  };
  return {
    add: (line) => chunks.add(line),
    flush: () => send(false),
    async end() {
      await send(true);
      stream.end();
      await finished;
    },
    async abort() {
      if (failure || stream.writableFinished) return;
      // CopyFail: the server ends the COPY with an error and the transaction waits for its rollback.
      stream.destroy(new Error('COPY abandoned'));
      await finished.catch(() => {});
    },
  };
}

/** The batch files' names begin so: what a killed process left is removed when the folder next opens. */
export const COPY_FILE_PREFIX = 'copy-';

/** Removes batch files an import killed mid-way left in PGlite's data folder. */
export function removeLeftCopyFiles(hostDir: string): void {
  for (const name of readdirSync(hostDir))
    if (name.startsWith(COPY_FILE_PREFIX) && name.endsWith('.tsv'))
      rmSync(join(hostDir, name), { force: true });
}

/**
 * PGlite: each batch of lines is written to a file in the data folder and loaded with a COPY the
 * backend reads itself; the next batch is gathered while one loads.
 */
function copyThroughFiles(tx: DbOrTx, statement: string, hostDir: string, backendDir: string): CopyWriter {
  const prefix = `${COPY_FILE_PREFIX}${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  let sequence = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  const files: string[] = [];
  const chunks = new Chunks(2 * 1024 * 1024);
  const load = async (all: boolean) => {
    if (failure) throw failure;
    const batch = chunks.take(all);
    if (batch.length === 0) return;
    // One batch loads while the next is gathered; a third waits for the first.
    await inFlight;
    const name = `${prefix}-${sequence++}.tsv`;
    const hostPath = join(hostDir, name);
    files.push(hostPath);
    await writeFile(hostPath, batch.length === 1 ? (batch[0] as Buffer) : Buffer.concat(batch));
    inFlight = tx
      .execute(sql.raw(`${statement} '${backendDir}/${name}'`))
      .then(() => rmSync(hostPath, { force: true }));
    inFlight.catch((error: Error) => {
      failure ??= error;
    });
  };
  const removeFiles = () => {
    for (const file of files) rmSync(file, { force: true });
  };
  return {
    add: (line) => chunks.add(line),
    flush: () => load(false),
    async end() {
      try {
        await load(true);
        await inFlight;
      } finally {
        removeFiles();
      }
    },
    async abort() {
      chunks.take(true);
      await inFlight.catch(() => {});
      removeFiles();
    },
  };
}
