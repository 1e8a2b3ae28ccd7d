import { ERROR_CODES, type RowIssue } from '../../../core/errors.ts';
import { currentLocale } from '../i18n/locale.tsx';

/** The one way the web app talks to the API: JSON, the session cookie, the CSRF header on writes. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldIssue[];
  readonly rows: RowIssue[];
  /** The envelope's details as sent, for refusals that carry more than fields and rows. */
  readonly details: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: { fields?: FieldIssue[]; rows?: RowIssue[] } & Record<string, unknown>,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = details?.fields ?? [];
    this.rows = details?.rows ?? [];
    this.details = details ?? null;
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** `keepalive`: the request outlives the page (a save sent as the tab closes or reloads). */
export async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  options: { keepalive?: boolean } = {},
): Promise<T> {
  const isForm = body instanceof FormData;
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      keepalive: options.keepalive ?? false,
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      currentLocale() === 'en'
        ? 'Cannot reach the server. Check the network and try again.'
        : 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    );
  }
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error;
    if (response.status === 401 && !url.endsWith('/api/auth/login')) onUnauthenticated();
    const code: string = error?.code ?? 'INTERNAL';
    throw new ApiError(response.status, code, messageIn(code, error?.message), error?.details);
  }
  return payload as T;
}

/**
 * The server words a refusal in Vietnamese; where it said no more than its code's general message, the
 * English reader gets that message in English (a refusal naming a field keeps the server's words).
 */
function messageIn(code: string, message: string | undefined): string {
  const general = ERROR_CODES[code as keyof typeof ERROR_CODES];
  if (!general) return message ?? ERROR_CODES.INTERNAL.vi;
  if (message === undefined || message === general.vi) return general[currentLocale()];
  return message;
}

export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface ListResult<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
}
