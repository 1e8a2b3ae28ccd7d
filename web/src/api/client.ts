import { ERROR_CODES } from '../../../core/errors.ts';
import { currentLocale } from '../i18n/locale.tsx';

/**
 * The one way the web app talks to the API: JSON, the session cookie, the CSRF header on writes, and
 * the page's language on every request, so the server words its refusals (message, fields, rows) in it.
 */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A bad cell of an imported file as the server answers it: the reason in the page's language. */
export interface RowIssue {
  row: number;
  column: string;
  reason: string;
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
  // The language the page is shown in: the server's refusals and what it writes for a person follow it.
  headers['x-chiso-locale'] = currentLocale();
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
    const general = ERROR_CODES[code as keyof typeof ERROR_CODES] ?? ERROR_CODES.INTERNAL;
    // The server answered in the page's language; a body that is not an envelope gets its code's words.
    const message: string = typeof error?.message === 'string' ? error.message : general[currentLocale()];
    throw new ApiError(response.status, code, message, error?.details);
  }
  return payload as T;
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
