import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { remindFeedbackDue } from '../feedback/feedback-reminders.ts';
import { type ReminderLog, runReminders } from './reminder-service.ts';

const HOURLY = 3600_000;

/**
 * Reminders (reports, and feedback nearly due) at start and every hour: each run sends only what is due and not yet recorded, so the
 * hour does not matter much, and a run that fails is logged and tried again the next hour.
 */
export function scheduleReminders(options: {
  db: Db;
  config: Config;
  log: ReminderLog & { error(o: object, m: string): void };
  /** The app's clock (a fixed CHISO_NOW in browser tests). */
  clock?: Clock;
}) {
  let running = false;
  const run = async () => {
    // An hour of SMTP trouble must not stack a second run over the first.
    if (running) return;
    running = true;
    try {
      await runReminders({
        db: options.db,
        config: options.config,
        log: options.log,
        ...(options.clock && { now: options.clock() }),
      });
    } catch (error) {
      options.log.error({ err: error }, 'reminder run failed');
    }
    try {
      // Citizens' feedback nearly due: its handling unit is told once per deadline.
      await remindFeedbackDue(options.db, options.clock?.() ?? new Date());
    } catch (error) {
      options.log.error({ err: error }, 'feedback reminder run failed');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), HOURLY);
  timer.unref();
  return () => clearInterval(timer);
}
