import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, msg } from '../../core/errors.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { jobs, users } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from '../test/harness.ts';
import { failInterruptedJobs, getJob, type JobContext, setJobLogger, startJob } from './jobs.ts';

let t: TestApp;
let owner: { id: number; username: string };
let ownerSession: Session;
let other: Session;

const contextFor = (userId: number, username: string, locale: 'vi' | 'en' = 'vi'): JobContext => {
  const user: SessionUser = {
    sessionId: '',
    csrfToken: '',
    userId,
    username,
    fullName: username,
    email: null,
    locale,
    mustChangePassword: false,
    expiresAt: new Date(Date.now() + 3600_000),
    grants: [],
  };
  return { db: t.database.db, actor: { userId, name: username }, ip: null, user };
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
  ownerSession = await signIn(t.app, owner.username);
  other = await signInAs(t, 'coordinator', '33');
});
afterAll(() => t.close());

describe('background jobs', () => {
  it('show their progress while running, to the person who started them only, then their result', async () => {
    const ctx = contextFor(owner.id, owner.username);
    let finish: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let report: (done: number, total: number, message: string) => Promise<void> = async () => {};
    const id = await startJob(ctx, 'test', async (progress) => {
      report = progress;
      await gate;
      return { result: { counted: 3 } };
    });
    await new Promise((resolve) => setImmediate(resolve));
    await report(2, 5, 'Đang đếm');
    // Answered from memory at once, whatever the row says yet.
    expect(await getJob(ctx, id)).toMatchObject({
      status: 'running',
      progress: 2,
      total: 5,
      message: 'Đang đếm',
    });
    expect((await ownerSession.request('GET', `/api/jobs/${id}`)).json).toMatchObject({
      progress: 2,
      total: 5,
    });
    expect((await other.request('GET', `/api/jobs/${id}`)).status).toBe(404);
    finish();
    let job = (await ownerSession.request('GET', `/api/jobs/${id}`)).json;
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await ownerSession.request('GET', `/api/jobs/${id}`)).json;
    }
    expect(job).toMatchObject({ status: 'done', progress: 5, total: 5, result: { counted: 3 } });
    expect(
      (await ownerSession.request('GET', '/api/jobs?kind=test')).json.map((row: { id: number }) => row.id),
    ).toEqual([id]);
    expect((await other.request('GET', '/api/jobs?kind=test')).json).toEqual([]);
  });

  it('record a failure on the job, never at a request: a refusal’s own message, else a generic one with an id, logged', async () => {
    const logged: { level: string; object: Record<string, unknown> }[] = [];
    setJobLogger({
      error: (object) => logged.push({ level: 'error', object }),
      warn: (object) => logged.push({ level: 'warn', object }),
    });
    const ctx = contextFor(owner.id, owner.username);
    const finished = async (id: number) => {
      let job = await getJob(ctx, id);
      for (let i = 0; i < 100 && job.status === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await getJob(ctx, id);
      }
      return job;
    };
    const driver = new Error('duplicate key value violates unique constraint "dossiers_pkey"');
    const crashed = await startJob(ctx, 'test-failing', async () => {
      throw driver;
    });
    const crashedJob = await finished(crashed);
    expect(crashedJob.status).toBe('failed');
    expect(crashedJob.error).toMatch(
      /^Lỗi hệ thống, mã [0-9a-f]{8}\. Hãy thử lại hoặc báo quản trị viên mã này\.$/,
    );
    const errorId = crashedJob.error?.match(/mã ([0-9a-f]{8})/)?.[1];
    expect(logged).toContainEqual({ level: 'error', object: { err: driver, jobId: crashed, errorId } });

    const refused = await startJob(ctx, 'test-failing', async () => {
      throw new AppError(
        'IMPORT_REJECTED',
        msg('Tệp có 3 dòng không hợp lệ.', 'The file has 3 invalid rows.'),
      );
    });
    expect(await finished(refused)).toMatchObject({ status: 'failed', error: 'Tệp có 3 dòng không hợp lệ.' });
    expect(logged).toContainEqual({
      level: 'warn',
      object: { jobId: refused, code: 'IMPORT_REJECTED', message: 'Tệp có 3 dòng không hợp lệ.' },
    });

    // Started from a page in English: the refusal is kept in English.
    const inEnglish = contextFor(owner.id, owner.username, 'en');
    const refusedEn = await startJob(inEnglish, 'test-failing', async () => {
      throw new AppError(
        'IMPORT_REJECTED',
        msg('Tệp có 3 dòng không hợp lệ.', 'The file has 3 invalid rows.'),
      );
    });
    expect(await finished(refusedEn)).toMatchObject({
      status: 'failed',
      error: 'The file has 3 invalid rows.',
    });
  });

  it('left running by a restart, are failed in the language of the account that started them', async () => {
    const english = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, english.id));
    const running = async (userId: number) => {
      const [row] = await t.database.db
        .insert(jobs)
        .values({ kind: 'test', status: 'running', createdBy: userId })
        .returning({ id: jobs.id });
      return row?.id ?? 0;
    };
    const enJob = await running(english.id);
    const viJob = await running(owner.id);
    await failInterruptedJobs(t.database.db);
    const errors = await t.database.db
      .select({ id: jobs.id, status: jobs.status, error: jobs.error })
      .from(jobs)
      .where(inArray(jobs.id, [enJob, viJob]))
      .orderBy(jobs.id);
    expect(errors).toEqual([
      { id: enJob, status: 'failed', error: 'The server restarted while this was running: run it again.' },
      { id: viJob, status: 'failed', error: 'Máy chủ khởi động lại khi đang xử lý: hãy chạy lại.' },
    ]);
  });
});
