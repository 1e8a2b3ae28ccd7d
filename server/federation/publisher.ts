import type { Database } from '../db/engine.ts';
import { onDataChange, type Topic } from '../db/read-cache.ts';
import { readPublishing, readSubscriptions } from './federation-settings.ts';
import { beatHeart, FED_AREAS, type FedArea, refreshFederation } from './refresh.ts';

/** The areas a narrow change may have changed (a change that does not say: every area). */
const AREAS_OF_TOPIC: Record<Topic, readonly FedArea[]> = {
  reports: ['reports', 'plans'],
  plans: ['plans'],
  feedback: ['feedback'],
  surveys: ['surveys'],
  notifications: [],
  sessions: [],
};

/** What the publisher logs through (the app's pino logger). */
export interface PublisherLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface PublisherOptions {
  debounceMs?: number;
  heartbeatMs?: number;
  fullRefreshMs?: number;
  /** After an error, the next try. */
  retryMs?: number;
  now?: () => Date;
}

/**
 * The background publisher of a province on PostgreSQL: while publishing is on (`federation publish`)
 * and the instance is not national, it refreshes the shared tables after committed changes (debounced,
 * one refresh at a time, only the areas a change touched), fully every 10 minutes (overdue figures move
 * with the clock) and writes the heartbeat every minute — each under an advisory lock tried, never
 * waited for, so two server processes never refresh at once. Requests never wait for it; an error is
 * logged and tried again later. Returns the stop function.
 */
export function startPublisher(
  database: Database,
  log: PublisherLog,
  options: PublisherOptions = {},
): () => Promise<void> {
  if (database.kind !== 'postgresql') return async () => {};
  const { debounceMs = 250, heartbeatMs = 60_000, fullRefreshMs = 600_000, retryMs = 5_000 } = options;
  const now = options.now ?? (() => new Date());
  const pending = new Set<FedArea>(FED_AREAS);
  let running: Promise<void> | null = null;
  let stopped = false;
  let debounce: NodeJS.Timeout | undefined;
  let lastFull = 0;

  const publishing = async () => {
    const [state, subscriptions] = [await readPublishing(database.db), await readSubscriptions(database.db)];
    // A national instance holds every province's rows: it never recomputes them from its own.
    return state.on && subscriptions.provinces.length === 0;
  };

  const run = async () => {
    if (stopped || running) return;
    const areas = [...pending];
    pending.clear();
    running = (async () => {
      try {
        if (!(await publishing())) return;
        const full = areas.length === FED_AREAS.length;
        const result = await refreshFederation(database.db, { now: now(), areas, wait: false });
        if (result.skipped) for (const area of areas) pending.add(area);
        else if (full) lastFull = Date.now();
        if (result.changed > 0) log.info({ changed: result.changed, areas }, 'federation: refreshed');
      } catch (error) {
        for (const area of areas) pending.add(area);
        log.warn({ err: error }, 'federation: refresh failed, tried again later');
        schedule(retryMs);
      } finally {
        running = null;
      }
      if (pending.size > 0 && !stopped) schedule(debounceMs);
    })();
    await running;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void run(), ms);
    debounce.unref();
  };

  const unsubscribe = onDataChange((touched) => {
    const areas = touched === null ? FED_AREAS : touched.flatMap((topic) => AREAS_OF_TOPIC[topic]);
    if (areas.length === 0) return;
    for (const area of areas) pending.add(area);
    schedule(debounceMs);
  });

  const tick = setInterval(() => {
    void (async () => {
      try {
        if (Date.now() - lastFull >= fullRefreshMs) {
          for (const area of FED_AREAS) pending.add(area);
          schedule(0);
        } else if (await publishing()) await beatHeart(database.db, now());
      } catch (error) {
        log.warn({ err: error }, 'federation: heartbeat failed, tried again later');
      }
    })();
  }, heartbeatMs);
  tick.unref();
  // A first full refresh at start: what changed while the server was down.
  schedule(debounceMs);

  return async () => {
    stopped = true;
    unsubscribe();
    clearTimeout(debounce);
    clearInterval(tick);
    await running;
  };
}
