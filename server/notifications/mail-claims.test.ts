import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer, type OutgoingMail } from '../reminders/mailer.ts';
import { startSmtpServer } from '../reminders/smtp-test-server.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { MAIL_CLAIM_TIMEOUT_MS, sendHandoffMail } from './notification-mail.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: Mailer;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtpServer();
  const created = createMailer({ smtpUrl: smtp.url, mailFrom: 'Chiso <chiso@example.vn>' });
  if (!created) throw new Error('no mailer');
  mailer = created;
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});

const config = { publicUrl: 'https://chiso.example.vn' };

/** A user with an address and `count` hand-offs waiting for e-mail, titled "<prefix> 1…n". */
async function handoffsFor(prefix: string, count: number, state = 'pending', claimedAgo?: string) {
  const session = await signInAs(t, 'unit_reporter', '33.SNV');
  const me = (await session.request('GET', '/api/auth/me')).json.user.id as number;
  await t.database.pool.query('update users set email = $1 where id = $2', [`${prefix}@snv.example.vn`, me]);
  const titles = Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
  for (const title of titles)
    await t.database.pool.query(
      `insert into notifications (user_id, kind, title, link, mail_state, mail_claimed_at)
        values ($1, 'report.return', $2, '/reports', $3, now() - $4::interval)`,
      [me, title, state, claimedAgo ?? '0 minutes'],
    );
  return titles.map((title) => `[Chiso] ${title}`);
}

const received = (prefix: string) =>
  smtp.received
    .map((mail) => mail.subject)
    .filter((subject) => subject.startsWith(`[Chiso] ${prefix}`))
    .sort();

describe('hand-off mail claims', () => {
  it('a mail claimed by a sender that died is sent again after the timeout, not before', async () => {
    expect(MAIL_CLAIM_TIMEOUT_MS).toBe(15 * 60_000);
    const dead = await handoffsFor('Bỏ dở lâu', 1, 'sending', '16 minutes');
    const recent = await handoffsFor('Đang gửi', 1, 'sending', '2 minutes');
    while ((await sendHandoffMail({ db: t.database.db, mailer, config })).sent > 0);
    expect(received('Bỏ dở lâu')).toEqual(dead);
    expect(received('Đang gửi')).toEqual([]);
    // Fourteen minutes on, the second claim is past the timeout too.
    const later = new Date(Date.now() + 14 * 60_000);
    expect(await sendHandoffMail({ db: t.database.db, mailer, config, now: later })).toEqual({
      sent: 1,
      failed: 0,
      noAddress: 0,
    });
    expect(received('Đang gửi')).toEqual(recent);
    expect(received('Bỏ dở lâu')).toEqual(dead);
    const states = await t.database.pool.query(
      `select distinct mail_state from notifications where title like 'Bỏ dở lâu%' or title like 'Đang gửi%'`,
    );
    expect(states.rows).toEqual([{ mail_state: 'sent' }]);
  });

  it('two live senders at once send each mail once', async () => {
    const expected = await handoffsFor('Hai tiến trình', 6);
    // Each sender holds its first mail until the other has started sending or finished: their passes overlap.
    const gate = () => {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { opened, open };
    };
    const sending = [gate(), gate()];
    const done = [gate(), gate()];
    const senderOf = (i: 0 | 1): Mailer => ({
      async send(mail: OutgoingMail) {
        sending[i]?.open();
        const other = 1 - i;
        await Promise.race([sending[other]?.opened, done[other]?.opened]);
        await mailer.send(mail);
      },
      close() {},
    });
    const outcomes = await Promise.all(
      ([0, 1] as const).map((i) =>
        sendHandoffMail({ db: t.database.db, mailer: senderOf(i), config }).finally(() => done[i]?.open()),
      ),
    );
    expect(outcomes.reduce((sum, outcome) => sum + outcome.sent, 0)).toBe(6);
    expect(received('Hai tiến trình')).toEqual([...expected].sort());
  });
});
