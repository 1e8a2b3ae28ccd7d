import type { FastifyInstance } from 'fastify';
import { fieldError, msg } from '../../core/errors.ts';

/** The path of the first string (value or key) holding a NUL byte, or null. Depth-bounded: bodies are ≤ 1 MB. */
export function nulBytePath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (typeof value !== 'object' || value === null || depth > 64) return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '')].join('.');
    const found = nulBytePath(child, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * PostgreSQL text cannot hold a NUL byte (it answers "invalid byte sequence"), so a NUL anywhere in a
 * path, query or JSON body is refused before any route runs, as a 400 naming the field.
 */
export function refuseNulBytes(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const path = nulBytePath(part);
      if (path === null) continue;
      const at = path ? `${path}: ` : '';
      throw fieldError(
        path,
        msg(`${at}Không được chứa ký tự NUL (\\0).`, `${at}Cannot contain a NUL character (\\0).`),
      );
    }
  });
}
