import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import type { Database } from '../db/engine.ts';
import { buildUser, openTestDatabase, type Session, signIn, unitIdByCode } from '../test/harness.ts';
import { runReminders } from './reminder-service.ts';
import { startSmtpServer } from './smtp-test-server.ts';

const env = {
  NODE_ENV: 'test',
  CHISO_SECRET: 'test-secret-that-is-long-enough-0123456789',
  CHISO_PUBLIC_URL: 'https://chiso.example.vn/',
  CHISO_MAIL_FROM: 'Chiso Hưng Yên <chiso@example.vn>',
};
let database: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let config: Config;
let snvId: number;
let stpId: number;
let snvReporter: { id: number };
let stpReporter: { id: number };
let coordinator: Session;
let reporter: Session;

/** 09:00 in Vietnam on that day. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const run = (date: string, options: { config?: Config } = {}) =>
  runReminders({ db: database.db, config: options.config ?? config, now: at(date) });
const done = (outcomes: Awaited<ReturnType<typeof run>>) =>
  outcomes
    .filter((outcome) => outcome.status !== 'skipped')
    .map((outcome) => [outcome.unit.id, outcome.periodCode, outcome.reminder, outcome.status]);
const notificationsOf = async (userId: number) =>
  (
    await database.pool.query(
      'select kind, title, body, link from notifications where user_id = $1 order by id',
      [userId],
    )
  ).rows;

beforeAll(async () => {
  smtp = await startSmtpServer();
  config = loadConfig({ ...env, CHISO_SMTP_URL: smtp.url });
  database = await openTestDatabase();
  app = await buildApp({ database, config });
  await app.ready();
  snvId = await unitIdByCode(database, '33.SNV');
  stpId = await unitIdByCode(database, '33.STP');
  // A province of two reporting departments, so every mail the server receives is accounted for.
  await database.pool.query(
    `update units set valid_to = '2026-01-01' where type in ('department', 'commune') and valid_to is null and id <> all($1)`,
    [[snvId, stpId]],
  );
  await database.pool.query('update units set head_email = $2 where id = $1', [
    snvId,
    'giamdoc@snv.example.vn',
  ]);
  await database.pool.query('update units set head_email = $2 where id = $1', [
    stpId,
    'giamdoc@stp.example.vn',
  ]);
  snvReporter = await buildUser(database, [{ role: 'unit_reporter', unitCode: '33.SNV' }]);
  stpReporter = await buildUser(database, [{ role: 'unit_reporter', unitCode: '33.STP' }]);
  // Sở Nội vụ's head has no address of their own: the unit's (headEmail) is used.
  await buildUser(database, [{ role: 'unit_head', unitCode: '33.SNV' }]);
  const stpHead = await buildUser(database, [{ role: 'unit_head', unitCode: '33.STP' }]);
  await database.pool.query('update users set email = $2 where id = $1', [
    snvReporter.id,
    'canbo@snv.example.vn',
  ]);
  await database.pool.query('update users set email = $2 where id = $1', [
    stpReporter.id,
    'canbo@stp.example.vn',
  ]);
  coordinator = await signIn(
    app,
    (await buildUser(database, [{ role: 'coordinator', unitCode: '33' }])).username,
  );
  reporter = await signIn(
    app,
    (await buildUser(database, [{ role: 'unit_reporter', unitCode: '33.SNV' }])).username,
  );
  // Sở Tư pháp has sent its 2026Q1 report; Sở Nội vụ has not even opened its own.
  const stpSession = await signIn(app, stpHead.username);
  const opened = await stpSession.request('POST', '/api/reports', { unitId: stpId, periodCode: '2026Q1' });
  const sent = await stpSession.request('POST', `/api/reports/${opened.json.id}/transitions`, {
    action: 'submit',
    version: opened.json.version,
  });
  expect(sent.status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await database.close();
  await smtp.close();
});

describe('reminders over a real SMTP conversation, on a fake clock', () => {
  it('the 2026Q1 timeline: nothing early, one reminder before the due date, overdue ones after, an SMTP refusal retried, app-only without SMTP', async () => {
    // Nothing is sent before the first reminder day.
    expect(done(await run('2026-03-16'))).toEqual([]);
    expect(smtp.received).toHaveLength(0);

    // Three working days before 20/03/2026 mails the head and the reporters of the unit that has not sent.
    expect(done(await run('2026-03-17'))).toEqual([[snvId, '2026Q1', 'before:3', 'sent']]);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toBe('chiso@example.vn');
    expect(mail?.to).toEqual(['giamdoc@snv.example.vn', 'canbo@snv.example.vn']);
    expect(mail?.subject).toBe('Nhắc gửi báo cáo quý I/2026 — hạn 20/03/2026');
    expect(mail?.text).toContain('Kính gửi: Sở Nội vụ');
    expect(mail?.text).toContain('chưa gửi báo cáo quý I/2026 (số liệu từ 15/12/2025 đến 14/03/2026)');
    expect(mail?.text).toContain('Hạn gửi: 20/03/2026. Còn 3 ngày đến hạn.');
    expect(mail?.text).toContain('Mở báo cáo: https://chiso.example.vn/reports\n');
    const sends = await database.pool.query(
      'select unit_id, reminder, status, recipients from reminder_sends',
    );
    expect(sends.rows).toEqual([
      {
        unit_id: snvId,
        reminder: 'before:3',
        status: 'sent',
        recipients: ['giamdoc@snv.example.vn', 'canbo@snv.example.vn'],
      },
    ]);
    expect(await notificationsOf(snvReporter.id)).toEqual([
      {
        kind: 'reminder.due',
        title: 'Nhắc gửi báo cáo quý I/2026 — hạn 20/03/2026',
        body: 'Sở Nội vụ: số liệu từ 15/12/2025 đến 14/03/2026.',
        link: '/reports',
      },
    ]);
    expect(await notificationsOf(stpReporter.id)).toEqual([]);

    // A second run, or the next day, sends nothing more.
    expect(done(await run('2026-03-17'))).toEqual([]);
    expect(done(await run('2026-03-18'))).toEqual([]);
    expect(smtp.received).toHaveLength(1);

    // After the due date the "after" reminder goes, with the overdue subject and a link to the report.
    const opened = await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026Q1' });
    expect(done(await run('2026-03-23'))).toEqual([[snvId, '2026Q1', 'after:1', 'sent']]);
    const overdue = smtp.received[1];
    expect(overdue?.subject).toBe('Quá hạn gửi báo cáo quý I/2026 — hạn 20/03/2026');
    expect(overdue?.text).toContain('Đã quá hạn 3 ngày.');
    expect(overdue?.text).toContain(`Mở báo cáo: https://chiso.example.vn/reports/${opened.json.id}`);
    expect(smtp.received.flatMap((received) => received.to)).not.toContain('giamdoc@stp.example.vn');

    // An SMTP refusal is recorded as failed and retried on the next run, notifying in the app once.
    smtp.state.refusing = true;
    const failed = await run('2026-03-25');
    expect(done(failed)).toEqual([[snvId, '2026Q1', 'after:3', 'failed']]);
    expect(failed[0]?.error).toMatch(/451/);
    const row = await database.pool.query(
      "select status, error from reminder_sends where reminder = 'after:3'",
    );
    expect(row.rows[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('không nhận thư') });
    expect(smtp.received).toHaveLength(2);
    smtp.state.refusing = false;
    expect(done(await run('2026-03-25'))).toEqual([[snvId, '2026Q1', 'after:3', 'sent']]);
    expect(smtp.received).toHaveLength(3);
    expect(done(await run('2026-03-25'))).toEqual([]);
    const kinds = (await notificationsOf(snvReporter.id)).map((notification) => notification.kind);
    expect(kinds).toEqual(['reminder.due', 'reminder.overdue', 'reminder.overdue']);

    // Without SMTP configured, it reminds in the app only and says once that e-mail is off.
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (_object: object, message: string) => warnings.push(message) };
    const noMail = loadConfig(env);
    const outcomes = await runReminders({ db: database.db, config: noMail, now: at('2026-03-31'), log });
    expect(done(outcomes)).toEqual([[snvId, '2026Q1', 'after:7', 'in_app']]);
    await runReminders({ db: database.db, config: noMail, now: at('2026-06-17'), log });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('CHISO_SMTP_URL');
    expect(smtp.received).toHaveLength(3);
    expect((await notificationsOf(snvReporter.id)).at(-1)?.kind).toBe('reminder.due');
  });
});

describe('reminder settings', () => {
  it('are read by anyone who reads reports, and refused to a reporter', async () => {
    const read = await reporter.request('GET', '/api/settings/reminders');
    expect(read.json).toEqual({ before: [1, 3], after: [1, 3, 7], workingDays: true, version: 0 });
    const refused = await reporter.request('PUT', '/api/settings/reminders', {
      before: [5],
      after: [2],
      workingDays: false,
      version: 0,
    });
    expect(refused.status).toBe(403);
  });

  it('refuse an impossible day, naming the field', async () => {
    const bad = await coordinator.request('PUT', '/api/settings/reminders', {
      before: [0],
      after: [2],
      workingDays: true,
      version: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields[0]).toEqual({
      path: 'before.0',
      message: 'Số ngày nhắc trước hạn phải từ 1 trở lên.',
    });
  });

  it('are saved (audited) and drive the next run', async () => {
    const saved = await coordinator.request('PUT', '/api/settings/reminders', {
      before: [5],
      after: [2],
      workingDays: false,
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect((await reporter.request('GET', '/api/settings/reminders')).json).toEqual({
      before: [5],
      after: [2],
      workingDays: false,
      version: 1,
    });
    const audit = await database.pool.query(
      "select after from audit_events where action = 'settings.reminders'",
    );
    expect(audit.rows).toEqual([{ after: { before: [5], after: [2], workingDays: false } }]);
    // 20/06/2026 less 5 calendar days: 15/06, for the quarter and the half alike; STP is due too now.
    const outcomes = done(await run('2026-06-15'));
    expect(outcomes).toEqual([
      [snvId, '2026Q2', 'before:5', 'sent'],
      [stpId, '2026Q2', 'before:5', 'sent'],
      [snvId, '2026S1', 'before:5', 'sent'],
      [stpId, '2026S1', 'before:5', 'sent'],
    ]);
  });
});

describe('a coordinator’s “send now”', () => {
  it('mails the picked units that have not sent, and says who was mailed', async () => {
    const before = smtp.received.length;
    const sent = await coordinator.request('POST', '/api/reports/reminders', {
      periodCode: '2026q1',
      unitIds: [snvId, stpId],
    });
    expect(sent.status).toBe(200);
    expect(sent.json.periodCode).toBe('2026Q1');
    expect(sent.json.results).toMatchObject([
      {
        unit: { id: snvId, name: 'Sở Nội vụ' },
        status: 'sent',
        recipients: ['giamdoc@snv.example.vn', 'canbo@snv.example.vn'],
      },
      { unit: { id: stpId }, status: 'skipped', error: 'Đơn vị đã gửi báo cáo.' },
    ]);
    // Mailed and told in the app (Sở Nội vụ has two accounts); Sở Tư pháp left alone.
    expect(sent.json.summary).toMatchObject({ units: 1, reached: 1, inApp: 1, mailed: 1, skipped: 1 });
    expect(smtp.received).toHaveLength(before + 1);
    expect(smtp.received.at(-1)?.subject).toBe('Quá hạn gửi báo cáo quý I/2026 — hạn 20/03/2026');
    const audit = await database.pool.query(
      "select actor_name from audit_events where action = 'reminder.sent' order by seq desc limit 1",
    );
    expect(audit.rows[0].actor_name).not.toBe('system');
  });

  it('is refused to a reporter, outside the coordinator’s scope, and for units that do not exist', async () => {
    const body = { periodCode: '2026Q1', unitIds: [snvId] };
    expect((await reporter.request('POST', '/api/reports/reminders', body)).status).toBe(403);
    const elsewhere = await signIn(
      app,
      (await buildUser(database, [{ role: 'coordinator', unitCode: '33.STP' }])).username,
    );
    expect((await elsewhere.request('POST', '/api/reports/reminders', body)).status).toBe(403);
    const unknown = await coordinator.request('POST', '/api/reports/reminders', {
      periodCode: '2026Q1',
      unitIds: [999_999],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details.fields[0].path).toBe('unitIds');
    expect(
      (await coordinator.request('POST', '/api/reports/reminders', { periodCode: '2026Q1', unitIds: [] }))
        .status,
    ).toBe(400);
  });
});
