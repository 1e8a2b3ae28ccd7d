import pg from 'pg';
import { dataVersion } from './read-cache.ts';
import { currentReadScope, parseLsn } from './read-scope.ts';

/**
 * The connection pool of a PostgreSQL primary with streaming replicas, seen by Drizzle as one pool.
 *
 * - **Writes and transactions** (`connect`) go to the primary. `DATABASE_URL` may name several hosts
 *   (`postgres://chiso@db1:5432,db2:5432/chiso`, libpq's form): the one that accepts writes is the
 *   primary. When it is lost (a connection refused or cut, a server shutting down, a write refused as
 *   read-only), the hosts are probed again and the pool moves to the one that accepts writes now — a
 *   promoted replica — without a restart. What was in flight fails with `isConnectionLoss`, which the
 *   HTTP layer answers "503, try again" (`DATABASE_UNAVAILABLE`).
 * - **Reads** (`query` outside a transaction) go to a replica only inside a read scope that allows it
 *   (`read-scope.ts`: a GET request) and only to a replica that has replayed the reader's own last
 *   write (`minLsn`) and lags less than `maxLagMs`; a read cache's load (`current`) needs a replica
 *   that has replayed every change this process knows of. Anything else goes to the primary, and a
 *   read a replica cannot serve (gone, or a statement that writes) is sent to the primary instead.
 *
 * A poller reads, every `pollMs`, the primary's WAL position and each replica's replay position:
 * a replica's lag is how long ago the primary first wrote past what the replica has replayed.
 */
export interface ClusterPoolOptions {
  primaryUrl: string;
  readUrl?: string;
  poolSize: number;
  maxLagMs: number;
  pollMs: number;
  log?: (message: string) => void;
}

interface Replica {
  url: string;
  pool: pg.Pool;
  healthy: boolean;
  standby: boolean;
  replay: bigint;
}

export interface ClusterStatus {
  primary: { host: string; up: boolean };
  replicas: { host: string; healthy: boolean; standby: boolean; lagMs: number | null }[];
  reads: { primary: number; replica: number };
}

/** "postgres://u:p@h1:5432,h2:5433/db?x" → one URL per host (a single host is returned as is). */
export function splitHosts(url: string): string[] {
  const match = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?#]*)(.*)$/.exec(url);
  if (!match) return [url];
  const [, scheme = '', auth = '', hosts = '', rest = ''] = match;
  const list = hosts
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean);
  return list.length > 1 ? list.map((host) => `${scheme}${auth}${host}${rest}`) : [url];
}

/** The host and port of a URL, without its password, for logs and the health answer. */
export function hostOf(url: string): string {
  return /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?#]*)/.exec(url)?.[1] ?? '?';
}

const LOST_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const LOST_STATES = new Set(['57P01', '57P02', '57P03', '25006']);
const LOST_MESSAGES =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down|in recovery)|Client was closed/i;

/**
 * Whether an error means the database server was lost or cannot take the work now (it went away, is
 * shutting down or starting, or refuses writes because it is a replica): nothing was committed by the
 * failed statement, and the same request can be tried again in a moment.
 */
export function isConnectionLoss(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (LOST_ERRNOS.has(code) || LOST_STATES.has(code) || code.startsWith('08')))
    return true;
  if (typeof message === 'string' && LOST_MESSAGES.test(message)) return true;
  return isConnectionLoss(cause, depth + 1);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type QueryArgs = Parameters<pg.Pool['query']>;

export class ClusterPool extends pg.Pool {
  readonly #hosts: string[];
  readonly #replicas: Replica[];
  readonly #options: ClusterPoolOptions;
  #primary: pg.Pool;
  #primaryIndex = 0;
  #primaryUp = true;
  #rediscovery: Promise<void> | null = null;
  #lastProbe = 0;
  /** The primary's WAL position, each first time it was seen to move. */
  #samples: { at: number; lsn: bigint }[] = [];
  #barrier: { version: number; lsn: bigint } | null = null;
  #barrierFetch = false;
  #timer: NodeJS.Timeout | undefined;
  #turn = 0;
  readonly #watched = new WeakSet<pg.PoolClient>();
  readonly reads = { primary: 0, replica: 0 };

  constructor(options: ClusterPoolOptions) {
    // The base pool is never used: every connection comes from the primary's or a replica's pool.
    super({ max: 1 });
    this.#options = options;
    this.#hosts = splitHosts(options.primaryUrl);
    this.#primary = this.#makePool(this.#hosts[0] as string, options.poolSize);
    this.options = this.#primary.options;
    this.#replicas = options.readUrl
      ? splitHosts(options.readUrl).map((url) => ({
          url,
          pool: this.#makePool(url, options.poolSize),
          healthy: false,
          standby: false,
          replay: 0n,
        }))
      : [];
  }

  get replicated(): boolean {
    return this.#replicas.length > 0;
  }

  /** Finds the primary among the hosts and starts watching the replicas; throws when none accepts writes. */
  async start(): Promise<void> {
    if (this.#hosts.length > 1) {
      const found = await this.#findWritable();
      if (found === null)
        throw new Error(`no host of DATABASE_URL accepts writes: ${this.#hosts.map(hostOf).join(', ')}`);
      if (found !== this.#primaryIndex) this.#switchPrimary(found);
    }
    await this.#primary.query('select 1');
    if (this.#replicas.length > 0 || this.#hosts.length > 1) {
      await this.#poll();
      this.#schedulePoll();
    }
  }

  override query(...args: unknown[]): never {
    const replica = this.#route();
    // biome-ignore lint/suspicious/noExplicitAny: the arguments are passed through to pg's own overloads
    const pass = (pool: pg.Pool) => (pool.query as (...a: any[]) => any)(...(args as QueryArgs));
    if (typeof args[args.length - 1] === 'function') return pass(replica?.pool ?? this.#primary) as never;
    return this.#read(replica, pass) as never;
  }

  async #read(replica: Replica | null, pass: (pool: pg.Pool) => Promise<unknown>): Promise<unknown> {
    if (replica) {
      try {
        const result = await pass(replica.pool);
        this.reads.replica += 1;
        return result;
      } catch (error) {
        // A statement that writes, or a replica gone: nothing happened there, so the primary answers.
        if ((error as { code?: unknown }).code === '25006') {
          const scope = currentReadScope();
          if (scope) scope.wrote = true;
        } else if (isConnectionLoss(error)) {
          replica.healthy = false;
        } else throw error;
      }
    }
    await this.#primaryReady();
    this.reads.primary += 1;
    try {
      return await pass(this.#primary);
    } catch (error) {
      if (isConnectionLoss(error)) this.#suspect();
      throw error;
    }
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): void;
  override connect(callback?: unknown): Promise<pg.PoolClient> | undefined {
    if (callback) throw new Error('ClusterPool.connect takes no callback');
    return this.#connectPrimary();
  }

  async #connectPrimary(): Promise<pg.PoolClient> {
    const scope = currentReadScope();
    if (scope) {
      scope.wrote = true;
      scope.replicaOk = false;
    }
    await this.#primaryReady();
    try {
      const client = await this.#primary.connect();
      this.#watch(client);
      return client;
    } catch (error) {
      if (isConnectionLoss(error)) this.#suspect();
      throw error;
    }
  }

  /** The primary's current WAL position ("0/3000148"): what a reader who just wrote must see. */
  async primaryLsn(): Promise<string> {
    const { rows } = await this.#primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    return rows[0]?.lsn ?? '0/0';
  }

  status(): ClusterStatus {
    return {
      primary: { host: hostOf(this.#hosts[this.#primaryIndex] as string), up: this.#primaryUp },
      replicas: this.#replicas.map((replica) => ({
        host: hostOf(replica.url),
        healthy: replica.healthy,
        standby: replica.standby,
        lagMs: replica.healthy && replica.standby ? Math.min(this.#lagMs(replica), 86_400_000) : null,
      })),
      reads: { ...this.reads },
    };
  }

  override async end(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await Promise.allSettled([this.#primary.end(), ...this.#replicas.map((replica) => replica.pool.end())]);
    await super.end().catch(() => {});
  }

  #makePool(url: string, max: number): pg.Pool {
    const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, keepAlive: true });
    pool.on('error', (error) => {
      this.#options.log?.(`PostgreSQL ${hostOf(url)}: ${error.message}`);
      if (pool === this.#primary && isConnectionLoss(error)) this.#suspect();
    });
    return pool;
  }

  /** A transaction's client tells when its connection is lost (its queries bypass `query` above). */
  #watch(client: pg.PoolClient): void {
    if (this.#watched.has(client)) return;
    this.#watched.add(client);
    // A checked-out client whose server goes away emits 'error' beside failing its query; the pool
    // listens only while the client is idle, so without this the process would end.
    client.on('error', (error) => {
      if (isConnectionLoss(error)) this.#suspect();
    });
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise)
        result.catch((error: unknown) => {
          if (isConnectionLoss(error)) this.#suspect();
        });
      return result;
    };
  }

  #route(): Replica | null {
    const scope = currentReadScope();
    if (!scope?.replicaOk || this.#replicas.length === 0) return null;
    let need = scope.minLsn;
    if (scope.current) {
      const barrier = this.#barrierNow();
      if (barrier === null) return null;
      if (barrier > need) need = barrier;
    }
    const eligible = this.#replicas.filter(
      (replica) =>
        replica.healthy &&
        replica.standby &&
        replica.replay >= need &&
        (scope.current || this.#lagMs(replica) <= this.#options.maxLagMs),
    );
    if (eligible.length === 0) return null;
    this.#turn = (this.#turn + 1) % eligible.length;
    return eligible[this.#turn] as Replica;
  }

  /**
   * The primary's position after the last change this process knows of, or null while it is being
   * read (the caller reads from the primary meanwhile).
   */
  #barrierNow(): bigint | null {
    const version = dataVersion();
    if (this.#barrier?.version === version) return this.#barrier.lsn;
    if (!this.#barrierFetch) {
      this.#barrierFetch = true;
      this.primaryLsn()
        .then((lsn) => {
          this.#barrier = { version, lsn: parseLsn(lsn) };
        })
        .catch(() => {})
        .finally(() => {
          this.#barrierFetch = false;
        });
    }
    return null;
  }

  #lagMs(replica: Replica): number {
    const ahead = this.#samples.find((sample) => sample.lsn > replica.replay);
    return ahead ? Date.now() - ahead.at : 0;
  }

  #schedulePoll(): void {
    this.#timer = setTimeout(async () => {
      await this.#poll();
      if (this.#timer) this.#schedulePoll();
    }, this.#options.pollMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    try {
      const { rows } = await this.#primary.query<{ standby: boolean; lsn: string | null }>(
        'select pg_is_in_recovery() as standby, case when pg_is_in_recovery() then null else pg_current_wal_lsn()::text end as lsn',
      );
      const row = rows[0];
      if (!row || row.standby) this.#suspect();
      else this.#sample(parseLsn(row.lsn));
    } catch (error) {
      if (isConnectionLoss(error)) this.#suspect();
    }
    await Promise.all(
      this.#replicas.map(async (replica) => {
        try {
          const { rows } = await replica.pool.query<{ standby: boolean; lsn: string | null }>(
            'select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn',
          );
          replica.healthy = true;
          replica.standby = rows[0]?.standby === true;
          replica.replay = parseLsn(rows[0]?.lsn);
        } catch {
          replica.healthy = false;
        }
      }),
    );
  }

  #sample(lsn: bigint): void {
    const now = Date.now();
    const last = this.#samples[this.#samples.length - 1];
    if (!last || lsn > last.lsn) this.#samples.push({ at: now, lsn });
    // Older samples only say "more than maxLagMs behind", which the oldest kept one says as well.
    const keepFrom = now - 2 * this.#options.maxLagMs - this.#options.pollMs;
    while (this.#samples.length > 1 && (this.#samples[1] as { at: number }).at < keepFrom)
      this.#samples.shift();
  }

  /** A request that comes while the primary is being looked for waits for the answer (a few seconds at most). */
  async #primaryReady(): Promise<void> {
    if (this.#rediscovery) await Promise.race([this.#rediscovery, sleep(5000)]);
  }

  #suspect(): void {
    if (this.#rediscovery) return;
    this.#rediscovery = this.#rediscover().finally(() => {
      this.#rediscovery = null;
    });
  }

  async #rediscover(): Promise<void> {
    const wait = this.#lastProbe + 250 - Date.now();
    if (wait > 0) await sleep(wait);
    this.#lastProbe = Date.now();
    const found = await this.#findWritable();
    this.#primaryUp = found !== null;
    if (found !== null && found !== this.#primaryIndex) this.#switchPrimary(found);
  }

  #switchPrimary(index: number): void {
    const old = this.#primary;
    this.#primaryIndex = index;
    this.#primary = this.#makePool(this.#hosts[index] as string, this.#options.poolSize);
    this.options = this.#primary.options;
    this.#samples = [];
    this.#barrier = null;
    this.#options.log?.(`PostgreSQL: máy chủ chính bây giờ là ${hostOf(this.#hosts[index] as string)}`);
    old.end().catch(() => {});
  }

  /** The index of the host that accepts writes (the current one first), or null when none does. */
  async #findWritable(): Promise<number | null> {
    const writable = await Promise.all(this.#hosts.map((url) => acceptsWrites(url)));
    if (writable[this.#primaryIndex]) return this.#primaryIndex;
    const index = writable.indexOf(true);
    return index >= 0 ? index : null;
  }
}

async function acceptsWrites(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
    return rows[0]?.standby === false;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
