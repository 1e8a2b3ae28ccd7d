import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError, type FieldIssue, fieldError, fromZod, msg } from '../../core/errors.ts';
import { submitFeedbackSchema } from '../../core/feedback/feedback-schemas.ts';
import {
  COMMUNE_ATTRIBUTE,
  type Document,
  KIND_ATTRIBUTE,
  type Locale,
  list,
  MAX_DESCRIPTION,
  OPEN311_KINDS,
  type Open311Kind,
  serviceNotice,
} from '../../core/open311/georeport.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import { feedbackSubmissionCounts } from '../db/schema/index.ts';
import { submitByClient } from '../feedback/feedback-intake.ts';
import { clientOfKey } from './open311-clients.ts';
import { assertJurisdiction, categoryOf, say } from './open311-service.ts';

/**
 * A registered client's POST requests: its api_key (403), the jurisdiction (404), the service (400
 * absent, 404 unknown), the standard's arguments read from a urlencoded form or JSON, then the petition
 * checked by the feedback schema and taken in by the intake like the public form's, counted against
 * the client's hourly limit in the storing transaction.
 */
export const CLIENT_REQUESTS_PER_HOUR = 500;
const HOUR = 3_600_000;

/** The POST arguments as sent (urlencoded `attribute[commune]=…`, or the same names in JSON). */
export type PostBody = Record<string, unknown>;

const text = (value: unknown): string | undefined => {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** `attribute[code]` from a urlencoded form, or `attribute: { code }` from JSON. */
function attribute(body: PostBody, code: string): string | undefined {
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested))
    return text((nested as Record<string, unknown>)[code]);
  return text(body[`attribute[${code}]`]);
}

/** Our field names as the standard's arguments, so a refusal names what the client sent. */
const ARGUMENT: Record<string, string> = {
  text: 'description',
  communeCode: `attribute[${COMMUNE_ATTRIBUTE}]`,
  kind: `attribute[${KIND_ATTRIBUTE}]`,
  contactPhone: 'phone',
  contactEmail: 'email',
  citizenName: 'first_name',
  categoryCode: 'service_code',
};
export const argumentOf = (path: string) => ARGUMENT[path] ?? path;

function coordinate(body: PostBody, name: 'lat' | 'long', limit: number): number | null {
  const value = text(body[name]);
  if (value === undefined) return null;
  const number = Number(value);
  if (!Number.isFinite(number) || Math.abs(number) > limit)
    throw fieldError(
      name,
      msg(
        `${name} phải là số trong khoảng -${limit} đến ${limit} (WGS 84).`,
        `${name} must be a number from -${limit} to ${limit} (WGS 84).`,
      ),
    );
  return number;
}

/** The location the standard requires: lat and long together, or an address string or id. */
function place(body: PostBody) {
  const lat = coordinate(body, 'lat', 90);
  const lng = coordinate(body, 'long', 180);
  const address = text(body.address_string) ?? text(body.address_id);
  if ((lat === null) !== (lng === null))
    throw fieldError(
      lat === null ? 'lat' : 'long',
      msg('lat và long phải gửi cùng nhau.', 'lat and long must be sent together.'),
    );
  if (lat === null && address === undefined)
    throw fieldError(
      'lat',
      msg(
        'Cần vị trí: lat và long, hoặc address_string.',
        'A location is needed: lat and long, or address_string.',
      ),
    );
  if (address !== undefined && address.length > 300)
    throw fieldError('address_string', msg('Tối đa 300 ký tự.', 'At most 300 characters.'));
  return { lat, lng, placeText: address ?? null };
}

const BAD_KEY = () =>
  new AppError(
    'FORBIDDEN',
    msg(
      'api_key không đúng hoặc đã bị thu hồi: ứng dụng cần được tỉnh đăng ký để gửi phản ánh.',
      'The api_key is wrong or revoked: an application must be registered by the province to send petitions.',
    ),
  );

/** Counts one request of the client this hour (atomic, in the storing transaction); past the limit it is refused. */
async function countClientRequest(tx: Tx, clientId: number, now: Date) {
  const hour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const [row] = await tx
    .insert(feedbackSubmissionCounts)
    .values({ addressHash: `open311-client:${clientId}`, hour, count: 1 })
    .onConflictDoUpdate({
      target: [feedbackSubmissionCounts.addressHash, feedbackSubmissionCounts.hour],
      set: { count: sql`${feedbackSubmissionCounts.count} + 1` },
    })
    .returning({ count: feedbackSubmissionCounts.count });
  if ((row?.count ?? 0) > CLIENT_REQUESTS_PER_HOUR)
    throw new AppError(
      'RATE_LIMITED',
      msg(
        `Mỗi ứng dụng gửi được tối đa ${CLIENT_REQUESTS_PER_HOUR} phản ánh trong một giờ. Vui lòng thử lại sau.`,
        `An application may send at most ${CLIENT_REQUESTS_PER_HOUR} petitions an hour. Try again later.`,
      ),
      { retryAfterSeconds: Math.ceil((hour.getTime() + HOUR - now.getTime()) / 1000) },
    );
}

/**
 * POST a request: the client by its api_key (403), the jurisdiction (404), the service (400 absent,
 * 404 unknown), then the petition checked by the feedback schema and taken in by the intake. The answer
 * carries the tracking code, the client's token and the answer's deadline; a repeat of the same text
 * about the same commune within a day answers with the earlier code and no new token.
 */
export async function postRequest(
  ctx: ServiceContext,
  body: PostBody,
  locale: Locale,
  publicUrl: string,
): Promise<Document> {
  const client = await clientOfKey(ctx.db, text(body.api_key));
  if (!client) throw BAD_KEY();
  await assertJurisdiction(ctx.db, text(body.jurisdiction_id));
  const serviceCode = text(body.service_code);
  if (!serviceCode)
    throw fieldError(
      'service_code',
      msg('Thiếu service_code (lĩnh vực).', 'service_code (the category) is missing.'),
    );
  await categoryOf(ctx.db, serviceCode);
  if (text(body.media_url) !== undefined)
    throw fieldError(
      'media_url',
      msg(
        'Chưa nhận ảnh qua media_url: ảnh ở nơi khác có thể mang vị trí, tên người chụp mà hệ thống không kiểm tra được. Hãy gửi lại không kèm media_url; ảnh có thể gửi qua trang /phan-anh.',
        'Media by media_url is not accepted: a picture elsewhere may carry a location or a name the system cannot check. Send again without media_url; pictures can be sent on the /phan-anh page.',
      ),
    );
  const location = place(body);
  const communeCode = attribute(body, COMMUNE_ATTRIBUTE);
  if (!communeCode)
    throw fieldError(
      'communeCode',
      msg('Hãy chọn xã, phường liên quan.', 'Choose the commune or ward concerned.'),
    );
  const kind = attribute(body, KIND_ATTRIBUTE) ?? 'pakn_general';
  if (!OPEN311_KINDS.includes(kind as Open311Kind))
    throw fieldError(
      'kind',
      msg(
        `Loại "${kind}" không gửi được qua ứng dụng; chọn ${OPEN311_KINDS.join(', ')}.`,
        `The kind "${kind}" cannot be sent through an app; choose ${OPEN311_KINDS.join(', ')}.`,
      ),
    );
  // An empty argument is an absent one (the standard's "optional arguments").
  const description =
    typeof body.description === 'string' && body.description.trim() !== '' ? body.description : undefined;
  if (description !== undefined && description.trim().length > MAX_DESCRIPTION)
    throw fieldError(
      'text',
      msg(`Tối đa ${MAX_DESCRIPTION} ký tự.`, `At most ${MAX_DESCRIPTION} characters.`),
    );
  const name = [text(body.last_name), text(body.first_name)].filter(Boolean).join(' ');
  const parsed = submitFeedbackSchema.safeParse({
    kind,
    categoryCode: serviceCode,
    communeCode,
    text: description,
    citizenName: name || null,
    publishName: false,
    contactPhone: text(body.phone) ?? null,
    contactEmail: text(body.email) ?? null,
    contactAddress: null,
    keepLocation: false,
  });
  if (!parsed.success) {
    const fields: FieldIssue[] = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: fromZod(issue.message),
    }));
    throw new AppError('VALIDATION_FAILED', undefined, { fields });
  }
  const clientToken = randomBytes(18).toString('base64url');
  const sent = await submitByClient(
    { ...ctx, actor: { userId: null, name: client.name } },
    {
      input: parsed.data,
      client: { id: client.id, channel: client.channel as 'app' | 'portal', token: clientToken },
      place: location,
    },
    { within: (tx) => countClientRequest(tx, client.id, nowOf(ctx)) },
  );
  if (sent.duplicate)
    return {
      root: 'service_requests',
      body: list('request', [{ service_request_id: sent.code, service_notice: say(sent.message, locale) }]),
    };
  return {
    root: 'service_requests',
    body: list('request', [
      {
        service_request_id: sent.code,
        token: clientToken,
        service_notice: serviceNotice('received', sent.dueOn, locale),
        // Beyond the standard: the sender's private page (rate the answer, reopen it, add what the unit
        // asks), for the app to hand to the citizen it relays; nobody else is given it.
        private_url: `${publicUrl}${sent.link}`,
      },
    ]),
  };
}
