import { createHash, randomBytes } from 'node:crypto';
import { AppError, msg } from '../../core/errors.ts';
import { OID, readTimestamp } from './cms.ts';
import { algorithm, bool, child, content, integer, octets, raw, readDer, sequence } from './der.ts';

const unreachable = (url: string, detail: string) =>
  new AppError(
    'INTERNAL',
    msg(
      `Không lấy được dấu thời gian từ máy chủ ${url} (${detail}).`,
      `Could not get a timestamp from the server ${url} (${detail}).`,
    ),
  );

/** An RFC 3161 TimeStampToken over `signature` (the CMS signature value), asked of `url` over HTTP. */
export async function requestTimestamp(url: string, signature: Buffer, timeoutMs = 15_000): Promise<Buffer> {
  const imprint = createHash('sha256').update(signature).digest();
  const request = sequence(
    integer(1),
    sequence(algorithm(OID.sha256), octets(imprint)),
    integer(randomBytes(8)),
    bool(true),
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: request,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw unreachable(
      url,
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error),
    );
  }
  if (!response.ok) throw unreachable(url, `HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  try {
    const reply = readDer(body);
    const status = Number(content(child(child(reply, 0), 0, 0x02))[0]);
    if (status !== 0 && status !== 1) throw unreachable(url, `PKIStatus ${status}`);
    const token = Buffer.from(raw(child(reply, 1)));
    if (!readTimestamp(token, signature).valid)
      throw unreachable(url, 'the token does not stamp this signature');
    return token;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreachable(url, 'unreadable TimeStampResp');
  }
}
