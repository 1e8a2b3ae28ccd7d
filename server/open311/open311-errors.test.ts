import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackItems, feedbackSubmissionCounts, open311Clients } from '../db/schema/index.ts';
import { sha256 } from '../feedback/feedback-intake.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { JSON_TYPE, open311Caller, XML_HEAD, XML_TYPE } from './open311-fixtures.ts';
import { CLIENT_REQUESTS_PER_HOUR } from './open311-post.ts';

/**
 * Open311's refusals in the standard's form with their HTTP status: a missing, wrong or revoked
 * api_key (403), a client past its hourly count (429), an unknown service or jurisdiction (404), a
 * missing or bad argument (400, naming it, in Vietnamese unless English is asked); malformed input
 * never a 5xx. Registering clients: the key shown once, only its hash and last four characters kept,
 * at the province only, audited.
 */
let t: TestApp;
let coordinator: Session;
let reporterA: Session;
let key: string;
let o: ReturnType<typeof open311Caller>;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-03T09:00:00+07:00') });
  coordinator = await signInAs(t, 'coordinator', '33');
  reporterA = await signInAs(t, 'unit_reporter', '11953');
  const registered = await coordinator.request('POST', '/api/open311/clients', {
    name: 'Hưng Yên Số',
    channel: 'app',
  });
  expect(registered.status).toBe(201);
  key = registered.json.key;
  o = open311Caller(t, key);
});
afterAll(() => t.close());

describe("the standard's errors", () => {
  it('refuses a missing, wrong or revoked api_key (403)', async () => {
    const { api_key: _key, ...withoutKey } = o.request();
    const none = await o.post(withoutKey);
    expect([none.status, none.json]).toEqual([
      403,
      [
        {
          code: 403,
          description:
            'api_key không đúng hoặc đã bị thu hồi: ứng dụng cần được tỉnh đăng ký để gửi phản ánh.',
        },
      ],
    ]);
    const wrong = await o.post(o.request({ api_key: `${key.slice(0, -1)}x` }), 'xml');
    expect([wrong.status, wrong.type, wrong.body]).toEqual([
      403,
      XML_TYPE,
      `${XML_HEAD}<errors><error><code>403</code><description>api_key không đúng hoặc đã bị thu hồi: ứng dụng cần được tỉnh đăng ký để gửi phản ánh.</description></error></errors>`,
    ]);
    const other = await coordinator.request('POST', '/api/open311/clients', {
      name: 'Cổng tạm',
      channel: 'portal',
    });
    const works = await o.post(o.request({ api_key: other.json.key }));
    expect(works.status).toBe(200);
    const [row] = await t.database.db
      .select({ channel: feedbackItems.channel })
      .from(feedbackItems)
      .where(eq(feedbackItems.code, works.json[0].service_request_id));
    expect(row?.channel).toBe('portal');
    const revoked = await coordinator.request('POST', `/api/open311/clients/${other.json.client.id}/revoke`);
    expect([revoked.status, revoked.json.isActive]).toEqual([200, false]);
    const refused = await o.post(o.request({ api_key: other.json.key }));
    expect(refused.status).toBe(403);
    const twice = await coordinator.request('POST', `/api/open311/clients/${other.json.client.id}/revoke`);
    expect([twice.status, twice.json.error.message]).toEqual([409, 'Ứng dụng này đã bị thu hồi khóa.']);
  });

  it('holds off a client past its hourly count (429), with the time to wait', async () => {
    const busy = await coordinator.request('POST', '/api/open311/clients', {
      name: 'Ứng dụng bận',
      channel: 'app',
    });
    // 09:00 in Vietnam is 02:00 UTC: the hour's counter already at the limit.
    await t.database.db.insert(feedbackSubmissionCounts).values({
      addressHash: `open311-client:${busy.json.client.id}`,
      hour: new Date('2026-12-03T02:00:00Z'),
      count: CLIENT_REQUESTS_PER_HOUR,
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: o.request({ api_key: busy.json.key }),
    });
    expect([refused.statusCode, refused.headers['retry-after'], refused.json()]).toEqual([
      429,
      '3600',
      [
        {
          code: 429,
          description: 'Mỗi ứng dụng gửi được tối đa 500 phản ánh trong một giờ. Vui lòng thử lại sau.',
        },
      ],
    ]);
    const [stored] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(feedbackItems)
      .where(eq(feedbackItems.clientId, busy.json.client.id));
    expect(stored?.n).toBe(0);
  });

  it('refuses an unknown service (404), an absent one (400), another jurisdiction (404)', async () => {
    const unknown = await o.post(o.request({ service_code: 'bridges' }));
    expect([unknown.status, unknown.json]).toEqual([
      404,
      [{ code: 404, description: 'Không có dịch vụ (lĩnh vực) với service_code "bridges".' }],
    ]);
    const definition = await o.get('/open311/v2/services/bridges.xml');
    expect([definition.status, definition.body]).toEqual([
      404,
      `${XML_HEAD}<errors><error><code>404</code><description>Không có dịch vụ (lĩnh vực) với service_code "bridges".</description></error></errors>`,
    ]);
    const absent = await o.post(o.request({ service_code: '' }));
    expect([absent.status, absent.json]).toEqual([
      400,
      [{ code: 400, description: 'service_code: Thiếu service_code (lĩnh vực).' }],
    ]);
    const elsewhere = await o.post(o.request({ jurisdiction_id: '01' }));
    const told =
      'Không có jurisdiction_id "01": hệ thống này phục vụ Ủy ban nhân dân tỉnh Hưng Yên, jurisdiction_id là "33".';
    expect([elsewhere.status, elsewhere.json]).toEqual([404, [{ code: 404, description: told }]]);
    expect((await o.get('/open311/v2/requests.json?jurisdiction_id=01')).status).toBe(404);
    expect((await o.post(o.request({ jurisdiction_id: '' }))).status).toBe(200);
  });

  it('refuses a missing description, a commune of another province, no location, a media_url (400)', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ description: '' }, 'description: Hãy viết nội dung phản ánh.'],
      [
        { 'attribute[commune]': '00004' },
        'attribute[commune]: Phường Ba Đình thuộc Thành phố Hà Nội, không thuộc Tỉnh Hưng Yên: hãy gửi phản ánh đến Thành phố Hà Nội.',
      ],
      [{ 'attribute[commune]': '' }, 'attribute[commune]: Hãy chọn xã, phường liên quan.'],
      [{ lat: '', long: '', address_string: '' }, 'lat: Cần vị trí: lat và long, hoặc address_string.'],
      [{ long: '' }, 'long: lat và long phải gửi cùng nhau.'],
      [{ lat: '95' }, 'lat: lat phải là số trong khoảng -90 đến 90 (WGS 84).'],
      [
        { 'attribute[kind]': 'complaint' },
        'attribute[kind]: Loại "complaint" không gửi được qua ứng dụng; chọn pakn_general, pakn_regulation, pakn_conduct.',
      ],
      [{ phone: '12' }, 'phone: Số điện thoại không hợp lệ (ví dụ 0912345678).'],
      [
        { media_url: 'https://example.vn/anh.jpg' },
        'media_url: Chưa nhận ảnh qua media_url: ảnh ở nơi khác có thể mang vị trí, tên người chụp mà hệ thống không kiểm tra được. Hãy gửi lại không kèm media_url; ảnh có thể gửi qua trang /phan-anh.',
      ],
    ];
    for (const [overrides, description] of cases) {
      const refused = await o.post(o.request(overrides));
      expect([refused.status, refused.json], JSON.stringify(overrides)).toEqual([
        400,
        [{ code: 400, description }],
      ]);
    }
    const english = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json?locale=en',
      payload: { ...o.request({ description: '' }) },
    });
    expect(english.json()).toEqual([
      { code: 400, description: 'description: Write what you want to raise.' },
    ]);
  });

  it('accepts a JSON body with the attributes nested, and an address without a map point', async () => {
    const { lat: _lat, long: _long, 'attribute[commune]': _commune, ...rest } = o.request();
    const reply = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...rest, attribute: { commune: '11977', kind: 'pakn_regulation' } },
    });
    expect(reply.statusCode).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(feedbackItems)
      .where(eq(feedbackItems.code, reply.json()[0].service_request_id));
    expect([row?.kind, row?.lat, row?.lng, row?.placeText]).toEqual([
      'pakn_regulation',
      null,
      null,
      rest.address_string,
    ]);
  });

  it('refuses a list window past 90 days or out of format, and an unknown status (400)', async () => {
    const long = await o.get(
      '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z',
    );
    expect([long.status, long.json]).toEqual([
      400,
      [{ code: 400, description: 'Khoảng thời gian tìm không được quá 90 ngày.' }],
    ]);
    const format = await o.get('/open311/v2/requests.json?start_date=03/12/2026');
    expect(format.json).toEqual([
      {
        code: 400,
        description: 'start_date phải theo định dạng W3C, ví dụ 2026-12-01T00:00:00+07:00.',
      },
    ]);
    const status = await o.get('/open311/v2/requests.xml?status=fixed');
    expect(status.body).toBe(
      `${XML_HEAD}<errors><error><code>400</code><description>status chỉ nhận open, closed (không có "fixed").</description></error></errors>`,
    );
    const window = await o.get(
      '/open311/v2/requests.json?start_date=2026-12-03T00:00:00%2B07:00&end_date=2026-12-03T23:59:59%2B07:00',
    );
    // The three this file's clients sent today (the portal's, one without jurisdiction_id, one in JSON).
    const sentToday = await t.database.db.select({ code: feedbackItems.code }).from(feedbackItems);
    expect(window.json.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      sentToday.map((row) => row.code).sort(),
    );
    expect(sentToday).toHaveLength(3);
    const before = await o.get('/open311/v2/requests.json?end_date=2026-12-02T23:59:59%2B07:00');
    expect(before.json).toEqual([]);
    const unknown = await o.get('/open311/v2/requests/PAKN-20261203-00000.json');
    expect([unknown.status, unknown.json]).toEqual([
      404,
      [{ code: 404, description: 'Không có phản ánh công khai với mã "PAKN-20261203-00000".' }],
    ]);
    const noToken = await o.get('/open311/v2/tokens/khong-co.json');
    expect([noToken.status, noToken.json]).toEqual([
      404,
      [{ code: 404, description: 'Không có token "khong-co".' }],
    ]);
    const nothing = await o.get('/open311/v2/requests');
    expect([nothing.status, nothing.type]).toEqual([404, XML_TYPE]);
  });
});

describe('malformed input', () => {
  it('never answers 5xx; a refusal is in the standard error form', async () => {
    const long = 'ạ'.repeat(5000);
    const gets = [
      '/open311/v2/requests.json?service_request_id=%00',
      `/open311/v2/requests.json?service_request_id=${',PAKN'.repeat(2000)}`,
      '/open311/v2/requests.json?start_date=%00&end_date=2026-99-99T00:00:00Z',
      '/open311/v2/requests.json?status=&service_code=,,,',
      `/open311/v2/requests.json?service_code=${encodeURIComponent(long)}`,
      '/open311/v2/requests.html',
      '/open311/v2/services/%00.json',
      `/open311/v2/services/${encodeURIComponent(long)}.xml`,
      '/open311/v2/requests/%00.json',
      '/open311/v2/tokens/%E2%82.json',
      '/open311/v2/discovery.json?jurisdiction_id=%00',
    ];
    for (const url of gets) {
      const reply = await o.get(url);
      const shown = url.slice(0, 80);
      expect(reply.status, shown).toBeLessThan(500);
      if (reply.status >= 400 && reply.type === JSON_TYPE)
        expect(reply.json[0].code, shown).toBe(reply.status);
      if (reply.status >= 400 && reply.type === XML_TYPE)
        expect(reply.body, shown).toContain(`<errors><error><code>${reply.status}</code>`);
    }
    const bodies: unknown[] = [
      [],
      'chuỗi',
      { api_key: [key], service_code: ['infrastructure'] },
      { ...o.request(), lat: 'NaN', long: '1e400' },
      { ...o.request({ 'attribute[commune]': '' }), attribute: [['commune', '11953']] },
      { ...o.request(), attribute: { commune: { nested: true } } },
      { ...o.request(), description: 'a\u0000b đủ dài để gửi đi' },
      { ...o.request(), description: 'x'.repeat(70_000) },
    ];
    for (const body of bodies) {
      const reply = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: body as object,
      });
      const shown = JSON.stringify(body).slice(0, 80);
      expect(reply.statusCode, shown).toBeGreaterThanOrEqual(400);
      expect(reply.statusCode, shown).toBeLessThan(500);
      expect(reply.json()[0].code, shown).toBe(reply.statusCode);
    }
    const asText = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/xml' },
      payload: '<api_key>x</api_key>',
    });
    expect([asText.statusCode, asText.json()]).toEqual([
      400,
      [
        {
          code: 400,
          description:
            'Hãy gửi dạng application/x-www-form-urlencoded (hoặc JSON) như chuẩn Open311 quy định.',
        },
      ],
    ]);
  });
});
describe('registering clients', () => {
  it('shows the key once, keeps only its hash and last four characters; only at the province', async () => {
    const registered = await coordinator.request('POST', '/api/open311/clients', {
      name: 'Cổng Dịch vụ công quốc gia',
      channel: 'portal',
    });
    const newKey: string = registered.json.key;
    expect(Buffer.from(newKey, 'base64url')).toHaveLength(32);
    const [stored] = await t.database.db
      .select()
      .from(open311Clients)
      .where(eq(open311Clients.id, registered.json.client.id));
    expect([stored?.keyHash, stored?.keyHint, stored?.channel]).toEqual([
      sha256(newKey),
      newKey.slice(-4),
      'portal',
    ]);
    const listed = await coordinator.request('GET', '/api/open311/clients?sort=name');
    expect(listed.body).not.toContain(newKey);
    expect(listed.body).not.toContain(sha256(newKey));
    expect(
      listed.json.items.map((c: { name: string; keyHint: string; isActive: boolean }) => [
        c.name,
        c.isActive,
      ]),
    ).toEqual([
      ['Cổng Dịch vụ công quốc gia', true],
      ['Cổng tạm', false],
      ['Hưng Yên Số', true],
      ['Ứng dụng bận', true],
    ]);
    expect(listed.json.total).toBe(4);
    const communeCoordinator = await signInAs(t, 'coordinator', '11953');
    expect((await communeCoordinator.request('GET', '/api/open311/clients')).status).toBe(403);
    expect(
      (await reporterA.request('POST', '/api/open311/clients', { name: 'X', channel: 'app' })).status,
    ).toBe(403);
    const nameless = await coordinator.request('POST', '/api/open311/clients', { name: '', channel: 'app' });
    expect([nameless.status, nameless.json.error.details.fields[0].message]).toEqual([
      400,
      'Hãy đặt tên ứng dụng.',
    ]);
    const admin = await signInAs(t, 'admin', null);
    const audit = await admin.request('GET', '/api/audit?entityType=open311_client&perPage=20');
    expect(audit.json.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'open311.client_register',
      'open311.client_register',
      'open311.client_register',
      'open311.client_register',
      'open311.client_revoke',
    ]);
  });
});
