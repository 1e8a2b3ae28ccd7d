import type { FastifyReply } from 'fastify';
import { foldVietnamese } from '../../core/text/vietnamese.ts';

/** Content-Disposition for a download named in Vietnamese (RFC 6266: ASCII fallback + UTF-8 name). */
export function attachment(fileName: string): string {
  const ascii = foldVietnamese(fileName).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a file as a download: never rendered in the page (attachment, a sandboxing CSP, and helmet's
 * nosniff), so an uploaded file is never executed in the browser.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; data: Buffer },
): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachment(file.fileName))
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.data);
}
