import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../files/tabular.ts';
import { COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { expectCachedPage } from '../test/public-cache-check.ts';
import { REGISTER_HEADERS } from './reception-export.ts';

/**
 * Online reception, groups with representatives, the follow-up clocks of a transferred case and the
 * register's search, through the API as a commune's staff use them (today: Thursday 3 December 2026).
 */
let t: TestApp;
const now = '2026-12-03T09:00:00+07:00';
let staff: Session;
let unitId: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  staff = await signInAs(t, 'unit_reporter', COMMUNE_A);
  unitId = await unitIdByCode(t.database, COMMUNE_A);
}, 60_000);
afterAll(() => t.close());

const session = (overrides: Record<string, unknown> = {}) => ({
  unitId,
  kind: 'ad_hoc',
  on: '05/01/2027',
  hostLevel: 'commune_chair',
  hostTitle: 'Chủ tịch UBND xã',
  startTime: '08:00',
  endTime: '11:00',
  location: 'Điểm cầu UBND xã',
  mode: 'online',
  onlineLink: 'https://hop.example.vn/tcd-xa-a',
  ...overrides,
});

const line = (overrides: Record<string, unknown> = {}) => ({
  unitId,
  receivedOn: '20/08/2026',
  citizenName: 'Lê Văn Tâm',
  address: 'Thôn Bắc, xã A',
  content: 'Bồi thường đất làm đường chưa thỏa đáng.',
  kind: 'khieu_nai',
  request: 'Đề nghị xem xét lại đơn giá đền bù.',
  ...overrides,
});

describe('online reception', () => {
  it('refuses an online session before 01/07/2026 with the reason', async () => {
    const refused = await staff.request('POST', '/api/reception/sessions', session({ on: '30/06/2026' }));
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.fields).toEqual([
      {
        path: 'mode',
        message:
          'Chỉ tiếp công dân trực tuyến từ ngày 01/07/2026 (Luật 136/2025/QH15, Điều 3a): buổi tiếp trước ngày đó phải là trực tiếp.',
      },
    ]);
  });

  it('keeps the link for staff, shows the checklist across New Year, ticks a check; the public page says only "trực tuyến"', async () => {
    const made = await staff.request('POST', '/api/reception/sessions', session());
    expect(made.status).toBe(201);
    const id = made.json.id;
    const detail = await staff.request('GET', `/api/reception/sessions/${id}`);
    expect([detail.json.mode, detail.json.onlineLink]).toEqual(['online', 'https://hop.example.vn/tcd-xa-a']);
    expect(
      detail.json.checklist.map((item: Record<string, unknown>) => [
        item.check,
        item.dueOn,
        item.dueAt,
        item.doneOn,
        item.late,
        item.basis,
        item.source,
      ]),
    ).toEqual([
      ['notified', '2026-12-28', null, null, false, 'Nghị định 154/2026/NĐ-CP', 'unconfirmed'],
      ['tested', '2027-01-04', null, null, false, 'Nghị định 154/2026/NĐ-CP', 'unconfirmed'],
      ['connected', '2027-01-05', '07:00', null, false, 'Nghị định 154/2026/NĐ-CP', 'unconfirmed'],
      ['recorded', '2027-01-05', null, null, false, 'Nghị định 154/2026/NĐ-CP', 'unconfirmed'],
    ]);

    const future = await staff.request('POST', `/api/reception/sessions/${id}/online-check`, {
      version: detail.json.version,
      check: 'notified',
      doneOn: '04/12/2026',
    });
    expect([future.status, future.json.error.details.fields[0].path]).toEqual([400, 'doneOn']);
    const ticked = await staff.request('POST', `/api/reception/sessions/${id}/online-check`, {
      version: detail.json.version,
      check: 'notified',
      doneOn: '03/12/2026',
    });
    expect(ticked.status).toBe(200);
    const after = await staff.request('GET', `/api/reception/sessions/${id}`);
    expect([after.json.checklist[0].doneOn, after.json.checklist[0].late]).toEqual(['2026-12-03', false]);

    const inPerson = await staff.request('POST', '/api/reception/sessions', session({ mode: 'in_person' }));
    const notOnline = await staff.request(
      'POST',
      `/api/reception/sessions/${inPerson.json.id}/online-check`,
      {
        version: inPerson.json.version,
        check: 'tested',
        doneOn: '03/12/2026',
      },
    );
    expect(notOnline.status).toBe(409);
    expect((await staff.request('GET', `/api/reception/sessions/${inPerson.json.id}`)).json.checklist).toBe(
      null,
    );

    const published = await staff.request('POST', `/api/reception/sessions/${id}/publish`, {
      version: after.json.version,
    });
    expect(published.status).toBe(200);
    const page = await t.app.inject({ url: '/tiep-cong-dan' });
    expect(page.body).toContain('<dd data-mode="online">Trực tuyến</dd>');
    expect(page.body).not.toContain('hop.example.vn');
  });

  it('an online session cannot be postponed to a day before 01/07/2026', async () => {
    const made = await staff.request('POST', '/api/reception/sessions', session({ on: '12/01/2027' }));
    const moved = await staff.request('POST', `/api/reception/sessions/${made.json.id}/postpone`, {
      version: made.json.version,
      reason: 'Đường truyền',
      newOn: '30/06/2026',
    });
    expect([moved.status, moved.json.error.details.fields[0].path]).toEqual([400, 'newOn']);
  });
});

describe('the public schedule', () => {
  it('is served from the cache until a day is published or postponed: then the next reader sees it', async () => {
    const url = `/tiep-cong-dan?unitId=${unitId}`;
    const before = await expectCachedPage(t, url);
    const made = await staff.request(
      'POST',
      '/api/reception/sessions',
      session({ on: '19/01/2027', mode: 'in_person', location: 'Nhà văn hóa thôn Nam' }),
    );
    expect(made.status).toBe(201);
    // Not published yet: not on the page.
    expect((await t.app.inject({ url })).body).not.toContain('Nhà văn hóa thôn Nam');
    const published = await staff.request('POST', `/api/reception/sessions/${made.json.id}/publish`, {
      version: made.json.version,
    });
    expect(published.status).toBe(200);
    const shown = await expectCachedPage(t, url);
    expect(before.body).not.toContain('Nhà văn hóa thôn Nam');
    expect(shown.body).toContain('<h2>19/01/2027 · Phường Phố Hiến</h2>');
    expect(shown.body).toContain('<dd>Nhà văn hóa thôn Nam</dd>');
    const { version } = (await staff.request('GET', `/api/reception/sessions/${made.json.id}`)).json;
    const postponed = await staff.request('POST', `/api/reception/sessions/${made.json.id}/postpone`, {
      version,
      reason: 'Chủ tịch đi công tác',
      newOn: '26/01/2027',
    });
    expect(postponed.status).toBe(200);
    const moved = await expectCachedPage(t, url);
    expect(moved.headers.etag).not.toBe(shown.headers.etag);
    expect(moved.body).toContain('<p>Lý do: Chủ tịch đi công tác</p>');
  });
});

describe('groups with representatives', () => {
  it('refuses 12 people with 6 representatives naming the rule, accepts 2; the export counts them', async () => {
    const group = line({ receivedOn: '02/12/2026', peopleCount: 12 });
    const refused = await staff.request('POST', '/api/reception/entries', {
      ...group,
      representatives: [
        'Lê Văn Tâm',
        'Phạm Thị Lan',
        'Ngô Văn Hải',
        'Đỗ Thị Mai',
        'Vũ Văn Nam',
        'Hà Thị Thu',
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.fields).toEqual([
      {
        path: 'representatives',
        message:
          'Trên 10 người cùng nội dung thì cử từ 1 đến 5 người đại diện (Luật Tiếp công dân 2013, Điều 29–30).',
      },
    ]);
    const none = await staff.request('POST', '/api/reception/entries', { ...group, peopleCount: 6 });
    expect(none.json.error.details.fields[0].message).toBe(
      'Từ 5 đến 10 người cùng nội dung thì cử 1 hoặc 2 người đại diện (Luật Tiếp công dân 2013, Điều 29–30).',
    );
    const kept = await staff.request('POST', '/api/reception/entries', {
      ...group,
      representatives: ['Lê Văn Tâm', 'Phạm Thị Lan'],
    });
    expect(kept.status).toBe(201);
    expect([kept.json.peopleCount, kept.json.representatives]).toEqual([12, ['Lê Văn Tâm', 'Phạm Thị Lan']]);

    const reply = await t.app.inject({
      url: `/api/reception/entries/export.xlsx?unitId=${unitId}&year=2026&q=pham thi lan`,
      headers: { cookie: staff.cookie },
    });
    const table = await readTable(reply.rawPayload, 'xlsx');
    const column = (name: string) => REGISTER_HEADERS.indexOf(name as (typeof REGISTER_HEADERS)[number]);
    expect(
      table.rows.map((row) => [row[column('Số người cùng nội dung')], row[column('Người đại diện')]]),
    ).toEqual([['12', 'Lê Văn Tâm; Phạm Thị Lan']]);
  });
});

describe('the follow-up clocks of a transferred case', () => {
  it('7 working days after resolving across 1–2/9/2026, then 5 after the notice; late ones flagged', async () => {
    const made = await staff.request(
      'POST',
      '/api/reception/entries',
      line({ referredBy: 'Ban Dân nguyện', resolvedOn: '28/08/2026' }),
    );
    expect(made.status).toBe(201);
    expect([made.json.referrerDueOn, made.json.citizenInformDueOn]).toEqual(['2026-09-10', null]);
    const listed = await staff.request(
      'GET',
      `/api/reception/entries?unitId=${unitId}&overdue=true&perPage=100`,
    );
    const mine = listed.json.items.find((item: { id: number }) => item.id === made.json.id);
    expect([mine.referrerLate, mine.noticeOverdue]).toEqual([true, true]);

    const told = await staff.request('PUT', `/api/reception/entries/${made.json.id}`, {
      ...line({ referredBy: 'Ban Dân nguyện', resolvedOn: '28/08/2026', referrerNotifiedOn: '11/09/2026' }),
      unitId: undefined,
      version: made.json.version,
    });
    expect(told.status).toBe(200);
    expect([told.json.referrerDueOn, told.json.citizenInformDueOn]).toEqual(['2026-09-10', '2026-09-18']);
    const detail = await staff.request('GET', `/api/reception/entries/${made.json.id}`);
    expect(detail.json.referrerLate).toBe(true);

    const early = await staff.request('PUT', `/api/reception/entries/${made.json.id}`, {
      ...line({ referredBy: 'Ban Dân nguyện', resolvedOn: '28/08/2026', referrerNotifiedOn: '27/08/2026' }),
      unitId: undefined,
      version: told.json.version,
    });
    expect([early.status, early.json.error.details.fields[0].path]).toEqual([400, 'referrerNotifiedOn']);
    const sorted = await staff.request(
      'GET',
      `/api/reception/entries?unitId=${unitId}&sort=-referrerDueOn&perPage=1`,
    );
    expect(sorted.json.items[0].id).toBe(made.json.id);
  });
});

describe('search in the register', () => {
  it('finds a line by its request or a representative, without diacritics', async () => {
    const search = async (q: string) =>
      (await staff.request('GET', `/api/reception/entries?unitId=${unitId}&q=${encodeURIComponent(q)}`)).json
        .items as { citizenName: string; peopleCount: number }[];
    expect((await search('DON GIA DEN BU')).length).toBe(2);
    expect((await search('pham thi lan')).map((item) => item.peopleCount)).toEqual([12]);
    expect(await search('không có trong sổ')).toEqual([]);
  });
});
