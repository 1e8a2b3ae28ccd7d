import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AppError, type FieldIssue, fieldError, fromZod, msg } from '../../core/errors.ts';
import { submitFeedbackSchema } from '../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_KINDS } from '../../core/feedback/kinds.ts';
import { normaliseTrackingCode } from '../../core/feedback/tracking-code.ts';
import type { FeedbackOutcome, FeedbackStatus } from '../../core/feedback/workflow.ts';
import {
  COMMUNE_ATTRIBUTE,
  commaList,
  type Document,
  expectedDatetime,
  KIND_ATTRIBUTE,
  type Locale,
  list,
  MAX_DESCRIPTION,
  MAX_REQUESTS,
  OPEN311_KINDS,
  type Open311Kind,
  open311Status,
  requestWindow,
  SPECIFICATION,
  serviceNotice,
  statusNotes,
  w3cDatetime,
} from '../../core/open311/georeport.ts';
import { compareVietnamese } from '../../core/text/vietnamese.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { feedbackCategories, feedbackItems, feedbackSubmissionCounts, units } from '../db/schema/index.ts';
import { submitByClient } from '../feedback/feedback-intake.ts';
import { clientOfKey } from './open311-clients.ts';

/**
 * GeoReport v2 over citizens' feedback: the services are the province's active feedback categories,
 * their one definition asks for the commune or ward (required: there are no commune boundaries to find
 * it from a map point) and the kind of petition; a request is a petition by its tracking code. Reading
 * shows what the public page shows (the text, the category, the handling unit, the status and outcome)
 * and never a name, a contact, a note, a complaint or a denunciation; spam is never listed. Writing
 * needs a registered client's api_key and goes through the feedback intake like the public form.
 */
export const CLIENT_REQUESTS_PER_HOUR = 500;
const HOUR = 3_600_000;
/** The day this API's documents last changed (discovery's `changeset`). */
const CHANGESET = '2026-12-03T00:00:00+07:00';

const say = (message: { vi: string; en: string }, locale: Locale) =>
  locale === 'en' ? message.en : message.vi;

/** The province this installation serves: its DVHC code is the `jurisdiction_id`. */
async function province(db: DbOrTx) {
  const [row] = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.type, 'province'), isNull(units.validTo)))
    .orderBy(asc(units.id))
    .limit(1);
  return row ?? { code: '', name: '' };
}

/** A `jurisdiction_id` other than the province's is not found (404); absent or empty, it is ours. */
export async function assertJurisdiction(db: DbOrTx, jurisdictionId: string | undefined) {
  if (!jurisdictionId) return;
  const ours = await province(db);
  if (jurisdictionId.trim() === ours.code) return;
  throw new AppError(
    'NOT_FOUND',
    msg(
      `Không có jurisdiction_id "${jurisdictionId}": hệ thống này phục vụ ${ours.name}, jurisdiction_id là "${ours.code}".`,
      `No jurisdiction_id "${jurisdictionId}": this system serves ${ours.name}, whose jurisdiction_id is "${ours.code}".`,
    ),
  );
}

export async function discovery(db: DbOrTx, origin: string, locale: Locale): Promise<Document> {
  const ours = await province(db);
  const where = say(
    msg(
      `Ứng dụng được ${ours.name} cấp khóa (api_key) tại Chiso, mục Phản ánh → Ứng dụng gửi phản ánh.`,
      `An application gets its api_key from ${ours.name} in Chiso, under Feedback → Applications sending feedback.`,
    ),
    locale,
  );
  return {
    root: 'discovery',
    body: {
      changeset: CHANGESET,
      contact: where,
      key_service: where,
      endpoints: list('endpoint', [
        {
          specification: SPECIFICATION,
          url: `${origin}/open311/v2`,
          changeset: CHANGESET,
          type: 'production',
          formats: list('format', ['text/xml', 'application/json']),
        },
      ]),
    },
  };
}

async function activeCategories(db: DbOrTx) {
  return db
    .select()
    .from(feedbackCategories)
    .where(eq(feedbackCategories.isActive, true))
    .orderBy(asc(feedbackCategories.position));
}

const GROUP = msg('Phản ánh, kiến nghị', 'Feedback and proposals');

export async function services(db: DbOrTx, locale: Locale): Promise<Document> {
  const categories = await activeCategories(db);
  return {
    root: 'services',
    body: list(
      'service',
      categories.map((category) => {
        const name = say({ vi: category.nameVi, en: category.nameEn }, locale);
        return {
          service_code: category.code,
          service_name: name,
          description: say(
            msg(
              `Phản ánh, kiến nghị về ${category.nameVi.toLocaleLowerCase('vi')} gửi chính quyền tỉnh.`,
              `Feedback or a proposal on ${category.nameEn.toLowerCase()} to the province's authorities.`,
            ),
            locale,
          ),
          metadata: true,
          type: 'realtime',
          keywords: `${category.nameVi.toLocaleLowerCase('vi')}, ${category.nameEn.toLowerCase()}`,
          group: say(GROUP, locale),
        };
      }),
    ),
  };
}

/** An active category by its code, or 404 naming the code. */
async function categoryOf(db: DbOrTx, code: string) {
  const [category] = await db
    .select()
    .from(feedbackCategories)
    .where(and(eq(feedbackCategories.code, code), eq(feedbackCategories.isActive, true)));
  if (!category)
    throw new AppError(
      'NOT_FOUND',
      msg(
        `Không có dịch vụ (lĩnh vực) với service_code "${code}".`,
        `No service (category) with service_code "${code}".`,
      ),
    );
  return category;
}

export async function serviceDefinition(db: DbOrTx, code: string, locale: Locale): Promise<Document> {
  const category = await categoryOf(db, code);
  const communes = (
    await db
      .select({ code: units.code, name: units.name })
      .from(units)
      .where(and(eq(units.type, 'commune'), isNull(units.validTo)))
  ).sort((a, b) => compareVietnamese(a.name, b.name));
  return {
    root: 'service_definition',
    body: {
      service_code: category.code,
      attributes: list('attribute', [
        {
          variable: true,
          code: COMMUNE_ATTRIBUTE,
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: say(
            msg(
              'Mã xã, phường theo danh mục đơn vị hành chính từ 01/07/2025.',
              'The commune or ward code in the list of administrative units since 01/07/2025.',
            ),
            locale,
          ),
          order: 1,
          description: say(
            msg('Xã, phường nơi xảy ra sự việc được phản ánh.', 'The commune or ward the petition concerns.'),
            locale,
          ),
          values: list(
            'value',
            communes.map((commune) => ({ key: commune.code, name: commune.name })),
          ),
        },
        {
          variable: true,
          code: KIND_ATTRIBUTE,
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: say(
            msg(
              'Không chọn: phản ánh, kiến nghị chung. Khiếu nại, tố cáo không gửi qua ứng dụng: người gửi phải ký đơn.',
              'None chosen: general feedback. Complaints and denunciations are not sent through an app: their sender must sign.',
            ),
            locale,
          ),
          order: 2,
          description: say(msg('Loại phản ánh, kiến nghị.', 'The kind of petition.'), locale),
          values: list(
            'value',
            OPEN311_KINDS.map((kind) => ({ key: kind, name: say(FEEDBACK_KINDS[kind], locale) })),
          ),
        },
      ]),
    },
  };
}

// --- reading requests ---

const commune = alias(units, 'commune');
const handling = alias(units, 'handling');

/** Only what the public page of a petition shows; complaints and denunciations are their senders' alone. */
async function publicRequests(db: DbOrTx, where: SQL, limit: number) {
  return db
    .select({
      code: feedbackItems.code,
      status: feedbackItems.status,
      outcome: feedbackItems.outcome,
      categoryCode: feedbackItems.categoryCode,
      categoryVi: feedbackCategories.nameVi,
      categoryEn: feedbackCategories.nameEn,
      text: feedbackItems.text,
      handlingName: handling.name,
      communeName: commune.name,
      placeText: feedbackItems.placeText,
      lat: feedbackItems.lat,
      lng: feedbackItems.lng,
      dueOn: feedbackItems.dueOn,
      createdAt: feedbackItems.createdAt,
      updatedAt: feedbackItems.updatedAt,
    })
    .from(feedbackItems)
    .innerJoin(commune, eq(commune.id, feedbackItems.unitId))
    .innerJoin(handling, eq(handling.id, feedbackItems.handlingUnitId))
    .innerJoin(feedbackCategories, eq(feedbackCategories.code, feedbackItems.categoryCode))
    .where(and(eq(feedbackItems.procedure, 'petition'), where))
    .orderBy(desc(feedbackItems.createdAt), desc(feedbackItems.id))
    .limit(limit);
}
type PublicRow = Awaited<ReturnType<typeof publicRequests>>[number];

function present(row: PublicRow, locale: Locale) {
  const status = row.status as FeedbackStatus;
  return {
    service_request_id: row.code,
    status: open311Status(status),
    status_notes: statusNotes(status, row.outcome as FeedbackOutcome | null, locale),
    service_name: say({ vi: row.categoryVi, en: row.categoryEn }, locale),
    service_code: row.categoryCode,
    description: row.text,
    agency_responsible: row.handlingName,
    service_notice: serviceNotice(status, row.dueOn, locale),
    requested_datetime: w3cDatetime(row.createdAt),
    updated_datetime: w3cDatetime(row.updatedAt),
    expected_datetime: expectedDatetime(status, row.dueOn),
    address: [row.placeText, row.communeName].filter(Boolean).join(', '),
    lat: row.lat,
    long: row.lng,
    media_url: null,
  };
}

const requestsDocument = (rows: PublicRow[], locale: Locale): Document => ({
  root: 'service_requests',
  body: list(
    'request',
    rows.map((row) => present(row, locale)),
  ),
});

const notSpam = or(isNull(feedbackItems.outcome), ne(feedbackItems.outcome, 'spam')) as SQL;

export interface RequestsQuery {
  service_request_id?: string | undefined;
  service_code?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  status?: string | undefined;
}

const invalid = (message: { vi: string; en: string }) => new AppError('VALIDATION_FAILED', message);

/**
 * GET requests: by their ids (which overrides every other argument), else by service codes, statuses
 * and a window of requested_datetime (90 days by default, never longer); the most recent first, at most
 * 1000. Spam is never listed.
 */
export async function requests(ctx: ServiceContext, query: RequestsQuery, locale: Locale) {
  const ids = commaList(query.service_request_id);
  if (ids.length > 0) {
    const codes = ids.map((id) => normaliseTrackingCode(id)).filter((code) => code !== null);
    if (codes.length === 0) return requestsDocument([], locale);
    return requestsDocument(
      await publicRequests(ctx.db, and(inArray(feedbackItems.code, codes), notSpam) as SQL, MAX_REQUESTS),
      locale,
    );
  }
  const statuses = commaList(query.status);
  const wrong = statuses.find((status) => status !== 'open' && status !== 'closed');
  if (wrong)
    throw invalid(
      msg(
        `status chỉ nhận open, closed (không có "${wrong}").`,
        `status takes open, closed (not "${wrong}").`,
      ),
    );
  const window = requestWindow(query.start_date, query.end_date, nowOf(ctx));
  if (!window.ok) throw invalid(window.message);
  const conditions: SQL[] = [
    notSpam,
    gte(feedbackItems.createdAt, window.from),
    lte(feedbackItems.createdAt, window.to),
  ];
  const codes = commaList(query.service_code);
  if (codes.length > 0) conditions.push(inArray(feedbackItems.categoryCode, codes));
  if (statuses.length === 1)
    conditions.push(
      statuses[0] === 'closed' ? eq(feedbackItems.status, 'closed') : ne(feedbackItems.status, 'closed'),
    );
  return requestsDocument(await publicRequests(ctx.db, and(...conditions) as SQL, MAX_REQUESTS), locale);
}

const NO_REQUEST = (id: string) =>
  new AppError(
    'NOT_FOUND',
    msg(`Không có phản ánh công khai với mã "${id}".`, `No public petition with the code "${id}".`),
  );

/** GET a request by its tracking code: a list of one, as the standard has it. */
export async function request(ctx: ServiceContext, id: string, locale: Locale) {
  const code = normaliseTrackingCode(id);
  const rows = code ? await publicRequests(ctx.db, eq(feedbackItems.code, code), 1) : [];
  if (rows.length === 0) throw NO_REQUEST(id);
  return requestsDocument(rows, locale);
}

/** GET the service_request_id a client's token stands for. */
export async function token(ctx: ServiceContext, value: string): Promise<Document> {
  const [row] = await ctx.db
    .select({ code: feedbackItems.code })
    .from(feedbackItems)
    .where(eq(feedbackItems.clientToken, value));
  if (!row) throw new AppError('NOT_FOUND', msg(`Không có token "${value}".`, `No token "${value}".`));
  return {
    root: 'service_requests',
    body: list('request', [{ service_request_id: row.code, token: value }]),
  };
}

// --- a client's request ---

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
export async function postRequest(ctx: ServiceContext, body: PostBody, locale: Locale): Promise<Document> {
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
      },
    ]),
  };
}
