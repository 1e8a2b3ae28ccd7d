import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, feedbackEvents } from '../db/schema/index.ts';
import { createSmsGateway } from '../notifications/sms-gateway.ts';
import type { Mailer } from '../reminders/mailer.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { sendPetition } from './feedback-fixtures.ts';
import { sendFeedbackMessages } from './feedback-mail.ts';

/**
 * A citizen who left only a phone number is told of the steps of their petition by text message,
 * through the province's SMS gateway (here a local HTTP server in its place, the one part this machine
 * cannot reach): one message per step, without diacritics, with the public page; none for a citizen
 * with an e-mail address; a gateway that refuses keeps the message for the next pass.
 */
let t: TestApp;
let gatewayServer: Server;
let gateway: Mailer;
let reporter: Session;
const received: { to: string; text: string; authorization: string | undefined }[] = [];
const state = { refusing: false };
const config = { publicUrl: 'https://chiso.example.vn' };

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date() });
  gatewayServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += String(chunk);
    });
    request.on('end', () => {
      if (state.refusing) {
        response.writeHead(503).end();
        return;
      }
      received.push({ ...JSON.parse(body), authorization: request.headers.authorization });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => gatewayServer.listen(0, '127.0.0.1', resolve));
  const { port } = gatewayServer.address() as AddressInfo;
  const created = createSmsGateway({ smsUrl: `http://127.0.0.1:${port}/sms`, smsToken: 'gateway-secret' });
  if (!created) throw new Error('no gateway');
  gateway = created;
  reporter = await signInAs(t, 'unit_reporter', '11953');
});
afterAll(async () => {
  await new Promise((resolve) => gatewayServer.close(resolve));
  await t.close();
});

const drain = () => sendFeedbackMessages({ db: t.database.db, sender: gateway, channel: 'sms', config });
const to = (phone: string) => received.filter((message) => message.to === phone);

const send = (overrides: Record<string, unknown>) => sendPetition(t, overrides);

describe('text messages to a citizen who left only a phone number', () => {
  it('tells the receipt and the answer, once each, without diacritics, with the public page', async () => {
    const item = await send({ contactPhone: '0987 654 321', contactEmail: null });
    // A citizen with an e-mail address is told by e-mail, not by text message.
    await send({ contactPhone: '0911 111 111', contactEmail: 'co.thu@example.vn' });
    await drain();
    expect(to('+84987654321')).toEqual([
      {
        to: '+84987654321',
        text: `Phan anh ${item.code}: Tiep nhan. Xem: https://chiso.example.vn/phan-anh/${item.code}`,
        authorization: 'Bearer gateway-secret',
      },
    ]);
    expect(to('+84911111111')).toEqual([]);
    for (const body of [
      { type: 'accept' },
      { type: 'answer', outcome: 'resolved', answer: 'Đã thay bóng đèn ngày 03/12/2026.' },
    ]) {
      const { version } = (await reporter.request('GET', `/api/feedback/${item.id}`)).json;
      expect(
        (await reporter.request('POST', `/api/feedback/${item.id}/actions`, { ...body, version })).status,
      ).toBe(200);
    }
    await drain();
    expect(to('+84987654321').map((message) => message.text)).toEqual([
      `Phan anh ${item.code}: Tiep nhan. Xem: https://chiso.example.vn/phan-anh/${item.code}`,
      `Phan anh ${item.code}: Tra loi (Da giai quyet). Xem: https://chiso.example.vn/phan-anh/${item.code}`,
    ]);
    expect(await drain()).toEqual({ sent: 0, failed: 0, noAddress: 0 });
  });

  it('keeps a message the gateway refused and sends it on a later pass, audited', async () => {
    const item = await send({ contactPhone: '0966 000 111', contactEmail: null });
    state.refusing = true;
    try {
      expect((await drain()).failed).toBeGreaterThanOrEqual(1);
    } finally {
      state.refusing = false;
    }
    const stateOf = async () =>
      (
        await t.database.db
          .select({ state: feedbackEvents.smsState })
          .from(feedbackEvents)
          .where(and(eq(feedbackEvents.feedbackId, item.id), eq(feedbackEvents.action, 'received')))
      )[0]?.state;
    expect(await stateOf()).toBe('failed');
    await drain();
    expect(await stateOf()).toBe('sent');
    expect(to('+84966000111')).toHaveLength(1);
    const results = await t.database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'feedback.sms.result'));
    expect(results.length).toBeGreaterThanOrEqual(2);
  });
});
