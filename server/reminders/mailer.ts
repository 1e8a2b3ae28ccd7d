import type { Transporter } from 'nodemailer';
import type { Config } from '../config.ts';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP from CHISO_SMTP_URL, or null when e-mail is not configured (reminders are then in-app only). */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  const { smtpUrl } = config;
  if (!smtpUrl) return null;
  // nodemailer is loaded at the first mail, not at the server's start.
  let transport: Promise<Transporter> | null = null;
  const open = async () => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport(
      {
        url: smtpUrl,
        // A dead mail server must not hold a reminder run for nodemailer's default two minutes per mail.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      },
      { from: config.mailFrom },
    );
  };
  return {
    send: async (mail) => {
      transport ??= open();
      // base64 keeps Vietnamese text intact through any relay (quoted-printable would escape most of it anyway).
      await (await transport).sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        textEncoding: 'base64',
      });
    },
    close: () => {
      void transport?.then((open) => open.close());
    },
  };
}
