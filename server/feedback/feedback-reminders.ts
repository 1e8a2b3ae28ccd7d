import { and, eq, gte, inArray, lte, notExists, sql } from 'drizzle-orm';
import type { FeedbackStatus } from '../../core/feedback/workflow.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { mutate } from '../audit/audit-log.ts';
import type { Db } from '../db/engine.ts';
import { feedbackEvents, feedbackItems } from '../db/schema/index.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';
import { addEvent, tellHandlingUnit } from './feedback-access.ts';
import { DUE_SOON_WORKDAYS } from './feedback-queries.ts';

/** Waiting on the unit (not on the citizen, whose reply stops the clock). */
const UNIT_WAITS: FeedbackStatus[] = ['received', 'accepted', 'in_progress'];

/**
 * Before the deadline: each open item due within DUE_SOON_WORKDAYS working days tells its handling
 * unit once per deadline (an internal step in its history records it, so hourly runs and a second server
 * do not tell twice; a deadline moved by a forward or a reopening is told again).
 */
export async function remindFeedbackDue(db: Db, now: Date): Promise<number> {
  const today = todayInVietnam(now);
  const { calendar } = await loadReportingCalendar(db);
  const until = calendar.addWorkdays(today, DUE_SOON_WORKDAYS);
  const due = await db
    .select({
      id: feedbackItems.id,
      code: feedbackItems.code,
      dueOn: feedbackItems.dueOn,
      status: feedbackItems.status,
      unitId: feedbackItems.handlingUnitId,
    })
    .from(feedbackItems)
    .where(
      and(
        inArray(feedbackItems.status, UNIT_WAITS),
        gte(feedbackItems.dueOn, today),
        lte(feedbackItems.dueOn, until),
        notExists(
          db
            .select({ id: feedbackEvents.id })
            .from(feedbackEvents)
            .where(
              and(
                eq(feedbackEvents.feedbackId, feedbackItems.id),
                eq(feedbackEvents.action, 'due_reminder'),
                sql`${feedbackEvents.note} = ${feedbackItems.dueOn}::text`,
              ),
            ),
        ),
      ),
    );
  const ctx = { db, actor: SYSTEM_ACTOR, ip: null, now: () => now };
  for (const item of due)
    await mutate(ctx, async (tx, audit) => {
      await addEvent(tx, {
        feedbackId: item.id,
        action: 'due_reminder',
        on: today,
        at: now,
        actorId: null,
        actorName: 'system',
        fromStatus: item.status,
        toStatus: item.status,
        visibility: 'internal',
        note: item.dueOn,
      });
      await tellHandlingUnit(tx, {
        unitId: item.unitId,
        feedbackId: item.id,
        code: item.code,
        what: 'due_soon',
      });
      await audit({
        action: 'feedback.due_reminder',
        entityType: 'feedback',
        entityId: item.id,
        unitId: item.unitId,
        after: { dueOn: item.dueOn },
      });
    });
  return due.length;
}
