import { and, asc, desc, eq, gte, inArray, isNull, lte, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { ReportWindow } from '../../core/periods/calendar-settings.ts';
import {
  canTransition,
  completeness,
  isEditable,
  isSent,
  REPORT_ACTIONS,
  type ReportStatus,
  type saveReportSchema,
  type transitionSchema,
} from '../../core/reports/report.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { nowOf, todayOf } from '../clock.ts';
import { auditEvents, planItems, plans, reports, units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { evidenceCounts } from '../files/evidence.ts';
import { notifyReportStep } from '../notifications/report-notifications.ts';
import { itemsAssignedTo } from '../units/unit-group-resolver.ts';
import { loadReportingCalendar, type ReportingCalendar } from './calendar-settings.ts';
import { assertChangesReport, assertReadsReport, assertReadsUnitReports } from './report-access.ts';

export type ReportContext = ServiceContext & { user: SessionUser };

/** The units that report: departments and communes (the province itself writes the consolidated one). */
export const REPORTING_TYPES = ['department', 'commune'];

/** A period's window under the installation's reporting calendar (a wrong code is a 400). */
export async function windowOf(ctx: ReportContext, periodCode: string) {
  return (await loadReportingCalendar(ctx.db)).windowOf(periodCode);
}

/** The unit's report for the period, created as a draft the first time the unit opens it. */
export async function openReport(ctx: ReportContext, unitId: number, periodCode: string) {
  await assertReadsUnitReports(ctx, unitId, 'reports.write');
  const code = (await windowOf(ctx, periodCode)).code;
  const [existing] = await ctx.db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.unitId, unitId), eq(reports.periodCode, code)));
  if (existing) return getReport(ctx, existing.id);
  const id = await mutate(ctx, async (tx, audit) => {
    const [created] = await tx
      .insert(reports)
      .values({ unitId, periodCode: code, updatedBy: ctx.user.userId })
      .onConflictDoNothing()
      .returning({ id: reports.id });
    const row =
      created ??
      (
        await tx
          .select({ id: reports.id })
          .from(reports)
          .where(and(eq(reports.unitId, unitId), eq(reports.periodCode, code)))
      )[0];
    if (!row) throw new Error('report insert returned nothing');
    await audit({
      action: 'report.open',
      entityType: 'report',
      entityId: row.id,
      unitId,
      after: { periodCode: code },
    });
    return row.id;
  });
  return getReport(ctx, id);
}

/** The tasks a unit leads that the report speaks of: still open, or already in the report. */
async function formTasks(ctx: ReportContext, unitId: number, inReport: number[]) {
  // Named on the task or a unit of a group it is given to ("UBND cấp xã"), today.
  const led = itemsAssignedTo(todayOf(ctx), 'lead', sql`units.id = ${unitId}`);
  const open: SQL = notInArray(planItems.status, ['done', 'cancelled']);
  return ctx.db
    .select({
      itemId: planItems.id,
      ref: planItems.ref,
      text: planItems.text,
      due: planItems.due,
      status: planItems.status,
      progress: planItems.progress,
      version: planItems.version,
      dimension: planItems.criterionCode,
      planId: plans.id,
      planNumber: plans.number,
      planTitle: plans.title,
    })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(
      and(
        eq(planItems.kind, 'task'),
        inArray(planItems.id, led),
        inReport.length > 0 ? (or(open, inArray(planItems.id, inReport)) as SQL) : open,
      ),
    )
    .orderBy(asc(plans.id), asc(planItems.position));
}

export async function getReport(ctx: ReportContext, id: number) {
  const { report, unitName } = await assertReadsReport(ctx, id);
  const window = await windowOf(ctx, report.periodCode);
  const updates = new Map(report.taskUpdates.map((update) => [update.itemId, update]));
  const tasks = await formTasks(ctx, report.unitId, [...updates.keys()]);
  const evidence = await evidenceCounts(
    ctx.db,
    'plan_item',
    tasks.map((task) => String(task.itemId)),
  );
  const history = await ctx.db
    .select({
      at: auditEvents.at,
      action: auditEvents.action,
      actor: auditEvents.actorName,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'report'), eq(auditEvents.entityId, String(id))))
    .orderBy(asc(auditEvents.seq));
  return {
    id: report.id,
    unit: { id: report.unitId, name: unitName },
    period: window,
    status: report.status as ReportStatus,
    narrative: report.narrative,
    tasks: tasks.map((task) => {
      const update = updates.get(task.itemId);
      return {
        ...task,
        evidenceCount: evidence.get(String(task.itemId)) ?? 0,
        reported: update
          ? {
              status: update.status,
              progress: update.progress,
              done: update.done,
              version: update.version ?? task.version,
            }
          : { status: task.status, progress: task.progress, done: null, version: task.version },
      };
    }),
    reason: report.reason,
    submittedAt: report.submittedAt?.toISOString() ?? null,
    reviewedAt: report.reviewedAt?.toISOString() ?? null,
    version: report.version,
    history: history
      .filter((event) => event.action !== 'report.save')
      .map((event) => ({
        at: event.at.toISOString(),
        action: event.action,
        actor: event.actor,
        reason: (event.after as { reason?: string } | null)?.reason ?? null,
      })),
  };
}

const presentTask = (row: typeof planItems.$inferSelect) => ({
  itemId: row.id,
  ref: row.ref,
  status: row.status,
  progress: row.progress,
  note: row.note,
});

/** Saves the draft (as the person types); a stale version is refused, never silently overwritten. */
export async function saveReport(ctx: ReportContext, id: number, input: z.output<typeof saveReportSchema>) {
  await saveReportRecord(ctx, id, input);
  return getReport(ctx, id);
}

/** saveReport without reading the whole report back: its new version (the demo year writes many). */
export async function saveReportRecord(
  ctx: ReportContext,
  id: number,
  input: z.output<typeof saveReportSchema>,
): Promise<{ id: number; version: number }> {
  const { report } = await assertChangesReport(ctx, id);
  if (!isEditable(report.status as ReportStatus))
    throw new AppError(
      'CONFLICT',
      msg(
        'Báo cáo đã gửi hoặc đã được tiếp nhận: không sửa được nữa.',
        'The report has been sent or received: it can no longer be changed.',
      ),
    );
  const allowed = new Set(
    (
      await formTasks(
        ctx,
        report.unitId,
        input.tasks.map((task) => task.itemId),
      )
    ).map((task) => task.itemId),
  );
  const foreign = input.tasks.find((task) => !allowed.has(task.itemId));
  if (foreign)
    throw fieldError(
      'tasks',
      msg('Báo cáo chỉ nói về nhiệm vụ đơn vị chủ trì.', 'A report covers only the tasks its unit leads.'),
    );
  return mutate(ctx, async (tx, audit) => {
    const saved = await writeVersioned(tx, {
      table: reports,
      where: eq(reports.id, id),
      version: input.version,
      set: { narrative: input.narrative, taskUpdates: input.tasks },
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (row) => ({ narrative: row.narrative, tasks: row.taskUpdates, status: row.status }),
    });
    await audit({
      action: 'report.save',
      entityType: 'report',
      entityId: id,
      unitId: report.unitId,
      before: { narrative: report.narrative, tasks: report.taskUpdates },
      after: { narrative: input.narrative, tasks: input.tasks },
    });
    return { id, version: saved.version };
  });
}

/**
 * Moves the report on. Submitting also writes what the unit reports of each task into the plan
 * (status, progress, what was done), so the plan shows it at once.
 */
export async function transitionReport(
  ctx: ReportContext,
  id: number,
  input: z.output<typeof transitionSchema>,
) {
  await transitionReportRecord(ctx, id, input);
  return getReport(ctx, id);
}

/** transitionReport without reading the whole report back: its new version (the demo year moves many). */
export async function transitionReportRecord(
  ctx: ReportContext,
  id: number,
  input: z.output<typeof transitionSchema>,
): Promise<{ id: number; version: number }> {
  const rule = REPORT_ACTIONS[input.action];
  const { report } = await assertChangesReport(ctx, id, rule.permission);
  if (!canTransition(report.status as ReportStatus, input.action))
    throw new AppError(
      'CONFLICT',
      msg(
        'Thao tác không phù hợp với trạng thái hiện tại của báo cáo.',
        'This action does not fit the report’s current status.',
      ),
    );
  if (rule.needsReason && !input.reason)
    throw fieldError('reason', msg('Vui lòng nêu lý do.', 'Please state the reason.'));
  const submitting = input.action === 'submit';
  return mutate(ctx, async (tx, audit) => {
    const moved = await writeVersioned(tx, {
      table: reports,
      where: eq(reports.id, id),
      version: input.version,
      set: {
        status: rule.to,
        ...(submitting && { submittedAt: nowOf(ctx), submittedBy: ctx.user.userId }),
        // Presenting and the head's sending back are the unit's own steps, not a review.
        ...(rule.permission === 'reports.review' && { reviewedAt: nowOf(ctx), reviewedBy: ctx.user.userId }),
        ...(rule.needsReason && { reason: input.reason }),
      },
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (row) => ({ narrative: row.narrative, tasks: row.taskUpdates, status: row.status }),
    });
    if (submitting) {
      const written: typeof report.taskUpdates = [];
      for (const task of report.taskUpdates) {
        const set = {
          status: task.status,
          progress: task.status === 'done' ? 100 : task.progress,
          ...(task.done && { note: task.done }),
        };
        // A task someone changed after the draft read it is a 409 naming it, not a silent overwrite.
        const [item] =
          task.version === undefined
            ? await tx
                .update(planItems)
                .set({ ...set, version: sql`${planItems.version} + 1`, updatedAt: new Date() })
                .where(eq(planItems.id, task.itemId))
                .returning({ version: planItems.version })
            : [
                await writeVersioned(tx, {
                  table: planItems,
                  where: eq(planItems.id, task.itemId),
                  version: task.version,
                  set,
                  actorId: ctx.user.userId,
                  at: nowOf(ctx),
                  present: presentTask,
                  details: { itemId: task.itemId },
                }),
              ];
        written.push({ ...task, version: item?.version });
      }
      // The report now knows the versions its own sending wrote: a return and resend is not a conflict.
      await tx.update(reports).set({ taskUpdates: written }).where(eq(reports.id, id));
    }
    await audit({
      action: `report.${input.action}`,
      entityType: 'report',
      entityId: id,
      unitId: report.unitId,
      before: { status: report.status },
      after: {
        status: rule.to,
        reason: input.reason ?? null,
        ...(submitting && { tasks: report.taskUpdates.length }),
      },
    });
    // Told in the same transaction: nobody hears of a step that did not commit.
    await notifyReportStep(tx, {
      action: input.action,
      reportId: id,
      unitId: report.unitId,
      periodCode: report.periodCode,
      reason: input.reason ?? null,
      actorId: ctx.user.userId,
    });
    return { id, version: moved.version };
  });
}

/**
 * Every reporting unit in the user's scope with its report for the period (or none yet), and the
 * counts: expected, submitted, on time, late, missing.
 */
export async function periodOverview(
  ctx: ReportContext,
  periodCode: string,
  filter: { status?: ReportStatus },
) {
  const [board] = await periodBoards(ctx, [periodCode], { status: filter.status });
  if (!board) throw new Error('period board: no board for the period');
  return board;
}

/**
 * periodOverview for several periods at once (the leader's overview: this quarter and the one
 * before), from one read of the calendar and one query. A period is owed by the units in force on its
 * deadline (`valid_to` is a unit's last day): a quarter before the 2025 mergers by the communes of then,
 * one after by those of now.
 */
export async function periodBoards(
  ctx: ReportContext,
  periodCodes: readonly string[],
  options: { status?: ReportStatus; calendar?: ReportingCalendar } = {},
) {
  const calendar = options.calendar ?? (await loadReportingCalendar(ctx.db));
  const filter = { status: options.status };
  const windows = periodCodes.map((code) => calendar.windowOf(code));
  const scope = unitScope(ctx.user.grants, 'reports.read', units.path);
  if (scope === false) throw new AppError('FORBIDDEN');
  const codes = [...new Set(windows.map((window) => window.code))];
  const rows = await ctx.db
    .select({
      unitId: units.id,
      unitName: units.name,
      unitType: units.type,
      headName: units.headName,
      headTitle: units.headTitle,
      headEmail: units.headEmail,
      headPhone: units.headPhone,
      validFrom: units.validFrom,
      validTo: units.validTo,
      reportId: reports.id,
      periodCode: reports.periodCode,
      status: reports.status,
      submittedAt: reports.submittedAt,
    })
    .from(units)
    .leftJoin(reports, and(eq(reports.unitId, units.id), inArray(reports.periodCode, codes)))
    .where(
      and(
        or(...windows.map((window) => inForceOn(window.deadline))),
        inArray(units.type, REPORTING_TYPES),
        scopeCondition(scope),
      ),
    )
    .orderBy(asc(units.type), sql`${units.name} collate vi`, asc(units.id));
  const today = todayOf(ctx);
  return windows.map((window) => {
    // Each unit once, with its report for this period if it has one (rows come a unit at a time).
    const own: typeof rows = [];
    for (const row of rows) {
      if (row.validFrom > window.deadline || (row.validTo !== null && row.validTo < window.deadline))
        continue;
      const last = own.at(-1);
      const mine = row.periodCode === window.code;
      const bare = {
        ...row,
        reportId: null,
        periodCode: null,
        status: null,
        submittedAt: null,
      } satisfies (typeof rows)[number];
      if (last?.unitId !== row.unitId) own.push(mine ? row : bare);
      else if (mine) own[own.length - 1] = row;
    }
    return boardOf(window, own, today, filter);
  });
}

/** A unit in force on `on` (ISO date), `valid_to` being its last day. */
const inForceOn = (on: string) =>
  and(lte(units.validFrom, on), or(isNull(units.validTo), gte(units.validTo, on)));

type BoardRow = {
  unitId: number;
  unitName: string;
  unitType: string;
  headName: string | null;
  headTitle: string | null;
  headEmail: string | null;
  headPhone: string | null;
  reportId: number | null;
  status: string | null;
  submittedAt: Date | null;
};

function boardOf(
  window: ReportWindow,
  rows: readonly BoardRow[],
  today: string,
  filter: { status?: ReportStatus },
) {
  // A returned report keeps the date it was first sent, but the province no longer holds it.
  const entries = rows.map((row) => ({
    ...row,
    submittedOn: row.submittedAt && isSent(row.status) ? todayInVietnam(row.submittedAt) : null,
  }));
  const counts = completeness(
    entries.map((entry) => ({
      unitId: entry.unitId,
      unitType: entry.unitType,
      submittedOn: entry.submittedOn,
    })),
    window.deadline,
    today,
  );
  return {
    period: window,
    counts,
    units: entries
      .filter((entry) => !filter.status || entry.status === filter.status)
      .map((entry) => ({
        unit: { id: entry.unitId, name: entry.unitName, type: entry.unitType },
        head: {
          name: entry.headName,
          title: entry.headTitle,
          email: entry.headEmail,
          phone: entry.headPhone,
        },
        report: entry.reportId
          ? {
              id: entry.reportId,
              status: entry.status as ReportStatus,
              submittedOn: entry.submittedOn,
              onTime: entry.submittedOn ? entry.submittedOn <= window.deadline : null,
            }
          : null,
        /** Who to chase: nothing sent yet, whether the due date has passed or not. */
        toChase: entry.submittedOn === null,
      })),
  };
}

/** The reports of a unit, newest period first. */
export async function unitReports(ctx: ReportContext, unitId: number) {
  await assertReadsUnitReports(ctx, unitId);
  return ctx.db
    .select({
      id: reports.id,
      periodCode: reports.periodCode,
      status: reports.status,
      submittedAt: reports.submittedAt,
    })
    .from(reports)
    .where(eq(reports.unitId, unitId))
    .orderBy(desc(reports.periodCode));
}
