import { todayInVietnam } from '../core/text/dates.ts';

/**
 * The one clock. Services read the time from their context (`ctx.now`), which the app fills from
 * `buildApp({ now })`, so a test sets the day (`createTestApp({ now })`) and "due today", "after the
 * deadline" and "overdue" are decided against it. Row timestamps of no consequence may use the system time.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The current time of a context (the system's where none was injected: the CLI, background work). */
export function nowOf(ctx: { now?: Clock | undefined }): Date {
  return (ctx.now ?? systemClock)();
}

/** Today's date in Vietnam (ISO) by the context's clock. */
export function todayOf(ctx: { now?: Clock | undefined }): string {
  return todayInVietnam(nowOf(ctx));
}

/** A fixed clock for tests: always `iso` ("2026-03-20T09:00:00+07:00"). */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return () => new Date(at);
}

/**
 * A clock that starts at `iso` when the server starts and runs on (`CHISO_NOW`): browser tests see a
 * fixed day (2 December 2026) while sessions and timeouts keep the system's pace.
 */
export function clockFrom(iso: string, system: Clock = systemClock): Clock {
  const offset = Date.parse(iso) - system().getTime();
  return () => new Date(system().getTime() + offset);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's clock, carried into every service context by `contextOf`. */
    clock: Clock;
  }
}
