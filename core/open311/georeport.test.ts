import { describe, expect, it } from 'vitest';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../feedback/workflow.ts';
import {
  commaList,
  errorDocument,
  escapeXml,
  expectedDatetime,
  list,
  open311Status,
  parseW3c,
  render,
  requestWindow,
  serviceNotice,
  statusNotes,
  w3cDatetime,
} from './georeport.ts';

describe('status', () => {
  it('is open for every status but closed', () => {
    const statuses = Object.keys(FEEDBACK_STATUSES) as FeedbackStatus[];
    expect(statuses.map((status) => [status, open311Status(status)])).toEqual([
      ['received', 'open'],
      ['accepted', 'open'],
      ['needs_info', 'open'],
      ['in_progress', 'open'],
      ['answered', 'open'],
      ['closed', 'closed'],
    ]);
  });

  it('says the outcome in status_notes, so closed never reads as resolved unless it was', () => {
    expect(statusNotes('in_progress', null, 'vi')).toBe('Đang xử lý');
    expect(statusNotes('closed', 'resolved', 'vi')).toBe('Đã đóng: Đã giải quyết');
    expect(statusNotes('closed', 'not_resolved', 'vi')).toBe('Đã đóng: Chưa giải quyết được');
    expect(statusNotes('closed', 'spam', 'en')).toBe('Closed: Spam');
    expect(statusNotes('answered', 'not_competent', 'en')).toBe('Answered: Not in our competence');
  });

  it('gives the deadline while an answer is awaited, nothing after', () => {
    expect(serviceNotice('received', '2026-12-24', 'vi')).toBe('Hạn trả lời: 24/12/2026.');
    expect(serviceNotice('needs_info', '2026-12-24', 'en')).toBe('Answer due by 24/12/2026.');
    expect(serviceNotice('answered', '2026-12-24', 'vi')).toBeNull();
    expect(expectedDatetime('accepted', '2026-12-24')).toBe('2026-12-24T23:59:59+07:00');
    expect(expectedDatetime('closed', '2026-12-24')).toBeNull();
  });
});

describe('dates', () => {
  it('writes W3C date-times in Vietnam time', () => {
    expect(w3cDatetime(new Date('2026-12-03T02:00:00.123Z'))).toBe('2026-12-03T09:00:00+07:00');
    expect(w3cDatetime(new Date('2026-12-31T20:30:05Z'))).toBe('2027-01-01T03:30:05+07:00');
  });

  it('reads W3C date-times with their zone, and a day alone as its start in Vietnam', () => {
    expect(parseW3c('2010-01-01T00:00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3c('1994-11-05T08:15:30-05:00')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3c('2026-12-03T09:00+07:00')?.toISOString()).toBe('2026-12-03T02:00:00.000Z');
    expect(parseW3c('2026-12-03')?.toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect([parseW3c('03/12/2026'), parseW3c('2026-12-03T09:00:00'), parseW3c('2026-02-30')]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('lists 90 days by default, and never more', () => {
    const now = new Date('2026-12-03T02:00:00Z');
    expect(requestWindow(undefined, undefined, now)).toEqual({
      ok: true,
      from: new Date('2026-09-04T02:00:00Z'),
      to: now,
    });
    expect(requestWindow('2026-12-01T00:00:00Z', undefined, now)).toEqual({
      ok: true,
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2027-03-01T00:00:00Z'),
    });
    expect(requestWindow(undefined, '2026-06-01T00:00:00Z', now)).toEqual({
      ok: true,
      from: new Date('2026-03-03T00:00:00Z'),
      to: new Date('2026-06-01T00:00:00Z'),
    });
    const tooLong = requestWindow('2026-01-01T00:00:00Z', '2026-04-02T00:00:00Z', now);
    expect(tooLong.ok ? null : tooLong.message.vi).toBe('Khoảng thời gian tìm không được quá 90 ngày.');
    const reversed = requestWindow('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', now);
    expect(reversed.ok ? null : reversed.message.en).toBe('start_date must come before end_date.');
    const bad = requestWindow(undefined, 'yesterday', now);
    expect(bad.ok ? null : bad.message.en).toBe(
      'end_date must be in the W3C format, e.g. 2026-12-31T23:59:59+07:00.',
    );
  });

  it('reads comma-delimited arguments', () => {
    expect(commaList(' open, closed,open,, ')).toEqual(['open', 'closed']);
    expect(commaList(undefined)).toEqual([]);
  });
});

describe('documents', () => {
  const document = {
    root: 'service_requests',
    body: list('request', [
      { service_request_id: 'PAKN-1', description: 'Ống <nước> & "đèn"\u0007', lat: 20.5, media_url: null },
    ]),
  };

  it('writes JSON by the Spark convention: lists are arrays, the root dropped', () => {
    expect(render(document, 'json')).toBe(
      '[{"service_request_id":"PAKN-1","description":"Ống <nước> & \\"đèn\\"\\u0007","lat":20.5,"media_url":null}]',
    );
  });

  it('writes XML with its declaration, text escaped, impossible characters dropped, null as an empty element', () => {
    expect(render(document, 'xml')).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>PAKN-1</service_request_id><description>Ống &lt;nước&gt; &amp; "đèn"</description><lat>20.5</lat><media_url/></request></service_requests>',
    );
    expect(escapeXml('a\uD800b\uFFFEc\td')).toBe('a\uFFFDbc\td');
  });

  it("writes the standard's errors", () => {
    const errors = errorDocument([{ code: 403, description: 'api_key sai' }]);
    expect(render(errors, 'json')).toBe('[{"code":403,"description":"api_key sai"}]');
    expect(render(errors, 'xml')).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>api_key sai</description></error></errors>',
    );
  });
});
