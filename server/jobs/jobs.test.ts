import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/sessions.ts';
import { signInAs } from '../test/factories.ts';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from '../test/harness.ts';
import { getJob, type JobContext, startJob } from './jobs.ts';

let t: TestApp;
let owner: { id: number; username: string };
let ownerSession: Session;
let other: Session;

const contextFor = (userId: number, username: string): JobContext => {
  const user: SessionUser = {
    sessionId: '',
    csrfToken: '',
    userId,
    username,
    fullName: username,
    email: null,
    locale: 'vi',
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

  it('record a failure on the job, never at a request', async () => {
    const ctx = contextFor(owner.id, owner.username);
    const id = await startJob(ctx, 'test-failing', async () => {
      throw new Error('Tệp hỏng');
    });
    let job = await getJob(ctx, id);
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await getJob(ctx, id);
    }
    expect(job).toMatchObject({ status: 'failed', error: 'Tệp hỏng' });
  });
});
