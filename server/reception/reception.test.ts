import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receptionEntries } from '../db/schema/index.ts';
import { readTable } from '../files/tabular.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { REGISTER_HEADERS } from './reception-export.ts';

/** Reception days and the register through the API, as a commune's staff and the province use them. */
let t: TestApp;
// Thursday 3 December 2026, 09:00 in Vietnam.
const now = '2026-12-03T09:00:00+07:00';
let staffA: Session;
let staffB: Session;
let leader: Session;
let coordinator: Session;
let unitA: number;
let unitB: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  staffA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  staffB = await signInAs(t, 'unit_reporter', COMMUNE_B);
  leader = await signInAs(t, 'leader', '33');
  coordinator = await signInAs(t, 'coordinator', '33');
  unitA = await unitIdByCode(t.database, COMMUNE_A);
  unitB = await unitIdByCode(t.database, COMMUNE_B);
}, 60_000);
afterAll(() => t.close());

const weeklyThursday = (unitId: number) => ({
  unitId,
  hostLevel: 'commune_chair',
  hostTitle: 'Chủ tịch UBND xã',
  hostName: 'Nguyễn Văn Bình',
  frequency: 'weekly',
  weekday: 4,
  startTime: '08:00',
  endTime: '11:00',
  location: 'Phòng tiếp công dân, trụ sở UBND xã',
  validFrom: '01/12/2026',
});

const entry = (overrides: Record<string, unknown> = {}) => ({
  unitId: unitA,
  sessionId: null,
  receivedOn: '03/12/2026',
  citizenName: 'Trần Thị Hoa',
  address: 'Thôn Đông, xã A',
  idNumber: '001190012345',
  content: 'Đường liên thôn bị sạt lở sau mưa lớn, xe máy không qua được.',
  kind: 'kien_nghi',
  request: 'Đề nghị xã sửa đường trước Tết.',
  ...overrides,
});

async function sessionsOf(session: Session, unitId: number) {
  const list = await session.request('GET', `/api/reception/sessions?unitId=${unitId}&perPage=100`);
  expect(list.status).toBe(200);
  return list.json.items as {
    id: number;
    on: string;
    status: string;
    version: number;
    publishedAt: string | null;
  }[];
}

describe('a commune’s reception schedule', () => {
  let ruleId: number;

  it('a weekly Thursday rule yields its planned days, once', async () => {
    const rule = await staffA.request('POST', '/api/reception/rules', weeklyThursday(unitA));
    expect(rule.status).toBe(201);
    ruleId = rule.json.id;
    const first = await staffA.request('POST', `/api/reception/rules/${ruleId}/generate`, { weeks: 4 });
    expect(first.status).toBe(200);
    expect([first.json.created, first.json.existing]).toEqual([4, 0]);
    const again = await staffA.request('POST', `/api/reception/rules/${ruleId}/generate`, { weeks: 4 });
    expect([again.json.created, again.json.existing]).toEqual([0, 4]);
    expect((await sessionsOf(staffA, unitA)).map((session) => session.on)).toEqual([
      '2026-12-03',
      '2026-12-10',
      '2026-12-17',
      '2026-12-24',
    ]);
    const rules = await staffA.request('GET', `/api/reception/rules?unitId=${unitA}`);
    expect(rules.json[0].pattern).toEqual({ vi: 'Thứ Năm hằng tuần', en: 'Every Thursday' });
  });

  it('publishing says whether it is late against 5 working days', async () => {
    const sessions = await sessionsOf(staffA, unitA);
    const [today, , inTwoWeeks] = sessions as [(typeof sessions)[0], unknown, (typeof sessions)[0]];
    const onTime = await staffA.request('POST', `/api/reception/sessions/${inTwoWeeks.id}/publish`, {
      version: inTwoWeeks.version,
    });
    expect(onTime.status).toBe(200);
    expect(onTime.json.timing).toEqual({
      publishBy: '2026-12-10',
      late: false,
      basis: 'Luật Tiếp công dân 2013, Điều 24 khoản 4',
    });
    const late = await staffA.request('POST', `/api/reception/sessions/${today.id}/publish`, {
      version: today.version,
    });
    expect([late.json.timing.publishBy, late.json.timing.late]).toEqual(['2026-11-26', true]);
    const twice = await staffA.request('POST', `/api/reception/sessions/${today.id}/publish`, {
      version: late.json.session.version,
    });
    expect(twice.status).toBe(409);
    const stale = await staffA.request('POST', `/api/reception/sessions/${sessions[3]?.id}/publish`, {
      version: 99,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
  });

  it('postponing makes a replacing day; cancelling keeps the reason; a future day cannot be recorded held', async () => {
    const sessions = await sessionsOf(staffA, unitA);
    const dec10 = sessions.find((session) => session.on === '2026-12-10');
    const postponed = await staffA.request('POST', `/api/reception/sessions/${dec10?.id}/postpone`, {
      version: dec10?.version,
      reason: 'Chủ tịch họp Tỉnh ủy',
      newOn: '11/12/2026',
    });
    expect(postponed.status).toBe(200);
    expect(postponed.json.session.status).toBe('postponed');
    const replacing = await staffA.request('GET', `/api/reception/sessions/${postponed.json.replacingId}`);
    expect([replacing.json.on, replacing.json.replaces.on, replacing.json.status]).toEqual([
      '2026-12-11',
      '2026-12-10',
      'planned',
    ]);
    const dec24 = sessions.find((session) => session.on === '2026-12-24');
    const cancelled = await staffA.request('POST', `/api/reception/sessions/${dec24?.id}/cancel`, {
      version: dec24?.version,
      reason: 'Trùng lịch tiếp đột xuất',
    });
    expect([cancelled.json.session.status, cancelled.json.session.postponedReason]).toEqual([
      'cancelled',
      'Trùng lịch tiếp đột xuất',
    ]);
    const future = await staffA.request('POST', `/api/reception/sessions/${replacing.json.id}/record`, {
      version: replacing.json.version,
      privacy: 'names',
    });
    expect(future.status).toBe(409);
  });

  it('records a session held with counts only; no names go into its register', async () => {
    const adHoc = await staffA.request('POST', '/api/reception/sessions', {
      unitId: unitA,
      kind: 'ad_hoc',
      on: '02/12/2026',
      hostLevel: 'commune_chair',
      hostTitle: 'Chủ tịch UBND xã',
      startTime: '14:00',
      endTime: '16:00',
      location: 'Nhà văn hóa thôn Đông',
      topic: 'Đền bù giải phóng mặt bằng',
    });
    expect(adHoc.status).toBe(201);
    const record = {
      version: adHoc.json.version,
      privacy: 'counts',
      visitorCount: 23,
      delegatedTo: 'Phó Chủ tịch Lê Văn Cường',
      conclusion: 'Giao địa chính rà soát hồ sơ đền bù trong 15 ngày.',
    };
    // From 01/07/2026 a deputy does not receive in the head's stead unless the province says so.
    const refused = await staffA.request('POST', `/api/reception/sessions/${adHoc.json.id}/record`, record);
    expect([refused.status, refused.json.error.details.fields[0].path]).toEqual([400, 'delegatedTo']);
    const settings = await coordinator.request('GET', '/api/reception/settings');
    expect([settings.json.delegation, settings.json.today.allowed, settings.json.version]).toEqual([
      null,
      false,
      0,
    ]);
    expect(
      (await staffA.request('PUT', '/api/reception/settings', { delegation: true, version: 0 })).status,
    ).toBe(403);
    const allowed = await coordinator.request('PUT', '/api/reception/settings', {
      delegation: true,
      version: 0,
    });
    expect([allowed.status, allowed.json.today]).toEqual([
      200,
      { allowed: true, basis: 'Quy định của tỉnh' },
    ]);
    const held = await staffA.request('POST', `/api/reception/sessions/${adHoc.json.id}/record`, {
      version: adHoc.json.version,
      privacy: 'counts',
      visitorCount: 23,
      delegatedTo: 'Phó Chủ tịch Lê Văn Cường',
      conclusion: 'Giao địa chính rà soát hồ sơ đền bù trong 15 ngày.',
    });
    expect(held.status).toBe(200);
    expect([held.json.session.status, held.json.session.visitorCount]).toEqual(['held', 23]);
    const named = await staffA.request('POST', '/api/reception/entries', entry({ sessionId: adHoc.json.id }));
    expect(named.status).toBe(409);
    const detail = await staffA.request('GET', `/api/reception/sessions/${adHoc.json.id}`);
    expect([detail.json.visitors, detail.json.entries]).toEqual([23, []]);
  });
});

describe('the register', () => {
  it('numbers lines per unit per year, each once, under concurrent writers; the notice is due in 10 working days', async () => {
    const written = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        staffA.request('POST', '/api/reception/entries', entry({ citizenName: `Người thứ ${index + 1}` })),
      ),
    );
    expect(written.map((reply) => reply.status)).toEqual(Array(6).fill(201));
    expect(written.map((reply) => reply.json.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(written[0]?.json.noticeDueOn).toBe('2026-12-17');
    // Another commune's register starts at 1; so does another year.
    const other = await staffB.request('POST', '/api/reception/entries', entry({ unitId: unitB }));
    expect(other.json.number).toBe(1);
    const lastYear = await staffA.request(
      'POST',
      '/api/reception/entries',
      entry({ receivedOn: '30/12/2025' }),
    );
    expect([lastYear.json.year, lastYear.json.number]).toEqual([2025, 1]);
    const future = await staffA.request(
      'POST',
      '/api/reception/entries',
      entry({ receivedOn: '04/12/2026' }),
    );
    expect(future.status).toBe(400);
  });

  it('finds lines without diacritics, sorted and paged', async () => {
    const found = await staffA.request(
      'GET',
      `/api/reception/entries?unitId=${unitA}&year=2026&q=nguoi thu 3&sort=number`,
    );
    expect(found.json.items.map((line: { citizenName: string }) => line.citizenName)).toEqual([
      'Người thứ 3',
    ]);
    const page = await staffA.request(
      'GET',
      `/api/reception/entries?unitId=${unitA}&year=2026&perPage=4&page=2&sort=-number`,
    );
    expect([page.json.total, page.json.items.map((line: { number: number }) => line.number)]).toEqual([
      6,
      [2, 1],
    ]);
  });

  it('a line turned into a petition shows the petition’s code, status and outcome', async () => {
    const line = await staffA.request(
      'POST',
      '/api/reception/entries',
      entry({ citizenName: 'Phạm Văn Đức' }),
    );
    const turned = await staffA.request('POST', `/api/reception/entries/${line.json.id}/petition`, {
      version: line.json.version,
      categoryCode: 'infrastructure',
    });
    expect(turned.status).toBe(201);
    expect(turned.json.feedback.code).toMatch(/^PAKN-20261203-/);
    const item = await staffA.request('GET', `/api/feedback/${turned.json.feedback.id}`);
    expect([item.json.channel, item.json.kind, item.json.citizenName, item.json.contactAddress]).toEqual([
      'in_person',
      'pakn_general',
      'Phạm Văn Đức',
      'Thôn Đông, xã A',
    ]);
    const again = await staffA.request('POST', `/api/reception/entries/${line.json.id}/petition`, {
      version: turned.json.entry.version,
      categoryCode: 'infrastructure',
    });
    expect(again.status).toBe(409);
    const accepted = await staffA.request('POST', `/api/feedback/${item.json.id}/actions`, {
      type: 'accept',
      version: item.json.version,
    });
    expect(accepted.status).toBe(200);
    const answered = await staffA.request('POST', `/api/feedback/${item.json.id}/actions`, {
      type: 'answer',
      version: item.json.version + 1,
      outcome: 'resolved',
      answer: 'Xã đã sửa đoạn đường sạt lở.',
    });
    expect(answered.status).toBe(200);
    const shown = await staffA.request('GET', `/api/reception/entries/${line.json.id}`);
    expect(shown.json.feedback).toEqual({
      id: item.json.id,
      code: turned.json.feedback.code,
      status: 'answered',
      outcome: 'resolved',
      dueOn: item.json.dueOn,
    });
  });

  it('a stale version of the line makes no petition', async () => {
    const line = await staffA.request('POST', '/api/reception/entries', entry({ citizenName: 'Hồ Văn Lâm' }));
    const stale = await staffA.request('POST', `/api/reception/entries/${line.json.id}/petition`, {
      version: line.json.version + 1,
      categoryCode: 'infrastructure',
    });
    expect(stale.status).toBe(409);
    const items = await staffA.request('GET', `/api/feedback?unitId=${unitA}&q=ho van lam`);
    expect(items.json.total).toBe(0);
  });

  it('marks the citizen told; an overdue notice is listed as such', async () => {
    // Received Tuesday 10/11/2026: the 10th working day after is Tuesday 24/11, before today.
    const old = await staffA.request('POST', '/api/reception/entries', entry({ receivedOn: '10/11/2026' }));
    expect([old.json.number, old.json.noticeDueOn]).toEqual([9, '2026-11-24']);
    const overdue = await staffA.request(
      'GET',
      `/api/reception/entries?unitId=${unitA}&year=2026&overdue=true`,
    );
    expect(overdue.json.items.map((line: { id: number }) => line.id)).toEqual([old.json.id]);
    expect(overdue.json.items[0].noticeOverdue).toBe(true);
    const told = await staffA.request('POST', `/api/reception/entries/${old.json.id}/noticed`, {
      version: old.json.version,
      noticedOn: '25/11/2026',
    });
    expect([told.status, told.json.noticedOn]).toEqual([200, '2026-11-25']);
    const after = await staffA.request(
      'GET',
      `/api/reception/entries?unitId=${unitA}&year=2026&overdue=true`,
    );
    expect(after.json.total).toBe(0);
  });

  it('the .xlsx reads back with the legal columns and dd/mm/yyyy', async () => {
    const reply = await t.app.inject({
      url: `/api/reception/entries/export.xlsx?unitId=${unitA}&year=2025`,
      headers: { cookie: staffA.cookie },
    });
    expect(reply.statusCode).toBe(200);
    const table = await readTable(reply.rawPayload, 'xlsx');
    expect(table.headers).toEqual([...REGISTER_HEADERS]);
    expect(table.rows).toEqual([
      [
        '1',
        '30/12/2025',
        'Trần Thị Hoa',
        'Thôn Đông, xã A',
        '001190012345',
        'Đường liên thôn bị sạt lở sau mưa lớn, xe máy không qua được.',
        'Kiến nghị',
        '1',
        '',
        '',
        'Đề nghị xã sửa đường trước Tết.',
        'x',
        '',
        '',
        '',
        '14/01/2026',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
  });
});

describe('another commune and the public', () => {
  it('commune B neither reads nor edits A’s register or sessions; a reader who does not handle is refused', async () => {
    const [line] = await t.database.db
      .select()
      .from(receptionEntries)
      .where(eq(receptionEntries.unitId, unitA));
    const [session] = await sessionsOf(staffA, unitA);
    expect((await staffB.request('GET', `/api/reception/entries/${line?.id}`)).status).toBe(404);
    expect(
      (
        await staffB.request('PUT', `/api/reception/entries/${line?.id}`, {
          ...entry(),
          version: line?.version,
        })
      ).status,
    ).toBe(404);
    expect((await staffB.request('GET', `/api/reception/sessions/${session?.id}`)).status).toBe(404);
    expect(
      (
        await staffB.request('POST', `/api/reception/sessions/${session?.id}/cancel`, {
          version: 1,
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await staffB.request('GET', `/api/reception/entries?unitId=${unitA}`)).status).toBe(404);
    const own = await staffB.request('GET', '/api/reception/entries?perPage=100');
    expect(own.json.items.every((item: { unitId: number }) => item.unitId === unitB)).toBe(true);
    expect((await staffB.request('GET', '/api/reception/sessions')).json.total).toBe(0);
    // The province's leader reads A's register but does not record in it.
    expect((await leader.request('GET', `/api/reception/entries/${line?.id}`)).status).toBe(200);
    expect(
      (
        await leader.request('POST', `/api/reception/entries/${line?.id}/noticed`, {
          version: 1,
          noticedOn: '03/12/2026',
        })
      ).status,
    ).toBe(403);
  });

  it('the public page shows only published sessions, and nothing of the register', async () => {
    const page = await t.app.inject({ url: `/tiep-cong-dan?unitId=${unitA}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // Published: 17/12 (and 03/12, today). Not published: 11/12 (replacing an unpublished day).
    expect(page.body).toContain('17/12/2026');
    expect(page.body).toContain('03/12/2026');
    expect(page.body).not.toContain('11/12/2026');
    expect(page.body).toContain('Phòng tiếp công dân, trụ sở UBND xã');
    for (const secret of ['Trần Thị Hoa', '001190012345', 'sạt lở', 'Phạm Văn Đức', 'Đền bù'])
      expect(page.body).not.toContain(secret);
    // 50 to a page: the second page of one commune's few days is empty, with a link back.
    const second = await t.app.inject({ url: `/tiep-cong-dan?unitId=${unitA}&page=2` });
    expect(second.body).not.toContain('17/12/2026');
    expect(second.body).toContain(`href="/tiep-cong-dan?unitId=${unitA}&amp;page=1"`);
    const all = await t.app.inject({ url: '/tiep-cong-dan?lang=en' });
    expect(all.body).toContain('Citizen reception schedule');
  });

  it('the coordinator’s board: weeks short of the minimum, late publication, overdue notices', async () => {
    const board = await coordinator.request('GET', '/api/reception/compliance?from=2026-11-30&to=2026-12-27');
    expect(board.status).toBe(200);
    const a = board.json.units.find((unit: { unitId: number }) => unit.unitId === unitA);
    // Weeks of 30/11 (held 02/12, planned 03/12), 07/12 (11/12), 14/12 (17/12), 21/12 (24/12 cancelled).
    expect(a.shortPeriods.map((period: { from: string }) => period.from)).toEqual(['2026-12-21']);
    // Published late: 03/12 (published that day). Overdue notice: the 2025 line, never told.
    expect([a.held, a.planned, a.publishedLate, a.periods, a.noticeOverdue]).toEqual([1, 3, 1, 4, 1]);
    expect(board.json.units.some((unit: { unitId: number }) => unit.unitId === unitB)).toBe(false);
    const checkA = await staffA.request(
      'GET',
      `/api/reception/check?unitId=${unitA}&from=2026-12-21&to=2026-12-27`,
    );
    expect(checkA.json.buckets).toEqual([
      {
        level: 'commune_chair',
        per: 'week',
        from: '2026-12-21',
        to: '2026-12-27',
        required: 1,
        held: 0,
        planned: 0,
        short: true,
        basis: 'Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d',
        basisEn: 'Law on Citizen Reception 2013, Article 15(2)(d)',
      },
    ]);
  });
});

describe('the request log', () => {
  it('keeps no register search (a name or ID number) in the logged address', async () => {
    const { redactUrl } = await import('../http/log-redaction.ts');
    expect(redactUrl('/api/reception/entries?q=tran thi hoa')).toBe('/api/reception/entries?[redacted]');
    expect(redactUrl('/api/reception/entries/export.xlsx?q=001190012345')).toBe(
      '/api/reception/entries/export.xlsx?[redacted]',
    );
    expect(redactUrl('/api/reception/sessions?unitId=1')).toBe('/api/reception/sessions?unitId=1');
  });
});
