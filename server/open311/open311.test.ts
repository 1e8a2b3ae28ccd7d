import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackItems, units } from '../db/schema/index.ts';
import { petition, submitJson } from '../feedback/feedback-fixtures.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { EMAIL, JSON_TYPE, NAME, open311Caller, PHONE, XML_HEAD, XML_TYPE } from './open311-fixtures.ts';

/**
 * A client of Open311 GeoReport v2 as the standard describes one, knowing nothing of Chiso: discovery,
 * the services, a service's definition, a request sent with its api_key, read back by its id and by its
 * token, listed by status; then the commune answers it and closes it as resolved through the staff's
 * API, and the closed list says so in status_notes. The same in XML; spam, complaints and
 * denunciations never listed, a name or a contact never in any answer.
 */
let t: TestApp;
let coordinator: Session;
let reporterA: Session;
let key: string;
let clientId: number;
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
  clientId = registered.json.client.id;
  o = open311Caller(t, key);
});
afterAll(() => t.close());

describe('a client from the standard alone', () => {
  let code: string;
  let token: string;

  it('discovers the endpoint and its formats', async () => {
    const discovery = await o.get('/open311/v2/discovery.json');
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
    const xml = await o.get('/open311/v2/discovery.xml');
    expect(xml.body).toContain(
      '<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>http://localhost:80/open311/v2</url><changeset>2026-12-03T00:00:00+07:00</changeset><type>production</type><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>',
    );
  });

  it('lists the services: the active feedback categories, in Vietnamese or English', async () => {
    const services = await o.get('/open311/v2/services.json?jurisdiction_id=33');
    expect(services.status).toBe(200);
    // A web page of another site may read what anyone may.
    expect(services.headers['access-control-allow-origin']).toBe('*');
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
    const english = await o.get('/open311/v2/services.json?locale=en');
    expect(english.json[0]).toMatchObject({
      service_code: 'administrative_procedures',
      service_name: 'Administrative procedures',
      group: 'Feedback and proposals',
    });
    const accepted = await o.get('/open311/v2/services.json', { 'accept-language': 'en-GB,en;q=0.8' });
    expect(accepted.json[0].service_name).toBe('Administrative procedures');
    const xml = await o.get('/open311/v2/services.xml');
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
    const definition = await o.get('/open311/v2/services/infrastructure.json');
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
    const xml = await o.get('/open311/v2/services/infrastructure.xml');
    expect(xml.body).toContain(
      '<service_definition><service_code>infrastructure</service_code><attributes><attribute><variable>true</variable><code>commune</code><datatype>singlevaluelist</datatype><required>true</required>',
    );
    expect(xml.body).toContain('<value><key>11953</key><name>Phường Phố Hiến</name></value>');
  });

  it('posts a request with its api_key and is given the tracking code, a token and the deadline', async () => {
    const sent = await o.post(o.request());
    expect([sent.status, sent.type]).toEqual([200, JSON_TYPE]);
    expect(sent.json).toHaveLength(1);
    code = sent.json[0].service_request_id;
    token = sent.json[0].token;
    expect(code).toMatch(/^PAKN-20261203-[0-9A-Z]{5}$/);
    expect(token).toMatch(/^[\w-]{24}$/);
    // No CORS for a POST: its api_key belongs on an app's server, not in a web page.
    expect(sent.headers['access-control-allow-origin']).toBeUndefined();
    expect(sent.json[0]).toEqual({
      service_request_id: code,
      token,
      service_notice: 'Hạn trả lời: 24/12/2026.',
      private_url: expect.stringMatching(
        new RegExp(`^http://localhost:3000/phan-anh/${code}\\?token=[\\w-]+$`),
      ),
    });
    // The app hands the citizen the private page: it opens as theirs (rate, reopen, add information).
    const privatePage = await t.app.inject({
      url: sent.json[0].private_url.replace('http://localhost:3000', ''),
    });
    expect(privatePage.statusCode).toBe(200);
    expect(privatePage.body).toContain('Đường dẫn riêng');
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
    const one = await o.get(`/open311/v2/requests/${code}.json`);
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
    const byToken = await o.get(`/open311/v2/tokens/${token}.json?jurisdiction_id=33`);
    expect(byToken.json).toEqual([{ service_request_id: code, token }]);
    const xmlToken = await o.get(`/open311/v2/tokens/${token}.xml`);
    expect(xmlToken.body).toBe(
      `${XML_HEAD}<service_requests><request><service_request_id>${code}</service_request_id><token>${token}</token></request></service_requests>`,
    );
  });

  it('lists it among the open requests, not the closed ones', async () => {
    const open = await o.get('/open311/v2/requests.json?status=open&service_code=infrastructure,land');
    expect(open.json.map((r: { service_request_id: string }) => r.service_request_id)).toContain(code);
    const closed = await o.get('/open311/v2/requests.json?status=closed');
    expect(closed.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(code);
    const otherService = await o.get('/open311/v2/requests.json?service_code=land');
    expect(otherService.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      code,
    );
  });

  it('reads it o.answered (still open: the sender may reopen it), then closed as resolved, in JSON and XML', async () => {
    await o.act(reporterA, code, { type: 'accept' });
    await o.act(reporterA, code, {
      type: 'answer',
      outcome: 'resolved',
      answer: 'Công ty môi trường đã thông cống ngày 03/12/2026.',
    });
    const answeredOne = (await o.get(`/open311/v2/requests/${code}.json`)).json[0];
    expect([answeredOne.status, answeredOne.status_notes, answeredOne.service_notice]).toEqual([
      'open',
      'Đã trả lời: Đã giải quyết',
      null,
    ]);
    await o.act(reporterA, code, { type: 'close' });
    const closed = await o.get('/open311/v2/requests.json?status=closed');
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
    const open = await o.get('/open311/v2/requests.json?status=open');
    expect(open.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(code);
    const english = await o.get(`/open311/v2/requests/${code}.json?locale=en`);
    expect([english.json[0].status_notes, english.json[0].service_name]).toEqual([
      'Closed: Resolved',
      'Infrastructure',
    ]);
    const xml = await o.get(`/open311/v2/requests/${code}.xml`);
    expect([xml.status, xml.type]).toEqual([200, XML_TYPE]);
    expect(xml.body).toContain(
      `${XML_HEAD}<service_requests><request><service_request_id>${code}</service_request_id><status>closed</status><status_notes>Đã đóng: Đã giải quyết</status_notes><service_name>Hạ tầng</service_name><service_code>infrastructure</service_code><description>Cống thoát nước ở ngõ 1 phố Bạch Đằng bị tắc, nước tràn ra đường.</description><agency_responsible>Phường Phố Hiến</agency_responsible><service_notice/><requested_datetime>2026-12-03T09:00:00+07:00</requested_datetime>`,
    );
    expect(xml.body).toContain(
      '<expected_datetime/><address>Ngõ 1 phố Bạch Đằng, Phường Phố Hiến</address><lat>20.6464</lat><long>106.0511</long><media_url/></request></service_requests>',
    );
  });

  it('closed without being resolved never reads as resolved', async () => {
    const sent = await o.post(o.request());
    const other = sent.json[0].service_request_id;
    await o.act(reporterA, other, {
      type: 'not_competent',
      forwardedTo: 'Công ty Điện lực Hưng Yên',
      reason: 'Đèn chiếu sáng do công ty điện lực quản lý.',
    });
    const read = (await o.get(`/open311/v2/requests/${other}.json`)).json[0];
    expect([read.status, read.status_notes]).toEqual(['closed', 'Đã đóng: Không thuộc thẩm quyền']);
  });

  it('answers a request sent in XML in XML, and a repeat of the same text with the earlier code', async () => {
    const fields = o.request();
    const sent = await o.post(fields, 'xml');
    expect([sent.status, sent.type]).toEqual([200, XML_TYPE]);
    const match = sent.body.match(
      /^<\?xml version="1\.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>(PAKN-20261203-[0-9A-Z]{5})<\/service_request_id><token>[\w-]{24}<\/token><service_notice>Hạn trả lời: 24\/12\/2026\.<\/service_notice><private_url>http:\/\/localhost:3000\/phan-anh\/\1\?token=[\w-]+<\/private_url><\/request><\/service_requests>$/,
    );
    expect(match).not.toBeNull();
    const again = await o.post({ ...fields, address_string: 'Đầu ngõ' });
    expect(again.json).toEqual([
      {
        service_request_id: match?.[1],
        service_notice: `Nội dung này đã được gửi trong ngày với mã ${match?.[1]}: hãy theo dõi theo mã đó.`,
      },
    ]);
  });
});

describe('what is never shown', () => {
  it('never lists spam, a complaint or a denunciation', async () => {
    const sent = await o.post(o.request());
    const spam = sent.json[0].service_request_id;
    await o.act(reporterA, spam, { type: 'spam', reason: 'Quảng cáo.' });
    const complaint = await submitJson(
      t,
      petition({ kind: 'denunciation', text: 'Tố cáo cán bộ địa chính xã nhận tiền khi làm sổ đỏ cho dân.' }),
    );
    expect(complaint.status).toBe(201);
    const lists = [
      await o.get('/open311/v2/requests.json'),
      await o.get('/open311/v2/requests.json?status=closed'),
      await o.get(`/open311/v2/requests.json?service_request_id=${spam},${complaint.json.code}`),
    ];
    for (const listed of lists) {
      const ids = listed.json.map((r: { service_request_id: string }) => r.service_request_id);
      expect(ids).not.toContain(spam);
      expect(ids).not.toContain(complaint.json.code);
    }
    expect((await o.get(`/open311/v2/requests/${complaint.json.code}.json`)).status).toBe(404);
  });

  it('never answers a name or a contact, anywhere', async () => {
    const all = await o.get('/open311/v2/requests.xml');
    expect(all.body).toContain('<service_requests><request>');
    for (const body of o.answered) {
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain(EMAIL);
      expect(body).not.toContain('Thị Bích');
      expect(body).not.toContain('Nguyễn Văn An');
    }
  });
});
