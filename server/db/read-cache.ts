import type { FastifyReply } from 'fastify';
import pg from 'pg';
import type { z } from 'zod';
import type { Database } from './engine.ts';
import { readingCurrent } from './read-scope.ts';

/**
 * Read caches and the data version they hang on.
 *
 * The data version changes whenever committed data changes: every audited change bumps it at commit
 * (`mutate`), and on PostgreSQL it also sends a NOTIFY on `chiso_changes`, so every other process on
 * the same database (another server, the CLI) bumps its own. A cache entry is used only while the
 * version it was read at is still current and it is younger than `maxAgeMs` (which bounds staleness
 * after a change made outside Chiso, e.g. in psql). Invalidation is coarse by default: writes are
 * rare next to reads, and forgetting everything on any change cannot forget too little.
 *
 * A cache may instead name the topics it reads (`dependsOn`): it is then kept across a change that
 * says it touched only other topics (`changeTopics`: a report step touches reports and plan items,
 * nothing else), and forgotten on every change that does not say what it touched.
 */
export const CHANGE_CHANNEL = 'chiso_changes';

/** What a narrow change may touch. */
export type Topic = 'reports' | 'plans' | 'notifications' | 'sessions' | 'feedback' | 'surveys';
const TOPICS: readonly Topic[] = ['reports', 'plans', 'notifications', 'sessions', 'feedback', 'surveys'];

/**
 * The topics a committed change touched, from its audit actions, or null (anything) when one action
 * is not known to be narrow. Only what is listed here is narrow: a new action is broad until named.
 */
export function changeTopics(actions: readonly string[]): Topic[] | null {
  if (actions.length === 0) return null;
  const touched = new Set<Topic>();
  for (const action of actions) {
    const topics = NARROW_ACTIONS.find(([prefix]) => action.startsWith(prefix))?.[1];
    if (!topics) return null;
    for (const topic of topics) touched.add(topic);
  }
  return [...touched];
}

const NARROW_ACTIONS: [prefix: string, topics: Topic[]][] = [
  // A report opened, saved or moved on; sending it writes its tasks' progress; the step notifies.
  ['report.', ['reports', 'plans', 'notifications']],
  ['notification.', ['notifications']],
  // Citizens' feedback received or moved on (the public feedback pages read it); each step may notify.
  ['feedback.', ['feedback', 'notifications']],
  ['auth.logout', ['sessions']],
  // Satisfaction surveys: a citizen's survey started, saved or sent on the public page (anyone may post
  // them, so they must not empty every cache), paper forms, replies, exclusions, questionnaires.
  ['survey.', ['surveys']],
];

let version = 0;
let broad = 0;
const topicVersions = new Map<Topic, number>();

/** Changes with every committed change, narrow or not. */
export function dataVersion(): number {
  return version;
}

/** A change was committed: `touched` names what it may have changed (absent or null: anything). */
export function bumpDataVersion(touched: readonly Topic[] | null = null): void {
  version += 1;
  if (touched === null) broad += 1;
  else for (const topic of touched) topicVersions.set(topic, (topicVersions.get(topic) ?? 0) + 1);
  for (const listener of listeners) listener(touched);
}

const listeners = new Set<(touched: readonly Topic[] | null) => void>();

/**
 * Called after every bump (a change committed here or told by another process): what must follow the
 * data (the federation publisher) without polling. The listener must return at once. Returns the unsubscribe.
 */
export function onDataChange(listener: (touched: readonly Topic[] | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The version of what reads only `topics`: it changes with every broad change and every change to one of them. */
export function topicsVersion(topics: readonly Topic[]): string {
  return [broad, ...topics.map((topic) => topicVersions.get(topic) ?? 0)].join('.');
}

/** A NOTIFY payload: the topics a change touched ('' for anything). */
export const topicsPayload = (touched: readonly Topic[] | null): string => touched?.join(',') ?? '';

/** The topics another process's NOTIFY named: null (anything) when empty or unknown. */
export function topicsOfPayload(payload: string | undefined): Topic[] | null {
  if (!payload) return null;
  const named = payload.split(',');
  return named.every((name) => (TOPICS as readonly string[]).includes(name)) ? (named as Topic[]) : null;
}

interface Entry<V> {
  version: number | string;
  at: number;
  value: V;
}

export class ReadCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  readonly #dependsOn: readonly Topic[] | undefined;

  /** `dependsOn`: the topics every value reads (absent: anything, forgotten on every change). */
  constructor(options: { maxEntries: number; maxAgeMs: number; dependsOn?: readonly Topic[] }) {
    this.#maxEntries = options.maxEntries;
    this.#maxAgeMs = options.maxAgeMs;
    this.#dependsOn = options.dependsOn;
  }

  #version(): number | string {
    return this.#dependsOn ? topicsVersion(this.#dependsOn) : version;
  }

  /** The cached value of `key`, or `load()`'s, remembered under the version current before it ran. */
  async get(key: string, load: () => Promise<V>, isFresh?: (value: V) => boolean): Promise<V> {
    const entry = this.#entries.get(key);
    const now = Date.now();
    if (
      entry &&
      entry.version === this.#version() &&
      now - entry.at < this.#maxAgeMs &&
      (!isFresh || isFresh(entry.value))
    ) {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.value;
    }
    // Read the version first: a change committed while `load` runs makes this entry stale at once.
    const readAt = this.#version();
    // Kept until the next change, so read where every change this process knows of is visible.
    const value = await readingCurrent(load);
    this.#entries.delete(key);
    this.#entries.set(key, { version: readAt, at: now, value });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * On PostgreSQL, listens for other processes' changes on a connection of its own and bumps the data
 * version on each; a lost connection bumps it too (changes may have been missed) and reconnects.
 * PGlite needs none: only this process can open its data folder.
 */
export async function listenForChanges(database: Database): Promise<() => Promise<void>> {
  if (database.kind !== 'postgresql') return async () => {};
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const reconnectLater = () => {
    if (!stopped) retry = setTimeout(() => void connect(), 1000);
  };
  const connect = async (): Promise<void> => {
    // The primary's address at this moment: after a failover, the promoted replica's.
    const next = new pg.Client(database.pool.options);
    next.on('notification', (message) => bumpDataVersion(topicsOfPayload(message.payload)));
    next.on('error', () => {
      client = null;
      bumpDataVersion();
      next.end().catch(() => {});
      reconnectLater();
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANGE_CHANNEL}`);
      client = next;
      bumpDataVersion();
    } catch {
      next.end().catch(() => {});
      reconnectLater();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/**
 * A read cache of JSON response bodies: the body is validated against the route's response schema and
 * encoded to UTF-8 once, then sent as bytes until the data changes.
 */
export class JsonBodyCache {
  readonly #cache: ReadCache<Buffer>;

  constructor(options: { maxEntries: number; maxAgeMs: number }) {
    this.#cache = new ReadCache(options);
  }

  /** `schema` (the route's response schema) validates and strips the body before it is kept. */
  async send<T>(
    reply: FastifyReply,
    key: string,
    schema: z.ZodType<T> | undefined,
    load: () => Promise<T>,
  ): Promise<FastifyReply> {
    const body = await this.#cache.get(key, async () => {
      const value = await load();
      return Buffer.from(JSON.stringify(schema ? schema.encode(value) : value));
    });
    return reply.type('application/json; charset=utf-8').send(body);
  }
}
