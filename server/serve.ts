import { buildApp } from './app.ts';
import { deleteExpiredSessions } from './auth/sessions.ts';
import { deleteExpiredThrottles } from './auth/sign-in-throttle.ts';
import { clockFrom } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/engine.ts';
import { failInterruptedJobs } from './jobs/jobs.ts';
import { scheduleOutbox } from './notifications/notification-mail.ts';
import { scheduleReminders } from './reminders/reminder-schedule.ts';
import type { StepTime, TimeStep } from './setup/step-times.ts';

/**
 * The HTTP server on PORT with the web app and the API, on a database main.ts began opening before
 * this module was loaded.
 */
export async function serve({
  config,
  opening,
  steps,
  time,
  started,
}: {
  config: Config;
  opening: Promise<Database>;
  steps: StepTime[];
  time: TimeStep;
  started: number;
}) {
  const database = await opening;
  await time('interrupted jobs', () => failInterruptedJobs(database.db));
  const app = await time('build app', () =>
    buildApp({ database, config, ...(config.now && { now: clockFrom(config.now) }) }),
  );
  // Requests still running at shutdown finish before the database closes under them.
  let inFlight = 0;
  app.addHook('onRequest', async () => {
    inFlight += 1;
  });
  app.addHook('onResponse', async () => {
    inFlight -= 1;
  });
  await time('listen', () => app.listen({ port: config.port, host: config.host }));
  for (const { step, ms } of steps) app.log.info({ step, ms }, `khởi động: ${step}`);
  // Expired sessions and sign-in counts are removed at start and every hour.
  const sweep = () =>
    Promise.all([
      deleteExpiredSessions(database.db, app.clock()),
      deleteExpiredThrottles(database.db, app.clock()),
    ]).catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
  void sweep();
  setInterval(sweep, 3600_000).unref();
  // Report reminders likewise: at start and hourly, each sent once (recorded), errors logged.
  scheduleReminders({ db: database.db, config, log: app.log, clock: app.clock });
  // The e-mail copies of hand-offs, sent after their changes committed.
  scheduleOutbox({ db: database.db, config, log: app.log });
  app.log.info(
    {
      database: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      ms: Math.round(performance.now() - started),
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    },
    `Chiso đang chạy tại http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    const deadline = Date.now() + 10_000;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
