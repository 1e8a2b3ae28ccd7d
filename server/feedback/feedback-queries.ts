import { and, asc, desc, eq, gte, inArray, like, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { type ClockStep, dueDate, ruleInForce } from '../../core/feedback/clock-rules.ts';
import type { FEEDBACK_INBOX_FILTERS, FEEDBACK_SORT_FIELDS } from '../../core/feedback/feedback-schemas.ts';
import type { FeedbackKind } from '../../core/feedback/kinds.ts';
import { type FeedbackStatus, feedbackExcerpt } from '../../core/feedback/workflow.ts';
import { parseSort } from '../../core/list.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { nowOf, todayOf } from '../clock.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { feedbackCategories, feedbackEvents, feedbackItems, units, users } from '../db/schema/index.ts';
import { evidenceFile, listEvidence } from '../files/evidence.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { assertReadsFeedback, assertReadsUnitFeedback, type FeedbackContext } from './feedback-access.ts';
import { readClockSettings } from './feedback-settings.ts';

/**
 * The staff's reading of feedback: a unit's inbox (new, due soon, overdue; search without diacritics,
 * sort and pages by the one list contract), an item with its whole history, contact and internal
 * notes (a unit's figures are in `feedback-figures.ts`).
 */
const handling = alias(units, 'handling');
const OPEN: FeedbackStatus[] = ['received', 'accepted', 'needs_info', 'in_progress'];
/** Due soon: the deadline falls within this many working days. */
export const DUE_SOON_WORKDAYS = 3;

export interface InboxQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
  filter: (typeof FEEDBACK_INBOX_FILTERS)[number];
  unitId?: number | undefined;
  categoryCode?: string | undefined;
  status?: FeedbackStatus | undefined;
}

const SORTS: Record<(typeof FEEDBACK_SORT_FIELDS)[number], SQL> = {
  receivedOn: sql`${feedbackItems.receivedOn}`,
  dueOn: sql`${feedbackItems.dueOn}`,
  code: sql`${feedbackItems.code}`,
  status: sql`${feedbackItems.status}`,
};

/** Items the user reads: handled by, or concerning, a unit in their feedback.read subtrees. */
function readable(ctx: FeedbackContext): SQL {
  const byHandler = scopeCondition(unitScope(ctx.user.grants, 'feedback.read', handling.path));
  const byCommune = scopeCondition(unitScope(ctx.user.grants, 'feedback.read', units.path));
  return or(byHandler, byCommune) as SQL;
}

export async function feedbackInbox(ctx: FeedbackContext, query: InboxQuery) {
  const today = todayOf(ctx);
  const conditions: SQL[] = [readable(ctx)];
  if (query.unitId !== undefined) {
    const unit = await assertReadsUnitFeedback(ctx, query.unitId);
    conditions.push(like(handling.path, `${unit.path}%`));
  }
  if (query.categoryCode) conditions.push(eq(feedbackItems.categoryCode, query.categoryCode));
  if (query.status) conditions.push(eq(feedbackItems.status, query.status));
  if (query.q) conditions.push(like(feedbackItems.search, searchPattern(query.q)));
  if (query.filter === 'new') conditions.push(eq(feedbackItems.status, 'received'));
  if (query.filter === 'open') conditions.push(inArray(feedbackItems.status, OPEN));
  if (query.filter === 'overdue')
    conditions.push(inArray(feedbackItems.status, OPEN), lt(feedbackItems.dueOn, today));
  if (query.filter === 'due_soon') {
    const { calendar } = await loadReportingCalendar(ctx.db);
    conditions.push(
      inArray(feedbackItems.status, OPEN),
      gte(feedbackItems.dueOn, today),
      lte(feedbackItems.dueOn, calendar.addWorkdays(today, DUE_SOON_WORKDAYS)),
    );
  }
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const column = SORTS[field as keyof typeof SORTS] ?? SORTS.receivedOn;
  const rows = await ctx.db
    .select({
      item: feedbackItems,
      unitName: units.name,
      handlingName: handling.name,
      categoryName: feedbackCategories.nameVi,
      categoryNameEn: feedbackCategories.nameEn,
      total: totalOver(),
    })
    .from(feedbackItems)
    .innerJoin(units, eq(units.id, feedbackItems.unitId))
    .innerJoin(handling, eq(handling.id, feedbackItems.handlingUnitId))
    .innerJoin(feedbackCategories, eq(feedbackCategories.code, feedbackItems.categoryCode))
    .where(where)
    .orderBy(direction === 'asc' ? asc(column) : desc(column), desc(feedbackItems.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(feedbackItems)
      .innerJoin(units, eq(units.id, feedbackItems.unitId))
      .innerJoin(handling, eq(handling.id, feedbackItems.handlingUnitId))
      .where(where),
  );
  return {
    items: rows.map(({ item, unitName, handlingName, categoryName, categoryNameEn }) => ({
      id: item.id,
      code: item.code,
      kind: item.kind,
      procedure: item.procedure,
      channel: item.channel,
      categoryCode: item.categoryCode,
      categoryName: ctx.user.locale === 'en' ? categoryNameEn : categoryName,
      communeName: unitName,
      handlingUnitId: item.handlingUnitId,
      handlingUnitName: handlingName,
      status: item.status,
      outcome: item.outcome,
      receivedOn: item.receivedOn,
      dueOn: item.dueOn,
      isOverdue: OPEN.includes(item.status as FeedbackStatus) && item.dueOn < today,
      excerpt: feedbackExcerpt(item.text),
      version: item.version,
    })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

/** An item as staff read it: everything, with the history and internal notes. */
export async function feedbackDetail(ctx: FeedbackContext, id: number) {
  const row = await assertReadsFeedback(ctx, id);
  const { item } = row;
  const fromUnit = alias(units, 'from_unit');
  const toUnit = alias(units, 'to_unit');
  const events = await ctx.db
    .select({
      id: feedbackEvents.id,
      action: feedbackEvents.action,
      on: feedbackEvents.on,
      at: feedbackEvents.at,
      actorName: sql<string>`coalesce(${users.fullName}, ${feedbackEvents.actorName})`,
      fromStatus: feedbackEvents.fromStatus,
      toStatus: feedbackEvents.toStatus,
      fromUnitName: fromUnit.name,
      toUnitName: toUnit.name,
      visibility: feedbackEvents.visibility,
      note: feedbackEvents.note,
      dueOn: feedbackEvents.dueOn,
    })
    .from(feedbackEvents)
    .leftJoin(users, eq(users.id, feedbackEvents.actorId))
    .leftJoin(fromUnit, eq(fromUnit.id, feedbackEvents.fromUnitId))
    .leftJoin(toUnit, eq(toUnit.id, feedbackEvents.toUnitId))
    .where(eq(feedbackEvents.feedbackId, id))
    .orderBy(asc(feedbackEvents.id));
  const [original] = item.duplicateOfId
    ? await ctx.db
        .select({ code: feedbackItems.code })
        .from(feedbackItems)
        .where(eq(feedbackItems.id, item.duplicateOfId))
    : [];
  // A retired category still names the items filed under it.
  const [category] = await ctx.db
    .select({ vi: feedbackCategories.nameVi, en: feedbackCategories.nameEn })
    .from(feedbackCategories)
    .where(eq(feedbackCategories.code, item.categoryCode));
  const { tokenHash: _secret, textKey: _key, search: _search, ...shown } = item;
  return {
    ...shown,
    categoryName: category ?? null,
    // Whether this reader may act on it: the handling unit's staff, not a reader of the commune concerned.
    canHandle: hasPermissionOn(ctx.user.grants, 'feedback.handle', row.handlingPath),
    clocks: await clocksOf(ctx, item),
    communeName: row.unitName,
    handlingUnitName: row.handlingName,
    duplicateOfCode: original?.code ?? null,
    events: events.map((event) => ({ ...event, at: event.at.toISOString() })),
    files: await listEvidence(ctx.db, { type: 'feedback', key: String(id) }, nowOf(ctx)),
  };
}

/** The other legal clocks of an item beside its first one: forwarding to the competent body, telling the citizen. */
const OTHER_CLOCKS: ClockStep[] = ['forward', 'acknowledge'];

async function clocksOf(ctx: FeedbackContext, item: typeof feedbackItems.$inferSelect) {
  const settings = await readClockSettings(ctx.db);
  const { calendar } = await loadReportingCalendar(ctx.db);
  const clocks = OTHER_CLOCKS.flatMap((step) => {
    const rule = ruleInForce(item.kind as FeedbackKind, step, item.receivedOn, settings);
    return rule
      ? [{ step, dueOn: dueDate(item.receivedOn, rule, calendar), basis: rule.basis, source: rule.source }]
      : [];
  });
  // A complaint decided is sent to the complainant, a denunciation's conclusion published, within
  // the law's working days of the decision (Luật Khiếu nại 2011 Điều 32; Luật Tố cáo 2018 Điều 40).
  const publish = item.answeredOn
    ? ruleInForce(item.kind as FeedbackKind, 'publish', item.receivedOn, settings)
    : null;
  if (publish && item.answeredOn)
    clocks.push({
      step: 'publish',
      dueOn: dueDate(item.answeredOn, publish, calendar),
      basis: publish.basis,
      source: publish.source,
    });
  return clocks;
}

export async function feedbackFile(ctx: FeedbackContext, id: number, fileId: number) {
  await assertReadsFeedback(ctx, id);
  return evidenceFile(ctx.db, { type: 'feedback', key: String(id) }, fileId);
}
