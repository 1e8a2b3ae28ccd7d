/**
 * What the request log keeps of a request: Fastify's own fields, with the query string of the paths
 * that carry a citizen's private token (the feedback API and the web page of the private link, the survey's resume link)
 * replaced, so the token never reaches a log file; and of the lists whose search may be a citizen's
 * words, name or ID number (the feedback inbox and its export, the reception register): personal data
 * stays where it is kept.
 */
const PRIVATE_QUERY_PATHS = [
  '/api/public/feedback',
  '/phan-anh/',
  '/khao-sat/',
  '/api/reception/entries',
  '/api/feedback',
];

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const path = url.slice(0, at);
  return PRIVATE_QUERY_PATHS.some((prefix) => path.startsWith(prefix)) ? `${path}?[redacted]` : url;
}

interface LoggedRequest {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's default request serializer, with the URL redacted. */
export function logRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: request.headers?.['accept-version'] as string | undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
