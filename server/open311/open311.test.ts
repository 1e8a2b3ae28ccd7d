import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackItems, feedbackSubmissionCounts, open311Clients, units } from '../db/schema/index.ts';
import { freshAddress, petition, submitJson } from '../feedback/feedback-fixtures.ts';
import { sha256 } from '../feedback/feedback-intake.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { CLIENT_REQUESTS_PER_HOUR } from './open311-service.ts';

/**
 * A client of Open311 GeoReport v2 as the standard describes one, knowing nothing of Chiso: discovery,
 * the services, a service's definition, a request sent with its api_key, read back by its id and by its
 * token, listed by status; then the commune answers it and closes it as resolved through the staff's
 * API, and the closed list says so in status_notes. The same in XML, the standard's errors, spam never
 * listed, a contact never in any answer.
 */
let t: TestApp;
let coordinator: Session;
let reporterA: Session;
let key: string;
let clientId: number;
/** Every body an Open311 route answered: none may carry a sender's name or contact. */
const answered: string[] = [];
const NAME = 'Trần Thị Bích';
const PHONE = '0987654321';
const EMAIL = 'bich.tran@example.vn';

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
  clientId = registered.json.client.id;
});
afterAll(() => t.close());

async function get(url: string, headers: Record<string, string> = {}) {
  const reply = await t.app.inject({ method: 'GET', url, headers });
  answered.push(reply.body);
  return {
    status: reply.statusCode,
    type: reply.headers['content-type'],
    body: reply.body,
    json: parse(reply.body),
  };
}

/** A POST as the standard sends it: application/x-www-form-urlencoded. */
async function post(fields: Record<string, string>, format: 'json' | 'xml' = 'json') {
  const reply = await t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: freshAddress(),
  });
  answered.push(reply.body);
  return {
    status: reply.statusCode,
    type: reply.headers['content-type'],
    body: reply.body,
    json: parse(reply.body),
  };
}

function parse(body: string) {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

let sequence = 0;
/** A citizen's request about Phường Phố Hiến, with the sender's name and contacts. */
function request(overrides: Record<string, string> = {}): Record<string, string> {
  sequence += 1;
  return {
    api_key: key,
    jurisdiction_id: '33',
    service_code: 'infrastructure',
    lat: '20.6464',
    long: '106.0511',
    address_string: `Ngõ ${sequence} phố Bạch Đằng`,
    'attribute[commune]': '11953',
    description: `Cống thoát nước ở ngõ ${sequence} phố Bạch Đằng bị tắc, nước tràn ra đường.`,
    first_name: 'Thị Bích',
    last_name: 'Trần',
    email: EMAIL,
    phone: PHONE,
    ...overrides,
  };
}

/** A step of the staff's workflow at the version the staff member reads now. */
async function act(session: Session, code: string, body: Record<string, unknown>) {
  const [row] = await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.code, code));
  const { version } = (await session.request('GET', `/api/feedback/${row?.id}`)).json;
  const reply = await session.request('POST', `/api/feedback/${row?.id}/actions`, { ...body, version });
  expect(reply.status).toBe(200);
  return reply.json;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';
const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';

describe('a client from the standard alone', () => {
  let code: string;
  let token: string;

  it('discovers the endpoint and its formats', async () => {
    const discovery = await get('/open311/v2/discovery.json');
    expect([discovery.status, discovery.type]).toEqual([200, JSON_TYPE]);
    expect(discovery.json.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://localhost:80/open311/v2',
        changeset: '2026-12-03T00:00:00+07:00',
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    expect(discovery.json.key_service).toBe(
      'Ứng dụng được Ủy ban nhân dân tỉnh Hưng Yên cấp khóa (api_key) tại Chiso, mục Phản ánh → Ứng dụng gửi phản ánh.',
    );
    const xml = await get('/open311/v2/discovery.xml');
    expect(xml.body).toContain(
      '<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>http://localhost:80/open311/v2</url><changeset>2026-12-03T00:00:00+07:00</changeset><type>production</type><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>',
    );
  });

  it('lists the services: the active feedback categories, in Vietnamese or English', async () => {
    const services = await get('/open311/v2/services.json?jurisdiction_id=33');
    expect(services.status).toBe(200);
    expect(services.json.map((service: { service_code: string }) => service.service_code)).toHaveLength(8);
    expect(services.json.find((s: { service_code: string }) => s.service_code === 'infrastructure')).toEqual({
      service_code: 'infrastructure',
      service_name: 'Hạ tầng',
      description: 'Phản ánh, kiến nghị về hạ tầng gửi chính quyền tỉnh.',
      metadata: true,
      type: 'realtime',
      keywords: 'hạ tầng, infrastructure',
      group: 'Phản ánh, kiến nghị',
    });
    const english = await get('/open311/v2/services.json?locale=en');
    expect(english.json[0]).toMatchObject({
      service_code: 'administrative_procedures',
      service_name: 'Administrative procedures',
      group: 'Feedback and proposals',
    });
    const accepted = await get('/open311/v2/services.json', { 'accept-language': 'en-GB,en;q=0.8' });
    expect(accepted.json[0].service_name).toBe('Administrative procedures');
    const xml = await get('/open311/v2/services.xml');
    expect([xml.status, xml.type, xml.body.startsWith(`${XML_HEAD}<services><service>`)]).toEqual([
      200,
      XML_TYPE,
      true,
    ]);
    expect(xml.body).toContain(
      '<service><service_code>infrastructure</service_code><service_name>Hạ tầng</service_name><description>Phản ánh, kiến nghị về hạ tầng gửi chính quyền tỉnh.</description><metadata>true</metadata><type>realtime</type><keywords>hạ tầng, infrastructure</keywords><group>Phản ánh, kiến nghị</group></service>',
    );
  });

  it("defines the service: the province's communes in force today, required; the kind of petition, optional", async () => {
    const definition = await get('/open311/v2/services/infrastructure.json');
    expect(definition.status).toBe(200);
    const [commune, kind] = definition.json.attributes;
    const communes = await t.database.db
      .select({ code: units.code })
      .from(units)
      .where(and(eq(units.type, 'commune'), isNull(units.validTo)));
    expect(definition.json.service_code).toBe('infrastructure');
    expect({ ...commune, values: commune.values.length }).toEqual({
      variable: true,
      code: 'commune',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: 'Mã xã, phường theo danh mục đơn vị hành chính từ 01/07/2025.',
      order: 1,
      description: 'Xã, phường nơi xảy ra sự việc được phản ánh.',
      values: communes.length,
    });
    expect(commune.values).toContainEqual({ key: '11953', name: 'Phường Phố Hiến' });
    expect(kind.values).toEqual([
      { key: 'pakn_general', name: 'Phản ánh, kiến nghị chung' },
      { key: 'pakn_regulation', name: 'Phản ánh, kiến nghị về quy định hành chính' },
      { key: 'pakn_conduct', name: 'Phản ánh về hành vi của cán bộ, cơ quan' },
    ]);
    expect([kind.code, kind.required, kind.order]).toEqual(['kind', false, 2]);
    const xml = await get('/open311/v2/services/infrastructure.xml');
    expect(xml.body).toContain(
      '<service_definition><service_code>infrastructure</service_code><attributes><attribute><variable>true</variable><code>commune</code><datatype>singlevaluelist</datatype><required>true</required>',
    );
    expect(xml.body).toContain('<value><key>11953</key><name>Phường Phố Hiến</name></value>');
  });

  it('posts a request with its api_key and is given the tracking code, a token and the deadline', async () => {
    const sent = await post(request());
    expect([sent.status, sent.type]).toEqual([200, JSON_TYPE]);
    expect(sent.json).toHaveLength(1);
    code = sent.json[0].service_request_id;
    token = sent.json[0].token;
    expect(code).toMatch(/^PAKN-20261203-[0-9A-Z]{5}$/);
    expect(token).toMatch(/^[\w-]{24}$/);
    expect(sent.json[0]).toEqual({
      service_request_id: code,
      token,
      service_notice: 'Hạn trả lời: 24/12/2026.',
    });
    // Taken in as the public form takes a petition: routed, its clock set, under the client's channel.
    const [row] = await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.code, code));
    expect({
      channel: row?.channel,
      kind: row?.kind,
      procedure: row?.procedure,
      clientId: row?.clientId,
      clientToken: row?.clientToken,
      lat: row?.lat,
      lng: row?.lng,
      placeText: row?.placeText,
      citizenName: row?.citizenName,
      contactPhone: row?.contactPhone,
      contactEmail: row?.contactEmail,
      publishName: row?.publishName,
      receivedOn: row?.receivedOn,
      dueOn: row?.dueOn,
    }).toEqual({
      channel: 'app',
      kind: 'pakn_general',
      procedure: 'petition',
      clientId,
      clientToken: token,
      lat: 20.6464,
      lng: 106.0511,
      placeText: 'Ngõ 1 phố Bạch Đằng',
      citizenName: NAME,
      contactPhone: PHONE,
      contactEmail: EMAIL,
      publishName: false,
      receivedOn: '2026-12-03',
      dueOn: '2026-12-24',
    });
  });

  it('reads the request by its id and by its token', async () => {
    const one = await get(`/open311/v2/requests/${code}.json`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual([
      {
        service_request_id: code,
        status: 'open',
        status_notes: 'Đã tiếp nhận',
        service_name: 'Hạ tầng',
        service_code: 'infrastructure',
        description: 'Cống thoát nước ở ngõ 1 phố Bạch Đằng bị tắc, nước tràn ra đường.',
        agency_responsible: 'Phường Phố Hiến',
        service_notice: 'Hạn trả lời: 24/12/2026.',
        requested_datetime: '2026-12-03T09:00:00+07:00',
        updated_datetime: '2026-12-03T09:00:00+07:00',
        expected_datetime: '2026-12-24T23:59:59+07:00',
        address: 'Ngõ 1 phố Bạch Đằng, Phường Phố Hiến',
        lat: 20.6464,
        long: 106.0511,
        media_url: null,
      },
    ]);
    const byToken = await get(`/open311/v2/tokens/${token}.json?jurisdiction_id=33`);
    expect(byToken.json).toEqual([{ service_request_id: code, token }]);
    const xmlToken = await get(`/open311/v2/tokens/${token}.xml`);
    expect(xmlToken.body).toBe(
      `${XML_HEAD}<service_requests><request><service_request_id>${code}</service_request_id><token>${token}</token></request></service_requests>`,
    );
  });

  it('lists it among the open requests, not the closed ones', async () => {
    const open = await get('/open311/v2/requests.json?status=open&service_code=infrastructure,land');
    expect(open.json.map((r: { service_request_id: string }) => r.service_request_id)).toContain(code);
    const closed = await get('/open311/v2/requests.json?status=closed');
    expect(closed.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(code);
    const otherService = await get('/open311/v2/requests.json?service_code=land');
    expect(otherService.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      code,
    );
  });

  it('reads it answered (still open: the sender may reopen it), then closed as resolved, in JSON and XML', async () => {
    await act(reporterA, code, { type: 'accept' });
    await act(reporterA, code, {
      type: 'answer',
      outcome: 'resolved',
      answer: 'Công ty môi trường đã thông cống ngày 03/12/2026.',
    });
    const answeredOne = (await get(`/open311/v2/requests/${code}.json`)).json[0];
    expect([answeredOne.status, answeredOne.status_notes, answeredOne.service_notice]).toEqual([
      'open',
      'Đã trả lời: Đã giải quyết',
      null,
    ]);
    await act(reporterA, code, { type: 'close' });
    const closed = await get('/open311/v2/requests.json?status=closed');
    const mine = closed.json.find((r: { service_request_id: string }) => r.service_request_id === code);
    expect({
      status: mine.status,
      status_notes: mine.status_notes,
      service_notice: mine.service_notice,
      expected_datetime: mine.expected_datetime,
      requested_datetime: mine.requested_datetime,
    }).toEqual({
      status: 'closed',
      status_notes: 'Đã đóng: Đã giải quyết',
      service_notice: null,
      expected_datetime: null,
      requested_datetime: '2026-12-03T09:00:00+07:00',
    });
    expect(mine.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    const open = await get('/open311/v2/requests.json?status=open');
    expect(open.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(code);
    const english = await get(`/open311/v2/requests/${code}.json?locale=en`);
    expect([english.json[0].status_notes, english.json[0].service_name]).toEqual([
      'Closed: Resolved',
      'Infrastructure',
    ]);
    const xml = await get(`/open311/v2/requests/${code}.xml`);
    expect([xml.status, xml.type]).toEqual([200, XML_TYPE]);
    expect(xml.body).toContain(
      `${XML_HEAD}<service_requests><request><service_request_id>${code}</service_request_id><status>closed</status><status_notes>Đã đóng: Đã giải quyết</status_notes><service_name>Hạ tầng</service_name><service_code>infrastructure</service_code><description>Cống thoát nước ở ngõ 1 phố Bạch Đằng bị tắc, nước tràn ra đường.</description><agency_responsible>Phường Phố Hiến</agency_responsible><service_notice/><requested_datetime>2026-12-03T09:00:00+07:00</requested_datetime>`,
    );
    expect(xml.body).toContain(
      '<expected_datetime/><address>Ngõ 1 phố Bạch Đằng, Phường Phố Hiến</address><lat>20.6464</lat><long>106.0511</long><media_url/></request></service_requests>',
    );
  });

  it('closed without being resolved never reads as resolved', async () => {
    const sent = await post(request());
    const other = sent.json[0].service_request_id;
    await act(reporterA, other, {
      type: 'not_competent',
      forwardedTo: 'Công ty Điện lực Hưng Yên',
      reason: 'Đèn chiếu sáng do công ty điện lực quản lý.',
    });
    const read = (await get(`/open311/v2/requests/${other}.json`)).json[0];
    expect([read.status, read.status_notes]).toEqual(['closed', 'Đã đóng: Không thuộc thẩm quyền']);
  });

  it('answers a request sent in XML in XML, and a repeat of the same text with the earlier code', async () => {
    const fields = request();
    const sent = await post(fields, 'xml');
    expect([sent.status, sent.type]).toEqual([200, XML_TYPE]);
    const match = sent.body.match(
      /^<\?xml version="1\.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>(PAKN-20261203-[0-9A-Z]{5})<\/service_request_id><token>[\w-]{24}<\/token><service_notice>Hạn trả lời: 24\/12\/2026\.<\/service_notice><\/request><\/service_requests>$/,
    );
    expect(match).not.toBeNull();
    const again = await post({ ...fields, address_string: 'Đầu ngõ' });
    expect(again.json).toEqual([
      {
        service_request_id: match?.[1],
        service_notice: `Nội dung này đã được gửi trong ngày với mã ${match?.[1]}: hãy theo dõi theo mã đó.`,
      },
    ]);
  });
});

describe("the standard's errors", () => {
  it('refuses a missing, wrong or revoked api_key (403)', async () => {
    const { api_key: _key, ...withoutKey } = request();
    const none = await post(withoutKey);
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
    const wrong = await post(request({ api_key: `${key.slice(0, -1)}x` }), 'xml');
    expect([wrong.status, wrong.type, wrong.body]).toEqual([
      403,
      XML_TYPE,
      `${XML_HEAD}<errors><error><code>403</code><description>api_key không đúng hoặc đã bị thu hồi: ứng dụng cần được tỉnh đăng ký để gửi phản ánh.</description></error></errors>`,
    ]);
    const other = await coordinator.request('POST', '/api/open311/clients', {
      name: 'Cổng tạm',
      channel: 'portal',
    });
    const works = await post(request({ api_key: other.json.key }));
    expect(works.status).toBe(200);
    const [row] = await t.database.db
      .select({ channel: feedbackItems.channel })
      .from(feedbackItems)
      .where(eq(feedbackItems.code, works.json[0].service_request_id));
    expect(row?.channel).toBe('portal');
    const revoked = await coordinator.request('POST', `/api/open311/clients/${other.json.client.id}/revoke`);
    expect([revoked.status, revoked.json.isActive]).toEqual([200, false]);
    const refused = await post(request({ api_key: other.json.key }));
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
      payload: request({ api_key: busy.json.key }),
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
    const unknown = await post(request({ service_code: 'bridges' }));
    expect([unknown.status, unknown.json]).toEqual([
      404,
      [{ code: 404, description: 'Không có dịch vụ (lĩnh vực) với service_code "bridges".' }],
    ]);
    const definition = await get('/open311/v2/services/bridges.xml');
    expect([definition.status, definition.body]).toEqual([
      404,
      `${XML_HEAD}<errors><error><code>404</code><description>Không có dịch vụ (lĩnh vực) với service_code "bridges".</description></error></errors>`,
    ]);
    const absent = await post(request({ service_code: '' }));
    expect([absent.status, absent.json]).toEqual([
      400,
      [{ code: 400, description: 'service_code: Thiếu service_code (lĩnh vực).' }],
    ]);
    const elsewhere = await post(request({ jurisdiction_id: '01' }));
    const told =
      'Không có jurisdiction_id "01": hệ thống này phục vụ Ủy ban nhân dân tỉnh Hưng Yên, jurisdiction_id là "33".';
    expect([elsewhere.status, elsewhere.json]).toEqual([404, [{ code: 404, description: told }]]);
    expect((await get('/open311/v2/requests.json?jurisdiction_id=01')).status).toBe(404);
    expect((await post(request({ jurisdiction_id: '' }))).status).toBe(200);
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
      const refused = await post(request(overrides));
      expect([refused.status, refused.json], JSON.stringify(overrides)).toEqual([
        400,
        [{ code: 400, description }],
      ]);
    }
    const english = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json?locale=en',
      payload: { ...request({ description: '' }) },
    });
    expect(english.json()).toEqual([
      { code: 400, description: 'description: Write what you want to raise.' },
    ]);
  });

  it('accepts a JSON body with the attributes nested, and an address without a map point', async () => {
    const { lat: _lat, long: _long, 'attribute[commune]': _commune, ...rest } = request();
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
    const long = await get(
      '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z',
    );
    expect([long.status, long.json]).toEqual([
      400,
      [{ code: 400, description: 'Khoảng thời gian tìm không được quá 90 ngày.' }],
    ]);
    const format = await get('/open311/v2/requests.json?start_date=03/12/2026');
    expect(format.json).toEqual([
      {
        code: 400,
        description: 'start_date phải theo định dạng W3C, ví dụ 2026-12-01T00:00:00+07:00.',
      },
    ]);
    const status = await get('/open311/v2/requests.xml?status=fixed');
    expect(status.body).toBe(
      `${XML_HEAD}<errors><error><code>400</code><description>status chỉ nhận open, closed (không có "fixed").</description></error></errors>`,
    );
    const window = await get(
      '/open311/v2/requests.json?start_date=2026-12-03T00:00:00%2B07:00&end_date=2026-12-03T23:59:59%2B07:00',
    );
    expect(window.json.length).toBeGreaterThan(3);
    const before = await get('/open311/v2/requests.json?end_date=2026-12-02T23:59:59%2B07:00');
    expect(before.json).toEqual([]);
    const unknown = await get('/open311/v2/requests/PAKN-20261203-00000.json');
    expect([unknown.status, unknown.json]).toEqual([
      404,
      [{ code: 404, description: 'Không có phản ánh công khai với mã "PAKN-20261203-00000".' }],
    ]);
    const noToken = await get('/open311/v2/tokens/khong-co.json');
    expect([noToken.status, noToken.json]).toEqual([
      404,
      [{ code: 404, description: 'Không có token "khong-co".' }],
    ]);
    const nothing = await get('/open311/v2/requests');
    expect([nothing.status, nothing.type]).toEqual([404, XML_TYPE]);
  });
});

describe('what is never shown', () => {
  it('never lists spam, a complaint or a denunciation', async () => {
    const sent = await post(request());
    const spam = sent.json[0].service_request_id;
    await act(reporterA, spam, { type: 'spam', reason: 'Quảng cáo.' });
    const complaint = await submitJson(
      t,
      petition({ kind: 'denunciation', text: 'Tố cáo cán bộ địa chính xã nhận tiền khi làm sổ đỏ cho dân.' }),
    );
    expect(complaint.status).toBe(201);
    const lists = [
      await get('/open311/v2/requests.json'),
      await get('/open311/v2/requests.json?status=closed'),
      await get(`/open311/v2/requests.json?service_request_id=${spam},${complaint.json.code}`),
    ];
    for (const listed of lists) {
      const ids = listed.json.map((r: { service_request_id: string }) => r.service_request_id);
      expect(ids).not.toContain(spam);
      expect(ids).not.toContain(complaint.json.code);
    }
    expect((await get(`/open311/v2/requests/${complaint.json.code}.json`)).status).toBe(404);
  });

  it('never answers a name or a contact, anywhere', async () => {
    const all = await get('/open311/v2/requests.xml');
    expect(all.body).toContain('<service_requests><request>');
    for (const body of answered) {
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain(EMAIL);
      expect(body).not.toContain('Thị Bích');
      expect(body).not.toContain('Nguyễn Văn An');
    }
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
      const reply = await get(url);
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
      { ...request(), lat: 'NaN', long: '1e400' },
      { ...request({ 'attribute[commune]': '' }), attribute: [['commune', '11953']] },
      { ...request(), attribute: { commune: { nested: true } } },
      { ...request(), description: 'a\u0000b đủ dài để gửi đi' },
      { ...request(), description: 'x'.repeat(70_000) },
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
