import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackEvents, feedbackItems, notifications } from '../db/schema/index.ts';
import { readTable } from '../files/tabular.ts';
import { redactUrl } from '../http/log-redaction.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { petition, sendPetition, takeStep } from './feedback-fixtures.ts';
import { remindFeedbackDue } from './feedback-reminders.ts';

/**
 * The clocks (working days with the reports' holidays calendar, the rule in force on the day received,
 * the province's own numbers), the inbox's filters, the unit's figures and the settings' access.
 */
let t: TestApp;
let now = '2026-12-03T09:00:00+07:00';
let coordinator: Session;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  coordinator = await signInAs(t, 'coordinator', '33');
});
/** A session signed in on the app's day (a session idles out when the day moves on). */
const provinceCoordinator = () => signInAs(t, 'coordinator', '33');
afterAll(() => t.close());

const send = (overrides: Record<string, unknown> = {}) => sendPetition(t, overrides);

const act = takeStep;

describe('deadlines', () => {
  it('counts working days across Tết 2027 with the holidays calendar', async () => {
    try {
      // Monday 1 February 2027: Tết runs from Friday 5 to Thursday 11 February.
      now = '2027-02-01T09:00:00+07:00';
      const coordinator = await provinceCoordinator();
      expect((await send()).dueOn).toBe('2027-03-01');
      // A day the province declares off moves it one more working day.
      const form = (await coordinator.request('GET', '/api/settings/holidays?year=2027')).json;
      const saved = await coordinator.request('PUT', '/api/settings/holidays?year=2027', {
        daysOff: ['2027-02-12'],
        workingDays: [],
        notHolidays: [],
        version: form.version,
      });
      expect(saved.status).toBe(200);
      expect((await send()).dueOn).toBe('2027-03-02');
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
  });

  it('moves as the item moves: forwarded, the competent unit’s own clock; a question pauses it; reopened, a fresh one', async () => {
    const at = async (day: string) => {
      now = `${day}T09:00:00+07:00`;
    };
    const citizen = (code: string, what: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/public/feedback/${code}/${what}`, payload });
    const dueOf = async (id: number) =>
      (await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.id, id)))[0]?.dueOn;
    try {
      // Thursday 3 December 2026 + 15 working days.
      const item = await send({
        communeCode: '11953',
        text: 'Đường ống nước vỡ ở phố Điện Biên, cần báo ngành nước.',
      });
      expect(item.dueOn).toBe('2026-12-24');
      // Monday 7 December: Phố Hiến forwards it to Xã Tân Hưng, whose 15 working days start that day.
      await at('2026-12-07');
      const phoHien = await signInAs(t, 'unit_reporter', '11953');
      await act(phoHien, item.id, {
        type: 'forward',
        toUnitId: await unitIdByCode(t.database, '11977'),
        reason: 'Đường ống thuộc địa bàn xã Tân Hưng.',
      });
      expect(await dueOf(item.id)).toBe('2026-12-28');
      // Tuesday 8 December a question; Friday 11 December the reply: 3 working days waited, added.
      await at('2026-12-08');
      const tanHung = await signInAs(t, 'unit_reporter', '11977');
      await act(tanHung, item.id, { type: 'accept' });
      await act(tanHung, item.id, { type: 'ask_info', question: 'Vỡ ở số nhà nào?' });
      await at('2026-12-11');
      const replied = await citizen(item.code, 'reply', { token: item.token, text: 'Trước số nhà 40.' });
      expect(replied.statusCode).toBe(200);
      expect(await dueOf(item.id)).toBe('2026-12-31');
      // Answered on 14 December, reopened on 15 December: 15 working days from then, past New Year's Day.
      await at('2026-12-14');
      await act(await signInAs(t, 'unit_reporter', '11977'), item.id, {
        type: 'answer',
        outcome: 'resolved',
        answer: 'Đã báo công ty nước sạch thay đoạn ống.',
      });
      await at('2026-12-15');
      const reopened = await citizen(item.code, 'reopen', { token: item.token, reason: 'Ống lại rò.' });
      expect(reopened.statusCode).toBe(200);
      expect(await dueOf(item.id)).toBe('2027-01-06');
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
  });

  it('tells the handling unit once when an answer is nearly due, and not once it is answered', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '12073');
    const me = (await reporter.request('GET', '/api/auth/me')).json.user.id as number;
    const item = await send({ communeCode: '12073', text: 'Biển báo giao thông ở ngã ba bị đổ từ hôm qua.' });
    expect(item.dueOn).toBe('2026-12-24');
    const told = async () =>
      (await t.database.db.select().from(notifications).where(eq(notifications.userId, me)))
        .map((row) => row.title)
        .filter((title) => title.includes('sắp đến hạn'));
    // 17 December: 24 December is 5 working days away, not yet "nearly due".
    await remindFeedbackDue(t.database.db, new Date('2026-12-17T09:00:00+07:00'));
    expect(await told()).toEqual([]);
    // 21 December: within 3 working days; the hourly runs after tell nobody again.
    await remindFeedbackDue(t.database.db, new Date('2026-12-21T09:00:00+07:00'));
    await remindFeedbackDue(t.database.db, new Date('2026-12-21T10:00:00+07:00'));
    expect(await told()).toEqual([`Phản ánh ${item.code} sắp đến hạn trả lời`]);
    const history = (await reporter.request('GET', `/api/feedback/${item.id}`)).json.events;
    expect(
      history
        .filter((event: { action: string }) => event.action === 'due_reminder')
        .map((event: { visibility: string; note: string }) => [event.visibility, event.note]),
    ).toEqual([['internal', '2026-12-24']]);
    // Answered, it is no longer waited for: no reminder.
    await act(reporter, item.id, { type: 'accept' });
    await act(reporter, item.id, { type: 'answer', outcome: 'resolved', answer: 'Đã dựng lại biển báo.' });
    await remindFeedbackDue(t.database.db, new Date('2026-12-23T09:00:00+07:00'));
    expect(await told()).toHaveLength(1);
  });

  it('keeps the rule in force on the day received: a complaint’s acceptance before and from 1 July 2026', async () => {
    const entry = (receivedOn: string) =>
      coordinator.request('POST', '/api/feedback', {
        ...petition({ kind: 'complaint' }),
        channel: 'paper',
        signed: true,
        receivedOn,
      });
    const before = await entry('30/06/2026');
    expect([before.status, before.json.dueOn]).toEqual([201, '2026-07-14']);
    const after = await entry('01/07/2026');
    expect([after.status, after.json.dueOn]).toEqual([201, '2026-07-10']);
    const [row] = await t.database.db
      .select()
      .from(feedbackItems)
      .where(eq(feedbackItems.code, after.json.code));
    expect(row?.dueBasis).toBe('Nghị định 155/2026/NĐ-CP, Điều 10 (sửa Điều 16 Nghị định 124/2020/NĐ-CP)');
    const future = await entry('04/12/2026');
    expect(future.status).toBe(400);
    // Accepted (thụ lý) today, it runs on its resolution clock: 30 days from acceptance (Điều 28), the
    // last day, Saturday 2 January 2027, moved to the next working day.
    const accepted = await act(coordinator, before.json.id, { type: 'accept' });
    expect(accepted).toMatchObject({ status: 'accepted' });
    const [resolving] = await t.database.db
      .select({ dueOn: feedbackItems.dueOn, dueBasis: feedbackItems.dueBasis })
      .from(feedbackItems)
      .where(eq(feedbackItems.code, before.json.code));
    expect(resolving).toEqual({ dueOn: '2027-01-04', dueBasis: 'Luật Khiếu nại 2011, Điều 28' });
  });

  it('extends a complex complaint once and a denunciation twice, each new deadline in the history and told', async () => {
    const entry = async (kind: string, receivedOn: string) => {
      const sent = await coordinator.request('POST', '/api/feedback', {
        ...petition({ kind, contactEmail: 'nguoigui@example.vn' }),
        contactAddress: 'Số 5 phố Chùa Chuông, phường Phố Hiến',
        channel: 'paper',
        signed: true,
        receivedOn,
      });
      if (sent.status !== 201) throw new Error(`entry: ${sent.status} ${JSON.stringify(sent.json)}`);
      return sent.json.id as number;
    };
    const extend = async (id: number, reason: string) => {
      const { version } = (await coordinator.request('GET', `/api/feedback/${id}`)).json;
      return coordinator.request('POST', `/api/feedback/${id}/actions`, { type: 'extend', version, reason });
    };
    const complaint = await entry('complaint', '01/12/2026');
    // Not before acceptance; never without a reason.
    expect((await extend(complaint, 'Cần xác minh tại thực địa.')).json.error.details).toMatchObject({
      refusal: 'not_now',
    });
    await act(coordinator, complaint, { type: 'accept' });
    const noReason = await extend(complaint, '  ');
    expect(noReason.status).toBe(400);
    const extended = await extend(complaint, 'Cần xác minh tại thực địa và lấy ý kiến Sở Tài nguyên.');
    expect(extended.status).toBe(200);
    const detail = (await coordinator.request('GET', `/api/feedback/${complaint}`)).json;
    // Accepted on 3 December 2026: 45 days later is Sunday 17 January 2027, so Monday 18 January.
    expect(detail.dueOn).toBe('2027-01-18');
    const step = detail.events.find((event: { action: string }) => event.action === 'extend');
    expect(step).toMatchObject({
      visibility: 'public',
      dueOn: '2027-01-18',
      note: 'Cần xác minh tại thực địa và lấy ý kiến Sở Tài nguyên.',
    });
    const [mail] = await t.database.db
      .select({ mailState: feedbackEvents.mailState })
      .from(feedbackEvents)
      .where(and(eq(feedbackEvents.feedbackId, complaint), eq(feedbackEvents.action, 'extend')));
    expect(mail?.mailState).toBe('pending');
    const again = await extend(complaint, 'Thêm lần nữa.');
    expect([again.status, again.json.error?.details?.refusal]).toEqual([400, 'extended_enough']);
    // Decided, the decision goes to the complainant within 3 working days (Điều 32): Thursday 3
    // December 2026 → Tuesday 8.
    await act(coordinator, complaint, {
      type: 'answer',
      outcome: 'resolved',
      answer: 'Quyết định giải quyết khiếu nại số 15/QĐ-UBND.',
    });
    const decided = (await coordinator.request('GET', `/api/feedback/${complaint}`)).json;
    expect(decided.clocks.find((clock: { step: string }) => clock.step === 'publish')).toEqual({
      step: 'publish',
      dueOn: '2026-12-08',
      basis: 'Luật Khiếu nại 2011, Điều 32',
      source: 'law',
    });

    const denunciation = await entry('denunciation', '02/12/2026');
    await act(coordinator, denunciation, { type: 'accept' });
    expect((await extend(denunciation, 'Nhiều nơi phải xác minh.')).status).toBe(200);
    expect((await extend(denunciation, 'Vụ việc đặc biệt phức tạp.')).status).toBe(200);
    const twice = (await coordinator.request('GET', `/api/feedback/${denunciation}`)).json;
    // 90 days after acceptance on 3 December 2026: Wednesday 3 March 2027, the law's maximum.
    expect(
      twice.events
        .filter((event: { action: string }) => event.action === 'extend')
        .map((event: { dueOn: string }) => event.dueOn),
    ).toEqual(['2027-02-01', '2027-03-03']);
    expect((await extend(denunciation, 'Lần ba.')).json.error.details).toMatchObject({
      refusal: 'extended_enough',
    });
    // A petition has no extension.
    const plain = await send();
    await act(coordinator, plain.id, { type: 'accept' });
    expect((await extend(plain.id, 'Phức tạp.')).json.error.details).toMatchObject({
      refusal: 'no_extension',
    });
  });

  it('the province sets the numbers the law leaves to it, not the law’s own', async () => {
    const form = (await coordinator.request('GET', '/api/feedback/clock-settings')).json;
    const general = form.rules.find((rule: { key: string }) => rule.key === 'pakn_general.answer');
    expect(general).toMatchObject({
      defaultDays: 15,
      days: null,
      unit: 'workdays',
      source: 'province_default',
    });
    const law = await coordinator.request('PUT', '/api/feedback/clock-settings', {
      days: { 'complaint.resolve': 20 },
      version: form.version,
    });
    expect(law.status).toBe(400);
    expect(law.json.error.message).toBe('Thời hạn này do luật quy định, tỉnh không đặt được.');
    const saved = await coordinator.request('PUT', '/api/feedback/clock-settings', {
      days: { 'pakn_general.answer': 10 },
      version: form.version,
    });
    expect(saved.status).toBe(200);
    // Thursday 3 December 2026 + 10 working days.
    expect((await send()).dueOn).toBe('2026-12-17');
    const stale = await coordinator.request('PUT', '/api/feedback/clock-settings', {
      days: {},
      version: form.version,
    });
    expect(stale.status).toBe(409);
    const reset = await coordinator.request('PUT', '/api/feedback/clock-settings', {
      days: {},
      version: saved.json.version,
    });
    expect(reset.status).toBe(200);
  });

  it('the settings are the province’s: a commune’s coordinator neither reads nor changes them', async () => {
    const communeCoordinator = await signInAs(t, 'coordinator', '11953');
    for (const url of ['/api/feedback/routing', '/api/feedback/clock-settings']) {
      const read = await communeCoordinator.request('GET', url);
      expect([read.status, read.json.error.code]).toEqual([403, 'INSTALLATION_WIDE_ONLY']);
    }
    const reporter = await signInAs(t, 'unit_reporter', '33');
    expect((await reporter.request('GET', '/api/feedback/routing')).status).toBe(403);
  });
});

describe('the inbox and the figures', () => {
  it('lists new, due soon and overdue items of the unit’s subtree; searches without diacritics', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '11983');
    const old = await (async () => {
      try {
        now = '2026-11-02T09:00:00+07:00';
        return await send({ communeCode: '11983', text: 'Rác thải đổ trộm ở bãi sông Sơn Nam nhiều tuần.' });
      } finally {
        now = '2026-12-03T09:00:00+07:00';
      }
    })();
    // 2 November + 15 working days = 23 November: overdue on 3 December.
    expect(old.dueOn).toBe('2026-11-23');
    const fresh = await send({ communeCode: '11983', text: 'Ổ gà lớn trên đường Lê Lợi gần chợ.' });
    const accepted = await send({ communeCode: '11983', text: 'Cống thoát nước tắc ở ngõ 5.' });
    await act(reporter, accepted.id, { type: 'accept' });
    const codes = async (query: string) =>
      (await reporter.request('GET', `/api/feedback?${query}`)).json.items.map(
        (item: { code: string }) => item.code,
      );
    expect(await codes('filter=new&sort=receivedOn')).toEqual([old.code, fresh.code]);
    expect(await codes('filter=overdue')).toEqual([old.code]);
    expect(await codes('filter=due_soon')).toEqual([]);
    expect(await codes('q=duong le loi')).toEqual([fresh.code]);
    try {
      // 21 December: the deadline of 24 December is within three working days.
      now = '2026-12-21T09:00:00+07:00';
      const later = await signInAs(t, 'unit_reporter', '11983');
      const soon = (await later.request('GET', '/api/feedback?filter=due_soon&sort=code')).json;
      expect(soon.items.map((item: { code: string }) => item.code)).toEqual(
        [fresh.code, accepted.code].sort(),
      );
      expect(soon.total).toBe(2);
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
    const page = (await reporter.request('GET', '/api/feedback?perPage=1&page=2&sort=-receivedOn')).json;
    expect([page.items.length, page.total]).toEqual([1, 3]);
  });

  it('downloads the inbox as .xlsx: every item the filter selects, in words, without contact details', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '12619');
    const first = await send({ communeCode: '12619', text: 'Đèn chiếu sáng ngõ 3 hỏng từ tuần trước.' });
    const second = await send({ communeCode: '12619', text: 'Rãnh thoát nước ven đường 39 bị lấp.' });
    await act(reporter, second.id, { type: 'accept' });
    const answer = await t.app.inject({
      url: '/api/feedback/export.xlsx?filter=open&sort=code',
      headers: { cookie: reporter.cookie },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Phản ánh, kiến nghị (đang mở) ngày 03-12-2026.xlsx')}`,
    );
    const table = await readTable(answer.rawPayload, 'xlsx');
    expect(table.headers).toEqual([
      'Mã theo dõi',
      'Ngày nhận',
      'Loại',
      'Lĩnh vực',
      'Xã, phường',
      'Đơn vị xử lý',
      'Kênh tiếp nhận',
      'Trạng thái',
      'Kết quả',
      'Hạn xử lý',
      'Quá hạn',
      'Nội dung (trích)',
    ]);
    const byCode = new Map(table.rows.map((row) => [row[0], row]));
    expect([...byCode.keys()].sort()).toEqual([first.code, second.code].sort());
    expect(byCode.get(second.code)?.slice(1, 11)).toEqual([
      '03/12/2026',
      'Phản ánh, kiến nghị chung',
      expect.any(String),
      expect.any(String),
      expect.any(String),
      'Cổng trực tuyến',
      'Đã nhận xử lý',
      '',
      '24/12/2026',
      '',
    ]);
    // The citizen's phone number is nowhere in it.
    expect(JSON.stringify(table)).not.toContain(String(petition().contactPhone));
    // Another commune's reporter gets only its own (none here).
    const other = await signInAs(t, 'unit_reporter', '11953');
    const theirs = await t.app.inject({
      url: '/api/feedback/export.xlsx?filter=open',
      headers: { cookie: other.cookie },
    });
    const theirCodes = (await readTable(theirs.rawPayload, 'xlsx')).rows.map((row) => row[0]);
    expect(theirCodes).not.toContain(first.code);
  });

  it('counts closed apart from resolved: spam, duplicates and other bodies’ items are outside the figures', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '11980');
    const items = [];
    for (const n of [1, 2, 3, 4, 5, 6])
      items.push(await send({ communeCode: '11980', text: `Phản ánh số ${n} về vỉa hè phường Hồng Châu.` }));
    const [resolved, notResolved, closedNotResolved, spam, open] = items as [
      (typeof items)[number],
      (typeof items)[number],
      (typeof items)[number],
      (typeof items)[number],
      (typeof items)[number],
    ];
    for (const item of [resolved, notResolved, closedNotResolved])
      await act(reporter, item.id, { type: 'accept' });
    await act(reporter, resolved.id, { type: 'answer', outcome: 'resolved', answer: 'Đã sửa.' });
    await act(reporter, resolved.id, { type: 'close' });
    await act(reporter, notResolved.id, {
      type: 'answer',
      outcome: 'not_resolved',
      answer: 'Chưa sửa được.',
      reason: 'Chờ vốn',
    });
    await act(reporter, closedNotResolved.id, {
      type: 'answer',
      outcome: 'not_resolved',
      answer: 'Chưa sửa được.',
      reason: 'Chờ vốn',
    });
    await act(reporter, closedNotResolved.id, { type: 'close' });
    await act(reporter, spam.id, { type: 'spam', reason: 'Quảng cáo' });
    expect(open.id).toBeGreaterThan(0);
    const unitId = await unitIdByCode(t.database, '11980');
    const figures = await reporter.request(
      'GET',
      `/api/feedback/kpis?unitId=${unitId}&from=2026-12-01&to=2026-12-31`,
    );
    const counted = {
      items: 6,
      closed: 3,
      onTime: { numerator: 5, denominator: 5 },
      resolved: { numerator: 1, denominator: 3 },
      satisfied: { numerator: 0, denominator: 0 },
      medianDaysToAnswer: 0,
      overdue: 0,
      // The demo province's target (TT 01/2018, Chỉ số 8): 5/5 on time meets "from 90%".
      onTimeTarget: { operator: '>=', threshold: 90, riskMargin: 5 },
      onTimeStatus: 'met',
    };
    expect(figures.json).toEqual({
      unitId,
      from: '2026-12-01',
      to: '2026-12-31',
      ...counted,
      // The commune answers them itself: one line, its own.
      units: [{ unit: { id: unitId, name: expect.any(String), type: 'commune' }, own: true, ...counted }],
    });
    // Without dates: the current year on the server's clock.
    const year = await reporter.request('GET', `/api/feedback/kpis?unitId=${unitId}`);
    expect(year.json).toMatchObject({ from: '2026-01-01', to: '2026-12-31', items: 6 });
    const other = await signInAs(t, 'unit_reporter', '11953');
    expect(
      (await other.request('GET', `/api/feedback/kpis?unitId=${unitId}&from=2026-12-01&to=2026-12-31`))
        .status,
    ).toBe(404);
  });
});

describe('the request log', () => {
  it('never keeps the private token of the feedback routes and the private page', () => {
    expect(redactUrl('/api/public/feedback/PAKN-20261203-K7Q4M?token=abc')).toBe(
      '/api/public/feedback/PAKN-20261203-K7Q4M?[redacted]',
    );
    expect(redactUrl('/phan-anh/PAKN-20261203-K7Q4M?token=abc')).toBe(
      '/phan-anh/PAKN-20261203-K7Q4M?[redacted]',
    );
    expect(redactUrl('/api/units?page=2')).toBe('/api/units?page=2');
    // The inbox's search may be a citizen's own words.
    expect(redactUrl('/api/feedback?q=nguyen%20van%20an&filter=all')).toBe('/api/feedback?[redacted]');
    expect(redactUrl('/api/feedback/export.xlsx?q=so%20nha%2012')).toBe(
      '/api/feedback/export.xlsx?[redacted]',
    );
  });
});
