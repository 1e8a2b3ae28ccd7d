import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  atPath,
  ERROR_CODES,
  type ErrorCode,
  type FieldIssue,
  fromZod,
  inLocale,
  msg,
  type RowIssue,
} from '../../core/errors.ts';
import { isConnectionLoss } from '../db/cluster-pool.ts';

/** The single code → HTTP status table. */
const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  IMPORT_REJECTED: 400,
  UNSUPPORTED_FILE: 400,
  DOSSIER_COLUMNS_UNMAPPED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  INSTALLATION_WIDE_ONLY: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SIGN_IN_THROTTLED: 429,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** The envelope in the reader's language (Vietnamese when unknown): the message and every field and row message. */
export function envelope(error: AppError, locale?: string | null): ErrorEnvelope {
  const { fields, rows, ...rest } = error.details;
  const details: Record<string, unknown> = {
    ...rest,
    ...(fields && {
      fields: fields.map((field: FieldIssue) => ({ ...field, message: inLocale(field.message, locale) })),
    }),
    ...(rows && { rows: rows.map((row: RowIssue) => ({ ...row, reason: inLocale(row.reason, locale) })) }),
  };
  const hasDetails = Object.keys(details).length > 0;
  return {
    error: { code: error.code, message: inLocale(error.text, locale), ...(hasDetails ? { details } : {}) },
  };
}

/** The reader's language: the page's (sent by the web app on every request), else the account's. */
export function readerLocale(request: FastifyRequest): string | null {
  const shown = request.headers['x-chiso-locale'];
  if (shown === 'vi' || shown === 'en') return shown;
  return request.user?.locale ?? null;
}

/** Turns anything thrown in a route into the one error envelope; unknown errors are logged, never shown. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError & { validation?: unknown; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const fields: FieldIssue[] = fastifyError.validation.map((issue) => ({
      path:
        issue.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
        String(fastifyError.validationContext ?? ''),
      message: issue.message ? fromZod(issue.message) : ERROR_CODES.VALIDATION_FAILED,
    }));
    const first = fields[0];
    return new AppError('VALIDATION_FAILED', first && atPath(first), { fields });
  }
  if (fastifyError.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fastifyError.code === 'FST_REQ_FILE_TOO_LARGE' || fastifyError.statusCode === 413) {
    return new AppError('PAYLOAD_TOO_LARGE');
  }
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
    fastifyError.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE'
  ) {
    return new AppError('UNSUPPORTED_FILE');
  }
  if (fastifyError.statusCode === 400) {
    return new AppError(
      'VALIDATION_FAILED',
      msg(`Yêu cầu không hợp lệ: ${fastifyError.message}`, `Invalid request: ${fastifyError.message}`),
    );
  }
  // The database server was lost or is changing (a failover): nothing of this request was committed.
  if (isConnectionLoss(error))
    return new AppError('DATABASE_UNAVAILABLE', undefined, { retryAfterSeconds: 3 });
  return new AppError('INTERNAL');
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  const status = httpStatusOf(appError.code);
  const userId = request.user?.userId;
  if (status >= 500) request.log.error({ err: error, userId }, 'request failed');
  else request.log.info({ code: appError.code, userId }, 'request refused');
  const retryAfter = appError.details.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.status(status).send(envelope(appError, readerLocale(request)));
}
