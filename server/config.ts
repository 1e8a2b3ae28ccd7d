import { resolve } from 'node:path';
import { z } from 'zod';

/** The one typed view of the environment, validated at boot. */
export const DEV_SECRET = 'chiso-development-secret-do-not-use-in-production';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  CHISO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Streaming replicas for reads that tolerate a little lag (GET requests): one URL, several hosts in
   * libpq's form (postgres://chiso@db2:5432,db3:5432/chiso). Requires DATABASE_URL.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How far behind (milliseconds) a replica may be and still answer such a read. */
  DATABASE_READ_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  CHISO_SECRET: z.string().optional(),
  /** Load the demo province and demo accounts on an empty database (never in production). */
  CHISO_DEMO: z.enum(['true', 'false']).optional(),
  /** With the demo: eight quarters of generated one-stop dossiers for its dashboards (false: none). */
  CHISO_DEMO_DOSSIERS: z.enum(['true', 'false']).optional(),
  /** With the demo: a year in progress (the province's plan, the quarter's reports, assessment rounds); false: none. */
  CHISO_DEMO_YEAR: z.enum(['true', 'false']).optional(),
  CHISO_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** How long a read cache may answer without the database when nothing changed; 0 turns them off. */
  CHISO_READ_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Where reminder e-mails go out, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start); unset: no e-mail. */
  CHISO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'CHISO_SMTP_URL must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CHISO_MAIL_FROM: z.string().min(3).default('Chiso <no-reply@localhost>'),
  /**
   * The SMS gateway citizens who left only a phone number are told through: Chiso POSTs JSON
   * {"to": "+84…", "text": "…"} there (with CHISO_SMS_TOKEN as a bearer token); unset: no SMS.
   */
  CHISO_SMS_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CHISO_SMS_TOKEN: z.string().optional(),
  /** The address users open the web app at: links in e-mails point there. */
  CHISO_PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** The Tesseract OCR program (a name on PATH or a path); scans are recognised only where it runs with its Vietnamese model. */
  CHISO_TESSERACT: z.string().min(1).default('tesseract'),
  /** LibreOffice's soffice (a path); unset: /usr/bin/soffice, /usr/bin/libreoffice or soffice on PATH, where present. */
  CHISO_SOFFICE: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Tests only: the day the server believes it is when it starts (then the clock runs on); never in production. */
  CHISO_NOW: z.iso
    .datetime({ offset: true })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Replicas reads may go to, and how far behind they may be. */
  databaseReadUrl: string | undefined;
  readMaxLagMs: number;
  secret: string;
  loadDemo: boolean;
  loadDemoDossiers: boolean;
  loadDemoYear: boolean;
  trustProxy: boolean;
  logLevel: string;
  isProduction: boolean;
  readCacheMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsUrl: string | undefined;
  smsToken: string | undefined;
  publicUrl: string;
  /** CHISO_PUBLIC_URL was set: links shown to people (the desk's survey link) use it, else the request's host. */
  publicUrlGiven: boolean;
  /** The instant the server's clock starts at (tests), or undefined: the system's time. */
  now: string | undefined;
  /** Programs the document reader runs where present: Tesseract for scans, LibreOffice for .doc. */
  tools: { tesseract: string; soffice: string | undefined };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  if (values.DATABASE_READ_URL && !values.DATABASE_URL) {
    throw new ConfigError(
      'DATABASE_READ_URL (bản sao chỉ đọc) cần DATABASE_URL (máy chủ chính).\n' +
        'DATABASE_READ_URL (read replicas) needs DATABASE_URL (the primary).',
    );
  }
  const isProduction = values.NODE_ENV === 'production';
  const secret = values.CHISO_SECRET ?? DEV_SECRET;
  const loadDemo = !isProduction && values.CHISO_DEMO !== 'false';
  if (isProduction && values.CHISO_NOW) {
    throw new ConfigError(
      'CHISO_NOW chỉ dùng khi kiểm thử, không đặt khi chạy NODE_ENV=production.\n' +
        'CHISO_NOW is for tests only and may not be set in production.',
    );
  }
  if (isProduction && (secret === DEV_SECRET || secret.length < 32)) {
    throw new ConfigError(
      'CHISO_SECRET phải được đặt (ít nhất 32 ký tự, không dùng giá trị mặc định) khi chạy NODE_ENV=production.\n' +
        'Set CHISO_SECRET to a random value of at least 32 characters in production (e.g. `openssl rand -hex 32`).',
    );
  }
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    dataDir: resolve(values.CHISO_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    databaseReadUrl: values.DATABASE_READ_URL,
    readMaxLagMs: values.DATABASE_READ_MAX_LAG_MS,
    secret,
    loadDemo,
    loadDemoDossiers: loadDemo && values.CHISO_DEMO_DOSSIERS !== 'false',
    loadDemoYear: loadDemo && values.CHISO_DEMO_YEAR !== 'false',
    trustProxy: values.CHISO_TRUST_PROXY === 'true',
    logLevel: values.LOG_LEVEL ?? (values.NODE_ENV === 'test' ? 'silent' : 'info'),
    isProduction,
    readCacheMs: values.CHISO_READ_CACHE_SECONDS * 1000,
    smtpUrl: values.CHISO_SMTP_URL,
    mailFrom: values.CHISO_MAIL_FROM,
    smsUrl: values.CHISO_SMS_URL,
    smsToken: values.CHISO_SMS_TOKEN || undefined,
    publicUrl: values.CHISO_PUBLIC_URL.replace(/\/+$/, ''),
    publicUrlGiven: Boolean(env.CHISO_PUBLIC_URL),
    now: values.CHISO_NOW,
    tools: { tesseract: values.CHISO_TESSERACT, soffice: values.CHISO_SOFFICE },
  };
}
