import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { feedbackItems } from '../db/schema/index.ts';
import { freshAddress } from '../feedback/feedback-fixtures.ts';
import type { Session, TestApp } from '../test/harness.ts';

/**
 * What the Open311 tests send as a client of the standard would: GETs, urlencoded POSTs, a citizen's
 * request with its name and contacts (which no answer may carry: every body is kept in `answered`),
 * and a step of the staff's workflow.
 */
export const NAME = 'Trần Thị Bích';
export const PHONE = '0987654321';
export const EMAIL = 'bich.tran@example.vn';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const XML_TYPE = 'text/xml; charset=utf-8';
export const XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';

function parse(body: string) {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

export function open311Caller(t: TestApp, key: string) {
  const answered: string[] = [];
  let sequence = 0;
  const answer = (reply: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    answered.push(reply.body);
    return {
      status: reply.statusCode,
      type: reply.headers['content-type'],
      headers: reply.headers,
      body: reply.body,
      json: parse(reply.body),
    };
  };
  return {
    /** Every body an Open311 route answered. */
    answered,
    get: async (url: string, headers: Record<string, string> = {}) =>
      answer(await t.app.inject({ method: 'GET', url, headers })),
    /** A POST as the standard sends it: application/x-www-form-urlencoded. */
    post: async (fields: Record<string, string>, format: 'json' | 'xml' = 'json') =>
      answer(
        await t.app.inject({
          method: 'POST',
          url: `/open311/v2/requests.${format}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          payload: new URLSearchParams(fields).toString(),
          remoteAddress: freshAddress(),
        }),
      ),
    /** A citizen's request about Phường Phố Hiến, with the sender's name and contacts. */
    request: (overrides: Record<string, string> = {}): Record<string, string> => {
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
    },
    /** A step of the staff's workflow at the version the staff member reads now. */
    act: async (session: Session, code: string, body: Record<string, unknown>) => {
      const [row] = await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.code, code));
      const { version } = (await session.request('GET', `/api/feedback/${row?.id}`)).json;
      const reply = await session.request('POST', `/api/feedback/${row?.id}/actions`, { ...body, version });
      expect(reply.status).toBe(200);
      return reply.json;
    },
  };
}
