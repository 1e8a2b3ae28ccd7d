import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackEvents } from '../db/schema/index.ts';
import { createMailer, type Mailer } from '../reminders/mailer.ts';
import { startSmtpServer } from '../reminders/smtp-test-server.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { sendPetition, takeStep } from './feedback-fixtures.ts';
import { sendFeedbackMessages } from './feedback-mail.ts';

/**
 * A citizen who left an e-mail address is told of the steps of their petition, through a real SMTP
 * conversation, after each step committed: received, asked for more, answered; never of internal
 * notes or of what they did themselves; once each, and again after a refusal.
 */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: Mailer;
let reporter: Session;
const config = { publicUrl: 'https://chiso.example.vn' };

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date() });
  smtp = await startSmtpServer();
  const created = createMailer({ smtpUrl: smtp.url, mailFrom: 'Chiso <chiso@example.vn>' });
  if (!created) throw new Error('no mailer');
  mailer = created;
  reporter = await signInAs(t, 'unit_reporter', '11953');
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});

const send = (overrides: Record<string, unknown>) => sendPetition(t, overrides);

const act = (id: number, body: Record<string, unknown>) => takeStep(reporter, id, body);

const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
const drain = async () => {
  const total = { sent: 0, failed: 0, noAddress: 0 };
  for (;;) {
    const outcome = await sendFeedbackMessages({
      db: t.database.db,
      sender: mailer,
      channel: 'mail',
      config,
    });
    total.sent += outcome.sent;
    total.failed += outcome.failed;
    if (outcome.sent + outcome.failed + outcome.noAddress === 0) return total;
  }
};

describe('e-mail to the citizen', () => {
  it('tells of receipt, a question and the answer, in words, with the tracking page', async () => {
    const address = 'nguoidan.an@example.vn';
    const item = await send({ contactEmail: address, contactPhone: null });
    // Without an address, nothing is waiting to be mailed.
    const silent = await send({ contactEmail: null });
    await drain();
    expect(mailsTo(address).map((mail) => mail.subject)).toEqual([`Phản ánh ${item.code}: Tiếp nhận`]);
    const [receipt] = mailsTo(address);
    expect(receipt?.text).toContain('Kính gửi ông/bà Nguyễn Văn An,');
    expect(receipt?.text).toContain(`Theo dõi phản ánh: https://chiso.example.vn/phan-anh/${item.code}`);
    expect(receipt?.text).toContain('Đơn vị xử lý: Phường Phố Hiến.');

    await act(item.id, { type: 'accept' });
    await act(item.id, { type: 'ask_info', question: 'Xin cho biết số nhà gần cột đèn hỏng.' });
    await reporter.request('POST', `/api/feedback/${item.id}/notes`, {
      note: 'Ghi chú nội bộ: đã gọi điện.',
    });
    await act(silent.id, { type: 'accept' });
    expect(await drain()).toEqual({ sent: 1, failed: 0, noAddress: 0 });
    const question = mailsTo(address).at(-1);
    expect(question?.subject).toBe(`Phản ánh ${item.code}: Đơn vị đề nghị bổ sung thông tin`);
    expect(question?.text).toContain('Đơn vị đề nghị ông/bà bổ sung:\nXin cho biết số nhà gần cột đèn hỏng.');
    expect(smtp.received.some((mail) => mail.text.includes('Ghi chú nội bộ'))).toBe(false);

    await act(item.id, { type: 'info_given', note: 'Số nhà 12.' });
    await act(item.id, { type: 'answer', outcome: 'resolved', answer: 'Đã thay bóng đèn ngày 03/12/2026.' });
    await drain();
    const answer = mailsTo(address).at(-1);
    expect(answer?.subject).toBe(`Phản ánh ${item.code}: Trả lời`);
    expect(answer?.text).toContain('Nội dung trả lời:\nĐã thay bóng đèn ngày 03/12/2026.');
    expect(answer?.text).toContain('Kết quả: Đã giải quyết.');
    // Receipt, question, answer: three mails, each once.
    expect(mailsTo(address)).toHaveLength(3);
    expect(await drain()).toEqual({ sent: 0, failed: 0, noAddress: 0 });
  });

  it('keeps a refused mail to try again, and sends it once the mail server takes it', async () => {
    const address = 'nguoidan.binh@example.vn';
    const item = await send({ contactEmail: address, citizenName: 'Trần Thị Bình' });
    smtp.state.refusing = true;
    try {
      expect(
        (await sendFeedbackMessages({ db: t.database.db, sender: mailer, channel: 'mail', config })).failed,
      ).toBe(1);
    } finally {
      smtp.state.refusing = false;
    }
    const [event] = await t.database.db
      .select({ state: feedbackEvents.mailState })
      .from(feedbackEvents)
      .where(eq(feedbackEvents.feedbackId, item.id));
    expect(event?.state).toBe('failed');
    expect(await drain()).toMatchObject({ sent: 1, failed: 0 });
    expect(mailsTo(address).map((mail) => mail.subject)).toEqual([`Phản ánh ${item.code}: Tiếp nhận`]);
    expect(mailsTo(address)[0]?.text).toContain('Kính gửi ông/bà Trần Thị Bình,');
  });
});
