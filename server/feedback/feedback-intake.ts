import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { type ClockStep, dueDate, resumedDueDate, ruleInForce } from '../../core/feedback/clock-rules.ts';
import type { FeedbackChannel, StaffEntry, SubmitFeedback } from '../../core/feedback/feedback-schemas.ts';
import { decideIntake, FEEDBACK_KINDS, INTAKE_REFUSALS, type Procedure } from '../../core/feedback/kinds.ts';
import { trackingCode } from '../../core/feedback/tracking-code.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { type Audit, mutate, type ServiceContext } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { adminAreas, feedbackCategories, feedbackEvents, feedbackItems, units } from '../db/schema/index.ts';
import { attachEvidence } from '../files/evidence.ts';
import { assertPointInProvince } from '../geo/province-areas.ts';
import { countSubmission } from '../http/submission-limit.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { addEvent, type FeedbackContext, tellHandlingUnit } from './feedback-access.ts';
import { type Attachment, checkAttachments } from './feedback-attachments.ts';
import { readClockSettings, routeOf } from './feedback-settings.ts';

/**
 * Taking in what a citizen raises: on the public form without an account, or entered by staff from
 * the hotline, paper, Zalo or the portal. The intake tells the kinds apart (`decideIntake`), refuses a
 * commune of another province, answers a repeat of the same text about the same commune within a day
 * with the earlier code, holds off floods (5 public submissions per address per hour, counted in the
 * database), routes the item by the routing table, sets its first clock under the rule in force on
 * the day it arrived, and tells the handling unit. The citizen gets the tracking code and a private
 * link whose token is kept only as its SHA-256.
 */
export const SUBMISSIONS_PER_HOUR = 5;
export const CODE_PREFIX = 'PAKN';
const HOUR = 3_600_000;

/** The first clock of each procedure: a petition's answer, a complaint's acceptance, a denunciation's initial processing. */
const FIRST_CLOCK: Record<Procedure, ClockStep> = {
  petition: 'answer',
  complaint: 'accept',
  denunciation: 'initial',
};

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The installation's commune by its code in the 2025 list; another province's is refused by name. */
async function communeOf(db: DbOrTx, code: string) {
  const [unit] = await db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(and(eq(units.code, code), eq(units.type, 'commune'), isNull(units.validTo)));
  if (unit) return unit;
  const [area] = await db.select().from(adminAreas).where(eq(adminAreas.code, code));
  const ours = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.type, 'province'), isNull(units.validTo)));
  if (area?.level === 'commune' && !ours.some((province) => province.code === area.provinceCode)) {
    // The provinces as the state's list names them ("Tỉnh Hưng Yên"), not as their people's committee.
    const areaName = async (provinceCode: string | null) => {
      if (!provinceCode) return null;
      const [row] = await db
        .select({ name: adminAreas.name })
        .from(adminAreas)
        .where(eq(adminAreas.code, provinceCode));
      return row?.name ?? null;
    };
    // One after the other: `db` may be a transaction's single connection.
    const elsewhere = await areaName(area.provinceCode);
    const here: string[] = [];
    for (const entry of ours) here.push((await areaName(entry.code)) ?? entry.name);
    throw fieldError(
      'communeCode',
      msg(
        `${area.name} thuộc ${elsewhere ?? 'tỉnh khác'}, không thuộc ${here.join(', ')}: hãy gửi phản ánh đến ${elsewhere ?? 'tỉnh đó'}.`,
        `${area.name} belongs to ${elsewhere ?? 'another province'}, not to ${here.join(', ')}: send the petition to ${elsewhere ?? 'that province'}.`,
      ),
    );
  }
  throw fieldError(
    'communeCode',
    msg('Không có xã, phường với mã này trong tỉnh.', 'No commune or ward with this code in the province.'),
  );
}

async function assertCategory(db: DbOrTx, code: string) {
  const [category] = await db
    .select()
    .from(feedbackCategories)
    .where(and(eq(feedbackCategories.code, code), eq(feedbackCategories.isActive, true)));
  if (!category) throw fieldError('categoryCode', msg('Không có lĩnh vực này.', 'No such category.'));
  return category;
}

/** The kinds told apart: handled as its procedure, or the citizen told why not and where it belongs. */
function procedureOf(input: SubmitFeedback, flags: { signed: boolean; mixed: boolean }): Procedure {
  const identified = Boolean(
    input.citizenName && (input.contactPhone || input.contactEmail || input.contactAddress),
  );
  const decision = decideIntake({ kind: input.kind, identified, ...flags });
  if (decision.handled) return decision.procedure;
  const refusal = INTAKE_REFUSALS[decision.reason];
  throw new AppError('VALIDATION_FAILED', refusal, {
    fields: [{ path: 'kind', message: refusal }],
    refusal: decision.reason,
    basis: decision.basis,
  });
}

/** The earlier item with the same text about the same commune within the last day, if any. */
async function earlierDuplicate(db: DbOrTx, unitId: number, textKey: string, now: Date) {
  const [row] = await db
    .select({ code: feedbackItems.code })
    .from(feedbackItems)
    .where(
      and(
        eq(feedbackItems.unitId, unitId),
        eq(feedbackItems.textKey, textKey),
        gt(feedbackItems.createdAt, new Date(now.getTime() - 24 * HOUR)),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The unit the routing table names, while it is open; else (closed since the table was saved) the commune. */
async function routedUnit(db: DbOrTx, categoryCode: string, communeId: number) {
  const routed = await routeOf(db, categoryCode, communeId);
  if (routed === communeId) return communeId;
  const [open] = await db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(and(eq(units.id, routed), isNull(units.validTo)));
  return open ? open.id : communeId;
}

/** The first clock's deadline under the rule in force on the day it arrived, with the province's numbers. */
export async function firstDeadline(
  db: DbOrTx,
  kind: SubmitFeedback['kind'],
  procedure: Procedure,
  on: string,
) {
  const rule = ruleInForce(kind, FIRST_CLOCK[procedure], on, await readClockSettings(db));
  if (!rule) throw new Error(`no clock rule for ${kind} on ${on}`);
  const { calendar } = await loadReportingCalendar(db);
  return { dueOn: dueDate(on, rule, calendar), basis: rule.basis };
}

/**
 * A complaint or denunciation accepted (thụ lý) goes on to its resolution clock, counted from the day
 * of acceptance under the rule in force on the day it arrived (Luật Khiếu nại 2011 Điều 28: 30 days;
 * Luật Tố cáo 2018 Điều 30: 30 days). A petition keeps its answer deadline: null.
 */
export async function resolutionDeadline(
  db: DbOrTx,
  item: { kind: string; receivedOn: string },
  acceptedOn: string,
): Promise<{ dueOn: string; basis: string } | null> {
  const kind = item.kind as SubmitFeedback['kind'];
  if (FEEDBACK_KINDS[kind].procedure === 'petition') return null;
  const rule = ruleInForce(kind, 'resolve', item.receivedOn, await readClockSettings(db));
  if (!rule) return null;
  const { calendar } = await loadReportingCalendar(db);
  return { dueOn: dueDate(acceptedOn, rule, calendar), basis: rule.basis };
}

/**
 * The deadline after a step that moves the clock: forwarded, the competent unit's own clock starts that
 * day; reopened, a fresh one from the reopening; the citizen's reply to a question, the old deadline moved
 * by the working days the unit waited (core resumedDueDate). Other steps keep it.
 */
export async function movedDeadline(
  db: DbOrTx,
  item: { id: number; kind: string; dueOn: string },
  step: 'forward' | 'reopen' | 'info_given',
  today: string,
): Promise<string> {
  const kind = item.kind as SubmitFeedback['kind'];
  if (step !== 'info_given')
    return (await firstDeadline(db, kind, FEEDBACK_KINDS[kind].procedure, today)).dueOn;
  const [asked] = await db
    .select({ on: feedbackEvents.on })
    .from(feedbackEvents)
    .where(and(eq(feedbackEvents.feedbackId, item.id), eq(feedbackEvents.action, 'ask_info')))
    .orderBy(desc(feedbackEvents.id))
    .limit(1);
  if (!asked) return item.dueOn;
  const { calendar } = await loadReportingCalendar(db);
  return resumedDueDate(item.dueOn, asked.on, today, calendar);
}

interface Receipt {
  input: SubmitFeedback;
  channel: FeedbackChannel;
  procedure: Procedure;
  unitId: number;
  receivedOn: string;
  /** When it arrived by the app's clock: the repeat check counts a day back from it. */
  at: Date;
  files: Attachment[];
  createdBy: number | null;
  actorName: string;
  /** Where it is on a map and in words (an app sends them), and the Open311 client that pushed it with its token. */
  place?: { lat: number | null; lng: number | null; placeText: string | null };
  client?: { id: number; token: string };
  /** The private link's token when the caller derived it (the form page, `privateLinkToken`); else drawn. */
  token?: string;
}

/** Stores a new item with its first event, files and notification, inside the caller's transaction. */
async function receive(tx: Tx, audit: Audit, receipt: Receipt) {
  const { input } = receipt;
  const category = await assertCategory(tx, input.categoryCode);
  const lat = receipt.place?.lat ?? input.lat;
  const lng = receipt.place?.lng ?? input.lng;
  await assertPointInProvince(tx, lat, lng);
  const handlingUnitId = await routedUnit(tx, input.categoryCode, receipt.unitId);
  const { dueOn, basis } = await firstDeadline(tx, input.kind, receipt.procedure, receipt.receivedOn);
  const token = receipt.token ?? randomBytes(24).toString('base64url');
  const values = {
    kind: input.kind,
    procedure: receipt.procedure,
    categoryCode: input.categoryCode,
    unitId: receipt.unitId,
    handlingUnitId,
    channel: receipt.channel,
    text: input.text,
    textKey: sha256(foldVietnamese(input.text)),
    citizenName: input.citizenName,
    publishName: input.publishName,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail,
    contactAddress: input.contactAddress,
    placeText: input.placeText ?? null,
    lat,
    lng,
    tokenHash: sha256(token),
    receivedOn: receipt.receivedOn,
    dueOn,
    dueBasis: basis,
    createdBy: receipt.createdBy,
    updatedBy: receipt.createdBy,
    createdAt: receipt.at,
    updatedAt: receipt.at,
    ...(receipt.place && receipt.place),
    ...(receipt.client && { clientId: receipt.client.id, clientToken: receipt.client.token }),
  };
  let item: typeof feedbackItems.$inferSelect | undefined;
  // Five characters drawn from 32: a collision on the same day is retried with a new draw.
  for (let attempt = 0; !item && attempt < 5; attempt++) {
    const code = trackingCode(
      CODE_PREFIX,
      receipt.receivedOn,
      Array.from({ length: 5 }, () => randomInt(32)),
    );
    const search = foldVietnamese(`${code} ${category.nameVi} ${input.text}`);
    [item] = await tx
      .insert(feedbackItems)
      .values({ ...values, code, search })
      .onConflictDoNothing()
      .returning();
  }
  if (!item) throw new Error('no free tracking code');
  await addEvent(tx, {
    feedbackId: item.id,
    action: 'received',
    on: receipt.receivedOn,
    at: receipt.at,
    actorId: receipt.createdBy,
    actorName: receipt.actorName,
    toStatus: 'received',
    toUnitId: handlingUnitId,
    visibility: 'public',
  });
  for (const file of receipt.files)
    await attachEvidence(tx, audit, { type: 'feedback', key: String(item.id) }, file, receipt.createdBy);
  await tellHandlingUnit(tx, {
    unitId: handlingUnitId,
    feedbackId: item.id,
    code: item.code,
    what: 'received',
  });
  await audit({
    action: 'feedback.receive',
    entityType: 'feedback',
    entityId: item.id,
    unitId: handlingUnitId,
    after: {
      code: item.code,
      kind: item.kind,
      procedure: item.procedure,
      channel: item.channel,
      ...(receipt.client && { clientId: receipt.client.id }),
      categoryCode: item.categoryCode,
      unitId: item.unitId,
      handlingUnitId,
      dueOn,
      files: receipt.files.length,
    },
  });
  return { item, token };
}

/** What the sender is given: the code and the private link (the record's id stays the staff's). */
export const answerOf = (item: typeof feedbackItems.$inferSelect, token: string) => ({
  duplicate: false as const,
  code: item.code,
  token,
  link: `/phan-anh/${item.code}?token=${token}`,
  status: item.status,
  procedure: item.procedure,
  dueOn: item.dueOn,
});

/**
 * The public form: no account; refusals name the field in both languages. `within` runs first inside
 * the transaction that stores the item (the web page spends its one-use form token there); `token`,
 * the private link's token the web page derived from that form token (else one is drawn).
 */
export async function submitPublic(
  ctx: ServiceContext,
  input: SubmitFeedback,
  files: Attachment[],
  options: { within?: (tx: Tx) => Promise<void>; token?: string } = {},
) {
  const commune = await communeOf(ctx.db, input.communeCode);
  await assertCategory(ctx.db, input.categoryCode);
  const procedure = procedureOf(input, { signed: false, mixed: false });
  const checked = checkAttachments(files, input.keepLocation);
  const now = nowOf(ctx);
  const earlier = await earlierDuplicate(ctx.db, commune.id, sha256(foldVietnamese(input.text)), now);
  if (earlier)
    return {
      duplicate: true as const,
      code: earlier.code,
      message: msg(
        `Nội dung này đã được gửi trong ngày với mã ${earlier.code}: hãy theo dõi theo mã đó.`,
        `This was already sent today under the code ${earlier.code}: follow it there.`,
      ),
    };
  const { item, token } = await mutate(ctx, async (tx, audit) => {
    await options.within?.(tx);
    await countSubmission(tx, {
      sender: ctx.ip ?? 'unknown',
      now,
      perHour: SUBMISSIONS_PER_HOUR,
      refusal: msg(
        `Mỗi địa chỉ gửi được tối đa ${SUBMISSIONS_PER_HOUR} phản ánh trong một giờ. Vui lòng thử lại sau.`,
        `At most ${SUBMISSIONS_PER_HOUR} petitions an hour from one address. Try again later.`,
      ),
    });
    return receive(tx, audit, {
      input,
      channel: 'web',
      procedure,
      unitId: commune.id,
      receivedOn: todayOf(ctx),
      at: now,
      files: checked,
      createdBy: null,
      actorName: 'citizen',
      token: options.token,
    });
  });
  return answerOf(item, token);
}

/** What staff enter from another channel: the entry's author must handle feedback for the commune or its handling unit. */
export async function enterByStaff(ctx: FeedbackContext, input: StaffEntry) {
  const commune = await communeOf(ctx.db, input.communeCode);
  const today = todayOf(ctx);
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today)
    throw fieldError(
      'receivedOn',
      msg('Ngày nhận không thể sau hôm nay.', 'The day received cannot be after today.'),
    );
  const routed = await routedUnit(ctx.db, input.categoryCode, commune.id);
  const [handlingUnit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, routed));
  const may = [commune.path, handlingUnit?.path].some(
    (path) => path !== undefined && hasPermissionOn(ctx.user.grants, 'feedback.handle', path),
  );
  if (!may) throw new AppError('FORBIDDEN');
  const procedure = procedureOf(input, { signed: input.signed, mixed: input.mixed });
  const { item, token } = await mutate(ctx, (tx, audit) =>
    receive(tx, audit, {
      input,
      channel: input.channel,
      procedure,
      unitId: commune.id,
      receivedOn,
      at: nowOf(ctx),
      files: [],
      createdBy: ctx.actor.userId,
      actorName: ctx.actor.name,
    }),
  );
  return { id: item.id, ...answerOf(item, token) };
}

/** An Open311 client (server/open311) pushing what a citizen sent in its app: the channel it was registered with. */
export interface ClientSubmission {
  input: SubmitFeedback;
  client: { id: number; channel: FeedbackChannel; token: string };
  place: { lat: number | null; lng: number | null; placeText: string | null };
}

/**
 * What a registered application pushes (Open311 POST requests): the public form's way, the same checks,
 * kinds, repeat rule, routing and clocks, recorded under the client's channel with its token and the
 * map point. No per-address count (an app relays many people from one server): `within` counts the
 * client's own requests in the transaction that stores the item.
 */
export async function submitByClient(
  ctx: ServiceContext,
  submission: ClientSubmission,
  options: { within?: (tx: Tx) => Promise<void> } = {},
) {
  const { input } = submission;
  const commune = await communeOf(ctx.db, input.communeCode);
  await assertCategory(ctx.db, input.categoryCode);
  const procedure = procedureOf(input, { signed: false, mixed: false });
  const now = nowOf(ctx);
  const earlier = await earlierDuplicate(ctx.db, commune.id, sha256(foldVietnamese(input.text)), now);
  if (earlier)
    return {
      duplicate: true as const,
      code: earlier.code,
      message: msg(
        `Nội dung này đã được gửi trong ngày với mã ${earlier.code}: hãy theo dõi theo mã đó.`,
        `This was already sent today under the code ${earlier.code}: follow it there.`,
      ),
    };
  const { item, token } = await mutate(ctx, async (tx, audit) => {
    await options.within?.(tx);
    return receive(tx, audit, {
      input,
      channel: submission.client.channel,
      procedure,
      unitId: commune.id,
      receivedOn: todayOf(ctx),
      at: now,
      files: [],
      createdBy: null,
      actorName: 'citizen',
      place: submission.place,
      client: { id: submission.client.id, token: submission.client.token },
    });
  });
  return answerOf(item, token);
}
