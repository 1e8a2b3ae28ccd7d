import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { onlineAllowed } from '../../core/reception/online.ts';
import type {
  CreateSession,
  createRuleSchema,
  onlineCheckSchema,
  postponeSchema,
  RuleFields,
  recordSessionSchema,
} from '../../core/reception/reception-schemas.ts';
import { expandRule, publishTiming } from '../../core/reception/schedule.ts';
import { addDays } from '../../core/text/dates.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { receptionRules, receptionSessions } from '../db/schema/index.ts';
import { deleteVersioned, writeVersioned } from '../db/versioned.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { assertUnit, loadRule, loadSession, type ReceptionContext } from './reception-access.ts';
import { mayDelegate } from './reception-settings.ts';

/**
 * A unit's reception schedule: the heads' standing rules (weekly or monthly), the planned sessions a
 * rule yields for the coming weeks (idempotent: one session per rule and day), one-off and ad hoc
 * sessions, and the steps on a session — publish (told whether it is late against the 5-working-day
 * rule), postpone with a reason and a new day (a replacing session), cancel with a reason, record it
 * held. Each step checks the unit's scope, writes at the version read and is audited.
 */
type Session = typeof receptionSessions.$inferSelect;
type Rule = typeof receptionRules.$inferSelect;

const ruleValues = (input: RuleFields) => ({
  hostLevel: input.hostLevel,
  hostTitle: input.hostTitle,
  hostName: input.hostName,
  frequency: input.frequency,
  weekday: input.weekday,
  monthWeek: input.frequency === 'monthly' ? input.monthWeek : null,
  monthDay: input.frequency === 'monthly' && input.monthWeek === null ? input.monthDay : null,
  startTime: input.startTime,
  endTime: input.endTime,
  location: input.location,
  validFrom: input.validFrom,
  validTo: input.validTo,
});

export async function createRule(ctx: ReceptionContext, input: z.output<typeof createRuleSchema>) {
  await assertUnit(ctx, input.unitId, 'handle');
  return mutate(ctx, async (tx, audit) => {
    const [rule] = await tx
      .insert(receptionRules)
      .values({
        unitId: input.unitId,
        ...ruleValues(input),
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      })
      .returning();
    if (!rule) throw new Error('rule not stored');
    await audit({
      action: 'reception.rule.create',
      entityType: 'reception_rule',
      entityId: rule.id,
      unitId: rule.unitId,
      after: ruleValues(input),
    });
    return rule;
  });
}

export async function updateRule(ctx: ReceptionContext, id: number, input: RuleFields & { version: number }) {
  const { rule: before } = await loadRule(ctx, id, 'handle');
  return mutate(ctx, async (tx, audit) => {
    const rule = await writeVersioned(tx, {
      table: receptionRules,
      where: eq(receptionRules.id, id),
      version: input.version,
      set: ruleValues(input),
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    await audit({
      action: 'reception.rule.update',
      entityType: 'reception_rule',
      entityId: id,
      unitId: rule.unitId,
      before: ruleValues(before as RuleFields),
      after: ruleValues(input),
    });
    return rule;
  });
}

/**
 * Deletes a rule and the planned, unpublished sessions it made. A rule whose sessions were published or
 * held is part of the record: it is ended with an end date instead (a conflict says so).
 */
export async function deleteRule(ctx: ReceptionContext, id: number, version: number) {
  const { rule } = await loadRule(ctx, id, 'handle');
  return mutate(ctx, async (tx, audit) => {
    const kept = await tx
      .select({ id: receptionSessions.id })
      .from(receptionSessions)
      .where(
        and(
          eq(receptionSessions.ruleId, id),
          or(
            isNotNull(receptionSessions.publishedAt),
            inArray(receptionSessions.status, ['held', 'postponed']),
          ),
        ),
      )
      .limit(1);
    if (kept.length > 0)
      throw new AppError(
        'CONFLICT',
        msg(
          'Lịch này đã có buổi tiếp được công bố hoặc đã tiếp: không xóa được, hãy đặt ngày kết thúc.',
          'This rule has sessions already published or held: it cannot be deleted; set an end date instead.',
        ),
      );
    const removed = await tx
      .delete(receptionSessions)
      .where(eq(receptionSessions.ruleId, id))
      .returning({ id: receptionSessions.id });
    // At the version read (a stale one is a 409, and the sessions' removal rolls back with it).
    await deleteVersioned(tx, { table: receptionRules, where: eq(receptionRules.id, id), version });
    await audit({
      action: 'reception.rule.delete',
      entityType: 'reception_rule',
      entityId: id,
      unitId: rule.unitId,
      before: ruleValues(rule as RuleFields),
      after: { sessionsRemoved: removed.length },
    });
    return { deleted: true, sessionsRemoved: removed.length };
  });
}

const fromRule = (rule: Rule) => ({
  unitId: rule.unitId,
  ruleId: rule.id,
  kind: 'periodic',
  startTime: rule.startTime,
  endTime: rule.endTime,
  location: rule.location,
  hostLevel: rule.hostLevel,
  hostTitle: rule.hostTitle,
  hostName: rule.hostName,
});

/**
 * The planned sessions of a rule from today for `weeks` weeks: each day the rule names (moved past a
 * day off), made once — a day already made (whatever became of it) is left as it is.
 */
export async function generateSessions(ctx: ReceptionContext, id: number, weeks: number) {
  const { rule } = await loadRule(ctx, id, 'handle');
  const today = todayOf(ctx);
  const { calendar } = await loadReportingCalendar(ctx.db);
  const days = expandRule(
    { ...rule, frequency: rule.frequency as 'weekly' | 'monthly' },
    today,
    addDays(today, weeks * 7 - 1),
    calendar,
  ).filter((day) => day.on >= today);
  return mutate(ctx, async (tx, audit) => {
    const created =
      days.length === 0
        ? []
        : await tx
            .insert(receptionSessions)
            .values(
              days.map((day) => ({
                ...fromRule(rule),
                on: day.on,
                createdBy: ctx.actor.userId,
                updatedBy: ctx.actor.userId,
              })),
            )
            .onConflictDoNothing()
            .returning({ id: receptionSessions.id, on: receptionSessions.on });
    await audit({
      action: 'reception.session.generate',
      entityType: 'reception_rule',
      entityId: rule.id,
      unitId: rule.unitId,
      after: { weeks, created: created.map((session) => session.on) },
    });
    return {
      created: created.length,
      existing: days.length - created.length,
      days: days.map((day) => ({
        ...day,
        created: created.some((session) => session.on === day.on),
      })),
    };
  });
}

export async function createSession(ctx: ReceptionContext, input: CreateSession) {
  await assertUnit(ctx, input.unitId, 'handle');
  return mutate(ctx, async (tx, audit) => {
    const [session] = await tx
      .insert(receptionSessions)
      .values({ ...input, createdBy: ctx.actor.userId, updatedBy: ctx.actor.userId })
      .returning();
    if (!session) throw new Error('session not stored');
    await audit({
      action: 'reception.session.create',
      entityType: 'reception_session',
      entityId: session.id,
      unitId: session.unitId,
      after: input,
    });
    return session;
  });
}

const notNow = (vi: string, en: string) => new AppError('CONFLICT', msg(vi, en));

function assertPlanned(session: Session) {
  if (session.status !== 'planned')
    throw notNow('Buổi tiếp này không còn ở trạng thái dự kiến.', 'This session is no longer planned.');
}

/** One step on a session at the version read, audited with what it changed. */
async function step(
  ctx: ReceptionContext,
  session: Session,
  version: number,
  action: string,
  set: Partial<Session>,
  after: Record<string, unknown>,
  more?: (tx: Parameters<Parameters<typeof mutate>[1]>[0]) => Promise<Record<string, unknown>>,
) {
  return mutate(ctx, async (tx, audit) => {
    const saved = await writeVersioned(tx, {
      table: receptionSessions,
      where: eq(receptionSessions.id, session.id),
      version,
      set,
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    const extra = more ? await more(tx) : {};
    await audit({
      action,
      entityType: 'reception_session',
      entityId: session.id,
      unitId: session.unitId,
      before: { status: session.status, on: session.on },
      after: { ...after, ...extra },
    });
    return { session: saved, ...extra };
  });
}

/** Publishes a planned session: it shows on the public schedule; the answer says whether it is late. */
export async function publishSession(ctx: ReceptionContext, id: number, version: number) {
  const { session } = await loadSession(ctx, id, 'handle');
  assertPlanned(session);
  if (session.publishedAt)
    throw notNow('Buổi tiếp này đã được công bố.', 'This session is already published.');
  const today = todayOf(ctx);
  const { calendar } = await loadReportingCalendar(ctx.db);
  const timing = publishTiming(session.on, today, calendar);
  const result = await step(
    ctx,
    session,
    version,
    'reception.session.publish',
    { publishedAt: nowOf(ctx) },
    { publishedOn: today, late: timing.late },
  );
  return { ...result, timing };
}

/** Postpones a planned session with a reason; the new day is a new planned session that replaces it. */
export async function postponeSession(
  ctx: ReceptionContext,
  id: number,
  input: z.output<typeof postponeSchema>,
) {
  const { session } = await loadSession(ctx, id, 'handle');
  assertPlanned(session);
  const today = todayOf(ctx);
  if (session.mode === 'online' && !onlineAllowed(input.newOn))
    throw fieldError(
      'newOn',
      msg(
        'Buổi tiếp trực tuyến chỉ dời được sang ngày từ 01/07/2026 (Luật 136/2025/QH15, Điều 3a).',
        'An online session can only move to a day from 01/07/2026 (Law 136/2025/QH15, Article 3a).',
      ),
    );
  if (input.newOn < today || input.newOn === session.on)
    throw fieldError(
      'newOn',
      msg(
        'Ngày tiếp mới phải từ hôm nay trở đi và khác ngày đã hoãn.',
        'The new day must be today or later, and not the postponed day.',
      ),
    );
  return step(
    ctx,
    session,
    input.version,
    'reception.session.postpone',
    { status: 'postponed', postponedReason: input.reason },
    { status: 'postponed', reason: input.reason, newOn: input.newOn },
    async (tx) => {
      const [replacing] = await tx
        .insert(receptionSessions)
        .values({
          unitId: session.unitId,
          ruleId: null,
          kind: session.kind,
          on: input.newOn,
          startTime: input.startTime ?? session.startTime,
          endTime: input.endTime ?? session.endTime,
          location: session.location,
          hostLevel: session.hostLevel,
          hostTitle: session.hostTitle,
          hostName: session.hostName,
          topic: session.topic,
          participants: session.participants,
          mode: session.mode,
          onlineLink: session.onlineLink,
          replacesId: session.id,
          // Posting the new time is part of postponing (Luật TCD Điều 24): a published day's replacement is published.
          publishedAt: session.publishedAt ? nowOf(ctx) : null,
          createdBy: ctx.actor.userId,
          updatedBy: ctx.actor.userId,
        })
        .returning({ id: receptionSessions.id });
      return { replacingId: replacing?.id ?? null };
    },
  );
}

/** Cancels a planned session with a reason (kept in the session's reason column: why it did not take place). */
export async function cancelSession(
  ctx: ReceptionContext,
  id: number,
  input: { version: number; reason: string },
) {
  const { session } = await loadSession(ctx, id, 'handle');
  assertPlanned(session);
  return step(
    ctx,
    session,
    input.version,
    'reception.session.cancel',
    { status: 'cancelled', postponedReason: input.reason },
    { status: 'cancelled', reason: input.reason },
  );
}

/** Records a session held (or corrects the record): who came, by names or counts only, delegation, conclusion. */
export async function recordSession(
  ctx: ReceptionContext,
  id: number,
  input: z.output<typeof recordSessionSchema>,
) {
  const { session } = await loadSession(ctx, id, 'handle');
  if (session.status !== 'planned' && session.status !== 'held')
    throw notNow('Buổi tiếp đã hoãn hoặc hủy.', 'This session was postponed or cancelled.');
  if (session.on > todayOf(ctx))
    throw notNow('Chưa đến ngày tiếp: chưa ghi nhận được.', 'The session’s day has not come yet.');
  if (input.delegatedTo !== null && input.delegatedTo !== session.delegatedTo) {
    const delegation = await mayDelegate(ctx.db, session.on);
    if (!delegation.allowed)
      throw fieldError(
        'delegatedTo',
        msg(
          `Không được ủy quyền cấp phó tiếp thay vào ngày này (${delegation.basis}).`,
          'A deputy may not receive in the head’s stead on this day (the province’s setting or the law in force).',
        ),
      );
  }
  const set = {
    status: 'held',
    privacy: input.privacy,
    visitorCount: input.privacy === 'counts' ? input.visitorCount : null,
    delegatedTo: input.delegatedTo,
    conclusion: input.conclusion,
  };
  return step(ctx, session, input.version, 'reception.session.record', set, set);
}

/**
 * Records a dated check of an online session's checklist done on a day, or undone (null): the parties
 * notified, the test connection made. The day may not be after today nor after the session's day.
 */
export async function setOnlineCheck(
  ctx: ReceptionContext,
  id: number,
  input: z.output<typeof onlineCheckSchema>,
) {
  const { session } = await loadSession(ctx, id, 'handle');
  if (session.mode !== 'online')
    throw notNow('Buổi tiếp này không phải trực tuyến.', 'This session is not online.');
  if (session.status === 'cancelled' || session.status === 'postponed')
    throw notNow('Buổi tiếp đã hoãn hoặc hủy.', 'This session was postponed or cancelled.');
  if (input.doneOn !== null && (input.doneOn > todayOf(ctx) || input.doneOn > session.on))
    throw fieldError(
      'doneOn',
      msg(
        'Ngày thực hiện không thể sau hôm nay hay sau ngày tiếp.',
        'The day done cannot be after today or after the session’s day.',
      ),
    );
  const column = input.check === 'notified' ? 'onlineNotifiedOn' : 'onlineTestedOn';
  return step(
    ctx,
    session,
    input.version,
    'reception.session.online_check',
    { [column]: input.doneOn },
    { check: input.check, doneOn: input.doneOn },
  );
}
