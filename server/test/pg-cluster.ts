import { execFile } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * PostgreSQL clusters made by a test with Debian's server packages, each on its own port and data
 * folder, torn down after: a primary, a streaming replica made by `pg_basebackup`, a publisher for
 * logical replication. As root (CI), every program runs as the `postgres` user, which PostgreSQL
 * requires.
 *
 * The suites that use them run with the PostgreSQL suite (`CHISO_TEST_PG`); there, missing server
 * binaries fail the test rather than skip it.
 */
export function clusterBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions[0];
  if (!version) {
    throw new Error(
      "PostgreSQL's server programs are missing (apt-get install postgresql): no cluster can be made",
    );
  }
  return join(root, version, 'bin');
}

/** Whether this run makes clusters: the PostgreSQL suite does, `npm test` on a bare machine does not. */
export const clustersEnabled = Boolean(process.env.CHISO_TEST_PG);

const asRoot = process.getuid?.() === 0;

async function asPostgres(program: string, args: string[], options: { timeoutMs?: number } = {}) {
  const bin = join(clusterBinaries(), program);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    return await run(file, argv, { timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${program} ${args.join(' ')}: ${failed.stderr || failed.stdout || failed.message}`);
  }
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function ownedFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) chownSync(dir, postgresUid(), postgresGid());
  return dir;
}

function passwdEntry(): string[] {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user on this machine');
  return line.split(':');
}
const postgresUid = () => Number(passwdEntry()[2]);
const postgresGid = () => Number(passwdEntry()[3]);

export interface ClusterOptions {
  walLevel?: 'replica' | 'logical';
  /** Lines added to postgresql.conf (`synchronous_standby_names = '*'`…). */
  settings?: Record<string, string | number>;
}

export class Cluster {
  readonly port: number;
  readonly root: string;
  readonly dataDir: string;
  #running = false;

  constructor(port: number, root: string) {
    this.port = port;
    this.root = root;
    this.dataDir = join(root, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return this.#running;
  }

  async start(): Promise<void> {
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-l', join(this.root, 'log'), '-w', '-t', '60', 'start']);
    this.#running = true;
  }

  /** A clean shutdown ('fast') or a crash-like one ('immediate'). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.#running) return;
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    this.#running = false;
  }

  /** kill -9 of the postmaster: its backends find it gone and exit; nothing is flushed on the way out. */
  async kill9(): Promise<void> {
    const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    this.#running = false;
    // The orphaned backends notice the postmaster is gone and quit; wait until the port is free.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (!(await this.accepts())) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async promote(): Promise<void> {
    await asPostgres('pg_ctl', ['-D', this.dataDir, '-w', '-t', '60', 'promote']);
  }

  async accepts(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values: unknown[] = [],
    database = 'postgres',
  ): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.url(database) });
    // A server stopped under a waiting query fails the query; the client's own event must not escape.
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  async createDatabase(name: string): Promise<string> {
    await this.query(`create database "${name}"`);
    return this.url(name);
  }

  /** Stops the server (immediately) and removes its folder. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => {});
    rmSync(this.root, { recursive: true, force: true });
  }
}

function configure(dataDir: string, port: number, socketDir: string, options: ClusterOptions): void {
  const settings: Record<string, string | number> = {
    port,
    listen_addresses: "'127.0.0.1'",
    unix_socket_directories: `'${socketDir}'`,
    wal_level: options.walLevel ?? 'replica',
    max_wal_senders: 20,
    max_replication_slots: 20,
    max_logical_replication_workers: 20,
    max_worker_processes: 32,
    max_sync_workers_per_subscription: 2,
    hot_standby: 'on',
    hot_standby_feedback: 'on',
    fsync: 'on',
    shared_buffers: "'64MB'",
    wal_keep_size: "'256MB'",
    max_connections: 60,
    log_min_messages: 'warning',
    ...options.settings,
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  writeFileSync(join(dataDir, 'postgresql.auto.conf'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dataDir, 'pg_hba.conf'),
    [
      'local all all trust',
      'host all all 127.0.0.1/32 trust',
      'host replication all 127.0.0.1/32 trust',
      '',
    ].join('\n'),
  );
}

/** A new primary cluster, started. */
export async function createCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const root = ownedFolder('chiso-cluster-');
  const port = await freePort();
  const cluster = new Cluster(port, root);
  await asPostgres('initdb', [
    '-D',
    cluster.dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  configure(cluster.dataDir, port, root, options);
  if (asRoot) await run('chown', ['-R', 'postgres:postgres', root]);
  await cluster.start();
  return cluster;
}

/**
 * A streaming replica of `primary` from `pg_basebackup -R` on a physical replication slot of its own
 * (the primary keeps the WAL the replica has not received), started. `name` names the slot and is the
 * replica's `application_name`, which `synchronous_standby_names` may list.
 */
export async function createReplica(
  primary: Cluster,
  name = 'replica1',
  options: ClusterOptions = {},
): Promise<Cluster> {
  const root = ownedFolder('chiso-replica-');
  const port = await freePort();
  const replica = new Cluster(port, root);
  await primary.query('select pg_create_physical_replication_slot($1)', [name]);
  await asPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    replica.dataDir,
    '-R',
    '-S',
    name,
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  configure(replica.dataDir, port, root, options);
  // -R wrote primary_conninfo into postgresql.auto.conf, which configure() replaced: say it again.
  writeFileSync(
    join(replica.dataDir, 'postgresql.auto.conf'),
    `${readFileSync(join(replica.dataDir, 'postgresql.auto.conf'), 'utf8')}primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=${name}'\nprimary_slot_name = '${name}'\n`,
  );
  if (asRoot) await run('chown', ['-R', 'postgres:postgres', root]);
  await replica.start();
  return replica;
}

/** Waits until `replica` has replayed everything `primary` had written when called. */
export async function waitForReplay(primary: Cluster, replica: Cluster, timeoutMs = 30_000): Promise<void> {
  const [{ lsn }] = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')) as [
    { lsn: string },
  ];
  const started = Date.now();
  for (;;) {
    const [row] = await replica.query<{ caught: boolean }>(
      'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as caught',
      [lsn],
    );
    if (row?.caught) return;
    if (Date.now() - started > timeoutMs) throw new Error(`replica did not replay ${lsn} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A copy of this run's test template (migrated, the demo province) as database `name` on `cluster`,
 * by pg_dump and pg_restore: a Chiso database on a cluster of the test's own.
 */
export async function copyTemplate(cluster: Cluster, name: string): Promise<string> {
  const source = process.env.CHISO_TEST_PG;
  if (!source) throw new Error('copyTemplate needs the PostgreSQL suite (CHISO_TEST_PG)');
  const { inject } = await import('vitest');
  const from = new URL(source);
  from.pathname = `/${inject('templateDb')}`;
  const dir = mkdtempSync(join(tmpdir(), 'chiso-dump-'));
  const file = join(dir, 'template.dump');
  try {
    await run(join(clusterBinaries(), 'pg_dump'), ['-Fc', '--no-owner', '-f', file, '-d', from.toString()]);
    const url = await cluster.createDatabase(name);
    await run(join(clusterBinaries(), 'pg_restore'), ['--no-owner', '-d', url, file]);
    return url;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls `check` until it gives a value (not undefined), or fails after `timeoutMs` naming `what`. */
export async function until<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
