import type { Config } from '../config.ts';
import type { Mailer, OutgoingMail } from '../reminders/mailer.ts';

/**
 * The SMS gateway as the outbox's sender: each message is one POST of JSON {"to", "text"} to
 * CHISO_SMS_URL, with CHISO_SMS_TOKEN as a bearer token when set. Providers differ (Viettel, VNPT,
 * eSMS …): a province puts its provider's adapter behind that address. Anything but a 2xx within 15 s
 * is a failure, and the outbox tries the message again on a later pass. Null when no gateway is set.
 */
export const SMS_TIMEOUT_MS = 15_000;

export function createSmsGateway(config: Pick<Config, 'smsUrl' | 'smsToken'>): Mailer | null {
  const { smsUrl, smsToken } = config;
  if (!smsUrl) return null;
  return {
    async send(message: OutgoingMail) {
      for (const to of message.to) {
        const reply = await fetch(smsUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(smsToken ? { authorization: `Bearer ${smsToken}` } : {}),
          },
          body: JSON.stringify({ to, text: message.text }),
          signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
        });
        // The body is not needed; reading it frees the connection.
        await reply.arrayBuffer().catch(() => undefined);
        if (!reply.ok) throw new Error(`SMS gateway answered ${reply.status}`);
      }
    },
    close() {},
  };
}
