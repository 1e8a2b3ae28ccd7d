import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, inLocale, msg } from '../../core/errors.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/engine.ts';
import { blobs, type JobFile, jobs, users } from '../db/schema/index.ts';
import { storeBlob } from '../files/evidence.ts';
import { assertReadsJob, canReadJob } from './job-access.ts';

export type JobContext = ServiceContext & { user: SessionUser };

export type JobProgress = (done: number, total: number, message: string) => Promise<void>;

export interface JobOutput {
  /** Files to download when done (stored once by content hash). */
  files?: { fileName: string; contentType: string; data: Buffer }[];
  /** A summary of what the work did, shown to whoever follows the job (e.g. an import's counts). */
  result?: unknown;
}

export type JobWork = (progress: JobProgress) => Promise<JobOutput>;

/** The app's pino logger (set when the job routes are registered): a failed job is logged with its id. */
export interface JobLogger {
  error(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
}
let logger: JobLogger = { error: () => {}, warn: () => {} };
export function setJobLogger(log: JobLogger): void {
  logger = log;
}

/**
 * What the person is shown when their job fails, in the language they started it in: the refusal's own message, or for an
 * unexpected error (a driver's, in English, naming tables) a generic one with the id to quote,
 * the same id the log line carries.
 */
export function jobFailure(
  jobId: number,
  error: unknown,
  locale?: string,
): { message: string; errorId: string | null } {
  if (error instanceof AppError) {
    logger.warn({ jobId, code: error.code, message: error.message }, 'job refused');
    return { message: inLocale(error.text, locale), errorId: null };
  }
  const errorId = randomUUID().slice(0, 8);
  logger.error({ err: error, jobId, errorId }, 'job failed');
  const message = msg(
    `Lỗi hệ thống, mã ${errorId}. Hãy thử lại hoặc báo quản trị viên mã này.`,
    `Internal error, code ${errorId}. Try again or give this code to the administrator.`,
  );
  return { message: inLocale(message, locale), errorId };
}

/**
 * Starts long work in the background and answers at once with the job's id: the work runs on the
 * event loop between requests (awaiting the database as it goes), writes its progress, and stores
 * its files when done. A failure is recorded on the job, never thrown at a request.
 */
export async function startJob(
  ctx: JobContext,
  kind: string,
  work: JobWork,
  params: Record<string, unknown> = {},
): Promise<number> {
  const row = await mutate(ctx, async (tx, audit) => {
    const [job] = await tx.insert(jobs).values({ kind, params, createdBy: ctx.user.userId }).returning();
    if (!job) throw new Error('job insert returned nothing');
    await audit({ action: 'job.start', entityType: 'job', entityId: job.id, after: { kind, params } });
    return job;
  });
  const id = row.id;
  running.set(id, row);
  // Progress is shown from memory at once; the row follows, latest value first, without holding the
  // work up (on the embedded database it lands once the work lets go of the single connection).
  let pending: { progress: number; total: number; message: string } | null = null;
  let flushing: Promise<void> | null = null;
  const flush = async () => {
    while (pending) {
      const next = pending;
      pending = null;
      await ctx.db
        .update(jobs)
        .set(next)
        .where(eq(jobs.id, id))
        .catch(() => {});
    }
    flushing = null;
  };
  const progress: JobProgress = async (done, total, message) => {
    running.set(id, { ...row, progress: done, total, message });
    pending = { progress: done, total, message };
    flushing ??= flush();
  };
  const settled = () => flushing ?? Promise.resolve();
  setImmediate(
    () => void runJob(ctx.db, id, work, progress, settled, ctx.user.locale).finally(() => running.delete(id)),
  );
  return id;
}

/**
 * The jobs running in this process, as their starters follow them: answered without the database, so
 * a progress bar keeps moving while the work holds the embedded database's single connection.
 */
const running = new Map<number, typeof jobs.$inferSelect>();

async function runJob(
  db: Db,
  id: number,
  work: JobWork,
  progress: JobProgress,
  progressSettled: () => Promise<void>,
  locale: string,
): Promise<void> {
  try {
    const { files = [], result = null } = await work(progress);
    await progressSettled();
    const stored: JobFile[] = [];
    for (const file of files)
      stored.push({
        fileName: file.fileName,
        contentType: file.contentType,
        sha256: await storeBlob(db, file.data),
      });
    await db
      .update(jobs)
      .set({ status: 'done', files: stored, result, progress: sql`${jobs.total}`, finishedAt: new Date() })
      .where(eq(jobs.id, id));
  } catch (error) {
    const { message } = jobFailure(id, error, locale);
    await progressSettled();
    await db
      .update(jobs)
      .set({
        status: 'failed',
        error: message,
        finishedAt: new Date(),
      })
      .where(eq(jobs.id, id))
      .catch(() => {});
  }
}

type JobRow = typeof jobs.$inferSelect;

const presentJob = (job: JobRow) => ({
  id: job.id,
  kind: job.kind,
  params: job.params,
  status: job.status as 'running' | 'done' | 'failed',
  progress: job.progress,
  total: job.total,
  message: job.message,
  error: job.error,
  result: job.result ?? null,
  files: job.files.map((file, index) => ({ index, fileName: file.fileName })),
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

/** A job as the person who started it follows it. */
export async function getJob(ctx: JobContext, id: number) {
  const live = running.get(id);
  if (live) {
    if (!canReadJob(ctx.user, live)) throw new AppError('NOT_FOUND');
    return presentJob(live);
  }
  return presentJob(await assertReadsJob(ctx, id));
}

/** The person's own recent jobs of a kind, newest first. */
export async function listJobs(ctx: JobContext, options: { kind?: string; limit: number }) {
  const rows = await ctx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.createdBy, ctx.user.userId), options.kind ? eq(jobs.kind, options.kind) : undefined))
    .orderBy(desc(jobs.id))
    .limit(options.limit);
  return rows.map(presentJob);
}

export async function jobFile(ctx: JobContext, id: number, index: number) {
  const job = await assertReadsJob(ctx, id);
  const file = job.files[index];
  if (!file) throw new AppError('NOT_FOUND');
  const [blob] = await ctx.db.select({ data: blobs.data }).from(blobs).where(eq(blobs.sha256, file.sha256));
  if (!blob) throw new AppError('NOT_FOUND');
  return { fileName: file.fileName, contentType: file.contentType, data: blob.data };
}

const INTERRUPTED = msg(
  'Máy chủ khởi động lại khi đang xử lý: hãy chạy lại.',
  'The server restarted while this was running: run it again.',
);

/** Work a restart interrupted is marked failed at start (in its starter's language), so nobody waits on it forever. */
export async function failInterruptedJobs(db: Db): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'failed',
      error: sql`case when (select ${users.locale} from ${users} where ${users.id} = ${jobs.createdBy}) = 'en'
        then ${INTERRUPTED.en} else ${INTERRUPTED.vi} end`,
      finishedAt: new Date(),
    })
    .where(eq(jobs.status, 'running'));
}
