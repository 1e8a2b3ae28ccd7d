import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { buildUser, createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { petition, sendPetition, tryStep } from './feedback-fixtures.ts';

/**
 * The staff's side: every status and outcome, forwarding with its history, the record-level checks,
 * stale versions, the inbox's filters and the unit's figures (closed is never resolved).
 */
let t: TestApp;
let now = '2026-12-03T09:00:00+07:00';
let reporterA: Session;
let reporterB: Session;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  reporterA = await signInAs(t, 'unit_reporter', '11953');
  reporterB = await signInAs(t, 'unit_reporter', '11977');
});
afterAll(() => t.close());

/** A petition sent on the web about `communeCode`: its id, code and private token. */
const send = (overrides: Record<string, unknown> = {}) => sendPetition(t, overrides);

/** A step at the version the staff member reads now. */
const act = tryStep;

const detail = async (session: Session, id: number) =>
  (await session.request('GET', `/api/feedback/${id}`)).json;

describe('statuses and outcomes', () => {
  it('received → accepted → in progress → answered (resolved) → closed, each step in the history', async () => {
    const item = await send();
    expect((await act(reporterA, item.id, { type: 'accept' })).json.status).toBe('accepted');
    expect((await act(reporterA, item.id, { type: 'start' })).json.status).toBe('in_progress');
    const answered = await act(reporterA, item.id, {
      type: 'answer',
      outcome: 'resolved',
      answer: 'Đã thay bóng đèn ngày 03/12/2026.',
    });
    expect(answered.json).toMatchObject({ status: 'answered', outcome: 'resolved' });
    const closed = await act(reporterA, item.id, { type: 'close' });
    expect(closed.json).toMatchObject({ status: 'closed', outcome: 'resolved' });
    const read = await detail(reporterA, item.id);
    expect([read.acceptedOn, read.answeredOn, read.closedOn]).toEqual([
      '2026-12-03',
      '2026-12-03',
      '2026-12-03',
    ]);
    // Beside the answer's clock: forward within 5 working days, tell the citizen within 10.
    expect(read.clocks).toEqual([
      {
        step: 'forward',
        dueOn: '2026-12-10',
        basis: 'Nghị định 20/2008/NĐ-CP, Điều 9 khoản 1 điểm d',
        source: 'law',
      },
      {
        step: 'acknowledge',
        dueOn: '2026-12-17',
        basis: 'Luật Tiếp công dân 2013, Điều 28 khoản 1',
        source: 'law',
      },
    ]);
    expect(read.events.map((e: { action: string; toStatus: string }) => `${e.action}:${e.toStatus}`)).toEqual(
      ['received:received', 'accept:accepted', 'start:in_progress', 'answer:answered', 'close:closed'],
    );
    // The audit trail names the item by its tracking code, each step in order.
    const admin = await signInAs(t, 'admin', null);
    const audit = (
      await admin.request('GET', `/api/audit?entityType=feedback&entityId=${item.id}&perPage=20`)
    ).json;
    const steps = audit.items.map((e: { action: string; names: { entity: string } }) => [
      e.action,
      e.names.entity,
    ]);
    expect(steps.reverse()).toEqual(
      ['receive', 'accept', 'start', 'answer', 'close'].map((action) => [`feedback.${action}`, item.code]),
    );
  });

  it('a write at a stale version is 409 and changes nothing', async () => {
    const item = await send();
    const stale = await reporterA.request('POST', `/api/feedback/${item.id}/actions`, {
      type: 'accept',
      version: 7,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
    expect((await detail(reporterA, item.id)).status).toBe('received');
  });

  it('not resolved needs its reason; closing without an answer once work started is refused', async () => {
    const item = await send();
    await act(reporterA, item.id, { type: 'accept' });
    await act(reporterA, item.id, { type: 'start' });
    const bare = await act(reporterA, item.id, {
      type: 'answer',
      outcome: 'not_resolved',
      answer: 'Chưa có kinh phí.',
    });
    expect(bare.status).toBe(400);
    expect(bare.json.error.message).toBe('Hãy nêu lý do.');
    const spam = await act(reporterA, item.id, { type: 'spam', reason: 'Quảng cáo' });
    expect(spam.status).toBe(409);
    const answered = await act(reporterA, item.id, {
      type: 'answer',
      outcome: 'not_resolved',
      answer: 'Chưa có kinh phí.',
      reason: 'Ngân sách năm 2027 mới bố trí.',
    });
    expect(answered.json).toMatchObject({ status: 'answered', outcome: 'not_resolved' });
  });

  it('not in our competence, duplicate of another, spam with its reason: closed, never deleted', async () => {
    const original = await send();
    const [outside, repeat, junk] = [await send(), await send(), await send()];
    const notOurs = await act(reporterA, outside.id, {
      type: 'not_competent',
      forwardedTo: 'Công an tỉnh',
      reason: 'Vụ việc hình sự',
    });
    expect(notOurs.json).toMatchObject({ status: 'closed', outcome: 'not_competent' });
    const self = await act(reporterA, repeat.id, { type: 'duplicate', duplicateOfCode: repeat.code });
    expect(self.status).toBe(400);
    const dup = await act(reporterA, repeat.id, {
      type: 'duplicate',
      duplicateOfCode: original.code.toLowerCase(),
    });
    expect(dup.json).toMatchObject({ status: 'closed', outcome: 'duplicate' });
    expect((await detail(reporterA, repeat.id)).duplicateOfCode).toBe(original.code);
    const spam = await act(reporterA, junk.id, { type: 'spam', reason: 'Quảng cáo bán hàng' });
    expect(spam.json).toMatchObject({ status: 'closed', outcome: 'spam' });
    const kept = await detail(reporterA, junk.id);
    expect([kept.outcomeReason, kept.text.length > 0]).toEqual(['Quảng cáo bán hàng', true]);
    // The public sees the outcome, not why it was taken for spam.
    const page = (await t.app.inject({ url: `/api/public/feedback/${junk.code}` })).json();
    expect([page.outcome, page.outcomeReason]).toEqual(['spam', null]);
    expect(page.steps.map((s: { action: string }) => s.action)).toEqual(['received']);
  });

  it('asks the citizen, who answers through the private link: back to accepted', async () => {
    const item = await send();
    const asked = await act(reporterA, item.id, { type: 'ask_info', question: 'Đèn ở số nhà nào?' });
    expect(asked.json.status).toBe('needs_info');
    const open = (await t.app.inject({ url: `/api/public/feedback/${item.code}` })).json();
    expect(open.steps.map((s: { action: string }) => s.action)).toEqual(['received']);
    const mine = (
      await t.app.inject({ url: `/api/public/feedback/${item.code}?token=${item.token}` })
    ).json();
    expect(mine.steps.map((s: { action: string; note: string | null }) => [s.action, s.note])).toEqual([
      ['received', null],
      ['ask_info', 'Đèn ở số nhà nào?'],
    ]);
    expect(mine.private.canReply).toBe(true);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${item.code}/reply`,
      payload: { token: item.token, text: 'Trước số nhà 12.' },
    });
    expect(reply.json().status).toBe('accepted');
  });
});

describe('forwarding', () => {
  it('moves the item to the competent unit with its reason, tells that unit, keeps every hop', async () => {
    const department = await unitIdByCode(t.database, '33.SNV');
    const departmentStaff = await buildUser(t.database, [{ role: 'unit_head', unitCode: '33.SNV' }]);
    const departmentSession = await signInAs(t, 'unit_reporter', '33.SNV');
    const item = await send();
    const noReason = await act(reporterA, item.id, { type: 'forward', toUnitId: department });
    expect(noReason.status).toBe(400);
    const forwarded = await act(reporterA, item.id, {
      type: 'forward',
      toUnitId: department,
      reason: 'Thuộc thẩm quyền của Sở',
    });
    expect(forwarded.json.status).toBe('received');
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, departmentStaff.id));
    expect(told.map((n) => n.title)).toEqual([`Phản ánh ${item.code} được chuyển đến đơn vị`]);
    // The commune still reads what concerns it, but acts on it no more (and its screen offers no action).
    expect((await detail(reporterA, item.id)).canHandle).toBe(false);
    expect((await detail(departmentSession, item.id)).canHandle).toBe(true);
    expect((await act(reporterA, item.id, { type: 'accept' })).status).toBe(403);
    expect((await act(departmentSession, item.id, { type: 'accept' })).json.status).toBe('accepted');
    const hops = (await detail(departmentSession, item.id)).events.map(
      (e: {
        action: string;
        fromUnitName: string | null;
        toUnitName: string | null;
        note: string | null;
      }) => [e.action, e.fromUnitName, e.toUnitName, e.note],
    );
    expect(hops).toEqual([
      ['received', null, 'Phường Phố Hiến', null],
      ['forward', 'Phường Phố Hiến', 'Sở Nội vụ', 'Thuộc thẩm quyền của Sở'],
      ['accept', 'Sở Nội vụ', null, null],
    ]);
    const page = (await t.app.inject({ url: `/api/public/feedback/${item.code}` })).json();
    expect(page.handlingUnitName).toBe('Sở Nội vụ');
    expect(
      page.steps.map((s: { action: string; unitName: string | null }) => [s.action, s.unitName]),
    ).toEqual([
      ['received', 'Phường Phố Hiến'],
      ['forward', 'Sở Nội vụ'],
      ['accept', null],
    ]);
  });
});

describe('who reads what', () => {
  it('another commune reads neither the item nor its notes; the public page shows no contact or notes', async () => {
    const item = await send({ contactEmail: 'an@example.vn' });
    const note = await reporterA.request('POST', `/api/feedback/${item.id}/notes`, {
      note: 'Gọi lại cho ông An',
    });
    expect(note.status).toBe(201);
    expect((await reporterB.request('GET', `/api/feedback/${item.id}`)).status).toBe(404);
    expect((await reporterB.request('POST', `/api/feedback/${item.id}/notes`, { note: 'x' })).status).toBe(
      404,
    );
    const inboxB = (await reporterB.request('GET', '/api/feedback?perPage=100')).json;
    expect(inboxB.items.map((i: { code: string }) => i.code)).not.toContain(item.code);
    const own = await detail(reporterA, item.id);
    expect([own.contactEmail, own.events.at(-1).note, own.tokenHash]).toEqual([
      'an@example.vn',
      'Gọi lại cho ông An',
      undefined,
    ]);
    const body = (await t.app.inject({ url: `/api/public/feedback/${item.code}?token=${item.token}` })).body;
    for (const secret of ['an@example.vn', '0912345678', 'Gọi lại cho ông An', 'Nguyễn Văn An'])
      expect(body).not.toContain(secret);
  });

  it('a citizen without the token, or with another item’s, reads no private details and acts on nothing', async () => {
    const mine = await send();
    const theirs = await send();
    const wrong = await t.app.inject({ url: `/api/public/feedback/${mine.code}?token=${theirs.token}` });
    expect(wrong.statusCode).toBe(403);
    const bare = (await t.app.inject({ url: `/api/public/feedback/${mine.code}` })).json();
    expect(bare.private).toBe(null);
    const rate = await t.app.inject({
      method: 'POST',
      url: `/api/public/feedback/${mine.code}/rating`,
      payload: { token: theirs.token, rating: 'satisfied' },
    });
    expect(rate.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/public/feedback/PAKN-20261203-00000' })).statusCode).toBe(404);
  });
});

describe('files staff add', () => {
  it('a scanned paper petition: one PDF per item, downloaded as a file; another commune reads none', async () => {
    const entered = await reporterA.request('POST', '/api/feedback', { ...petition(), channel: 'paper' });
    expect(entered.status).toBe(201);
    const scan = Buffer.from('%PDF-1.4\nđơn giấy\n%%EOF');
    const added = await reporterA.upload(`/api/feedback/${entered.json.id}/files`, 'don-giay.pdf', scan);
    expect([added.status, added.json.fileName, added.json.size]).toEqual([201, 'don-giay.pdf', scan.length]);
    const second = await reporterA.upload(`/api/feedback/${entered.json.id}/files`, 'anh.pdf', scan);
    expect([second.status, second.json.error.message]).toEqual([
      400,
      'Mỗi phản ánh có tối đa 3 ảnh hoặc 1 tệp PDF.',
    ]);
    const file = await reporterA.request('GET', `/api/feedback/${entered.json.id}/files/${added.json.id}`);
    expect([file.status, file.headers['content-type'], file.body]).toEqual([
      200,
      'application/pdf',
      scan.toString(),
    ]);
    expect(String(file.headers['content-disposition'])).toContain('attachment');
    expect(
      (await reporterB.request('GET', `/api/feedback/${entered.json.id}/files/${added.json.id}`)).status,
    ).toBe(404);
    const internal = (await detail(reporterA, entered.json.id)).events.at(-1);
    expect([internal.action, internal.visibility, internal.note]).toEqual([
      'file',
      'internal',
      'don-giay.pdf',
    ]);
  });
});

describe('the public list', () => {
  it('lists a commune’s petitions by status without names, contacts or spam', async () => {
    const kept = await send({ communeCode: '11977', contactEmail: 'binh@example.vn' });
    const junk = await send({ communeCode: '11977' });
    await act(reporterB, junk.id, { type: 'spam', reason: 'Quảng cáo' });
    await act(reporterB, kept.id, { type: 'accept' });
    const list = await t.app.inject({ url: '/api/public/feedback?communeCode=11977' });
    expect(
      list.json().items.map((item: { code: string; status: string }) => [item.code, item.status]),
    ).toEqual([[kept.code, 'accepted']]);
    expect(list.json().total).toBe(1);
    for (const secret of ['binh@example.vn', '0912345678', 'Nguyễn Văn An'])
      expect(list.body).not.toContain(secret);
    const received = await t.app.inject({ url: '/api/public/feedback?communeCode=11977&status=received' });
    expect(received.json().total).toBe(0);
  });
});

describe('the citizen rates and reopens', () => {
  it('rates the answer; reopens once within 30 days, not twice; another answer cannot be reopened after', async () => {
    const first = await send();
    const late = await send();
    for (const item of [first, late]) {
      await act(reporterA, item.id, { type: 'accept' });
      await act(reporterA, item.id, { type: 'answer', outcome: 'resolved', answer: 'Đã sửa.' });
    }
    const citizen = (code: string, path: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/public/feedback/${code}/${path}`, payload });
    const rated = await citizen(first.code, 'rating', { token: first.token, rating: 'not_satisfied' });
    expect(rated.json()).toMatchObject({ status: 'answered', rating: 'not_satisfied' });
    try {
      // 2 January 2027: the 30th day after the answer of 3 December.
      now = '2027-01-02T09:00:00+07:00';
      const reopened = await citizen(first.code, 'reopen', { token: first.token, reason: 'Đèn lại hỏng' });
      expect(reopened.json()).toMatchObject({ status: 'in_progress', reopened: 1 });
      // Answered again (a new session: the day moved on), it cannot be reopened a second time.
      const reporter = await signInAs(t, 'unit_reporter', '11953');
      const again0 = await act(reporter, first.id, {
        type: 'answer',
        outcome: 'resolved',
        answer: 'Đã thay đèn mới.',
      });
      expect(again0.json).toMatchObject({ status: 'answered', outcome: 'resolved' });
      const again = await citizen(first.code, 'reopen', { token: first.token, reason: 'Lần nữa' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toBe('Phản ánh chỉ được mở lại một lần.');
      now = '2027-01-03T09:00:00+07:00';
      const tooLate = await citizen(late.code, 'reopen', { token: late.token, reason: 'Đèn lại hỏng' });
      expect(tooLate.statusCode).toBe(409);
      expect(tooLate.json().error.message).toBe('Chỉ mở lại được trong 30 ngày kể từ khi có trả lời.');
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
  });
});

describe('one step on several items', () => {
  it('does what it may, tells each refusal with its reason, and audits each item', async () => {
    const [first, second, stale] = [await send(), await send(), await send()];
    const theirs = await send({ communeCode: '11977' });
    const version = async (id: number) => (await detail(reporterA, id)).version as number;
    const items = [
      { id: (first as { id: number }).id, version: await version((first as { id: number }).id) },
      { id: (second as { id: number }).id, version: await version((second as { id: number }).id) },
      { id: (stale as { id: number }).id, version: 999_999 },
      // Another commune's item: not this reporter's to handle, and not even shown to exist.
      { id: theirs.id, version: 1 },
    ];
    const reply = await reporterA.request('POST', '/api/feedback/bulk-actions', {
      items,
      action: { type: 'accept' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json.done).toEqual([items[0]?.id, items[1]?.id]);
    expect(reply.json.failed).toEqual([
      {
        id: (stale as { id: number }).id,
        message: {
          vi: expect.stringContaining('Người khác vừa sửa dữ liệu này'),
          en: expect.any(String),
        },
      },
      { id: theirs.id, message: { vi: 'Không tìm thấy dữ liệu.', en: 'Not found.' } },
    ]);
    expect((await detail(reporterA, (first as { id: number }).id)).status).toBe('accepted');
    expect((await detail(reporterA, (stale as { id: number }).id)).status).toBe('received');
    expect((await detail(reporterB, theirs.id)).status).toBe('received');
    const audited = await t.database.pool.query(
      `select count(*)::int as n from audit_events where action = 'feedback.accept' and entity_id = any($1::text[])`,
      [[String(items[0]?.id), String(items[1]?.id)]],
    );
    expect(audited.rows[0].n).toBe(2);

    // Spam needs its one reason; an item chosen twice is refused before anything is done.
    const spam = await reporterA.request('POST', '/api/feedback/bulk-actions', {
      items: [{ id: (stale as { id: number }).id, version: await version((stale as { id: number }).id) }],
      action: { type: 'spam', reason: '' },
    });
    expect(spam.status).toBe(400);
    expect(spam.json.error.message).toContain('Hãy nêu lý do đánh dấu không phải phản ánh.');
    const twice = await reporterA.request('POST', '/api/feedback/bulk-actions', {
      items: [items[0], items[0]],
      action: { type: 'start' },
    });
    expect(twice.status).toBe(400);
    expect(twice.json.error.message).toContain('Một phản ánh được chọn hai lần.');
    expect((await detail(reporterA, (first as { id: number }).id)).status).toBe('accepted');
  });
});
