import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AppError, msg } from '../../core/errors.ts';
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
  MAX_REQUESTS,
  OPEN311_KINDS,
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
import type { DbOrTx } from '../db/engine.ts';
import { feedbackCategories, feedbackItems, units } from '../db/schema/index.ts';

/**
 * GeoReport v2 over citizens' feedback: the services are the province's active feedback categories,
 * their one definition asks for the commune or ward (required: there are no commune boundaries to find
 * it from a map point) and the kind of petition; a request is a petition by its tracking code. Reading
 * shows what the public page shows (the text, the category, the handling unit, the status and outcome)
 * and never a name, a contact, a note, a complaint or a denunciation; spam is never listed. Writing
 * needs a registered client's api_key and goes through the feedback intake like the public form.
 */
/** The day this API's documents last changed (discovery's `changeset`). */
const CHANGESET = '2026-12-03T00:00:00+07:00';

export const say = (message: { vi: string; en: string }, locale: Locale) =>
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
export async function categoryOf(db: DbOrTx, code: string) {
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
