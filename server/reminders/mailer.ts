import nodemailer from 'nodemailer';
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
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(
    {
      url: config.smtpUrl,
      // A dead mail server must not hold a reminder run for nodemailer's default two minutes per mail.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    },
    { from: config.mailFrom },
  );
  return {
    send: async (mail) => {
      // base64 keeps Vietnamese text intact through any relay (quoted-printable would escape most of it anyway).
      await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        textEncoding: 'base64',
      });
    },
    close: () => transport.close(),
  };
}
