import { and, eq, exists, gte, inArray, isNotNull, isNull, notExists, or, type SQL, sql } from 'drizzle-orm';
import { hasPermissionSomewhere, type Permission, type Role } from '../../core/auth/roles.ts';
import type { Todo, TodoKind } from '../../core/todos.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { todayOf } from '../clock.ts';
import { totalOver } from '../db/list-total.ts';
import { assessmentRounds, reports, roundScores, roundUnits, units } from '../db/schema/index.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { reportInbox, reviewQueue } from '../reports/report-queues.ts';
import type { NotificationContext } from './notification-service.ts';
import { unitsAskedForPlans } from './plan-notifications.ts';

/** The roles that answer for a unit's own work (its plan, its self-assessment), by a grant on the unit. */
const UNIT_ROLES: readonly Role[] = ['unit_reporter', 'unit_head'];

const todo = (kind: TodoKind, count: number, link: string, overdue = false): Todo => ({
  kind,
  count,
  link,
  overdue,
});

/** The unit's reports: a head is asked to send what was presented, a reporter to write the rest. */
async function reportTodos(ctx: NotificationContext): Promise<Todo[]> {
  if (!hasPermissionSomewhere(ctx.user.grants, 'reports.write')) return [];
  const { items } = await reportInbox(ctx);
  const open = items.filter((item) => item.toWrite);
  const link = open.length === 1 && open[0]?.report ? `/reports/${open[0].report.id}` : '/reports';
  const overdue = open.some((item) => item.overdue);
  if (!hasPermissionSomewhere(ctx.user.grants, 'reports.submit'))
    return [todo('reportsToWrite', open.length, link, overdue)];
  return [
    await awaitingHead(ctx),
    ...(open.length > 0 ? [todo('reportsNotSent', open.length, link, overdue)] : []),
  ];
}

/** Reports presented to a head, whatever their period (an old one waits as much as a new one). */
async function awaitingHead(ctx: NotificationContext): Promise<Todo> {
  const scope = unitScope(ctx.user.grants, 'reports.submit', units.path);
  const rows = await ctx.db
    .select({ id: reports.id, periodCode: reports.periodCode })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(and(eq(reports.status, 'presented'), scopeCondition(scope)))
    .orderBy(reports.id)
    .limit(500);
  const calendar = rows.length > 0 ? await loadReportingCalendar(ctx.db) : null;
  const today = todayOf(ctx);
  const overdue = rows.some((row) => (calendar?.windowOf(row.periodCode).deadline ?? today) < today);
  const [first] = rows;
  return todo(
    'reportsAwaitingHead',
    rows.length,
    rows.length === 1 && first ? `/reports/${first.id}` : '/reports',
    overdue,
  );
}

async function reviewTodos(ctx: NotificationContext): Promise<Todo[]> {
  if (!hasPermissionSomewhere(ctx.user.grants, 'reports.review')) return [];
  const queue = await reviewQueue(ctx, { page: 1, perPage: 1, sort: 'submittedAt' });
  const [first] = queue.items;
  return [
    todo('reportsToReview', queue.total, queue.total === 1 && first ? `/reports/${first.id}` : '/reports'),
  ];
}

/** Sheets of rounds in `stage`, still open by its deadline, in the user's scope for `permission`. */
async function sheetTodo(
  ctx: NotificationContext,
  kind: TodoKind,
  permission: Permission,
  stages: string[],
  condition: SQL,
): Promise<Todo[]> {
  const scope = unitScope(ctx.user.grants, permission, units.path);
  if (scope === false) return [];
  const [first] = await ctx.db
    .select({ roundId: roundUnits.roundId, unitId: roundUnits.unitId, total: totalOver() })
    .from(roundUnits)
    .innerJoin(assessmentRounds, eq(assessmentRounds.id, roundUnits.roundId))
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(
      and(
        inArray(assessmentRounds.stage, stages),
        // A stage past its deadline is locked: nothing is asked of anyone there any more.
        gte(sql`${assessmentRounds.deadlines} ->> ${assessmentRounds.stage}`, todayOf(ctx)),
        scopeCondition(scope),
        condition,
      ),
    )
    .orderBy(roundUnits.roundId, roundUnits.unitId)
    .limit(1);
  const count = first?.total ?? 0;
  const link =
    count === 1 && first ? `/assessment/rounds/${first.roundId}/units/${first.unitId}` : '/assessment';
  return [todo(kind, count, link)];
}

const scoresOfSheet = (condition: SQL) =>
  and(eq(roundScores.roundId, roundUnits.roundId), eq(roundScores.unitId, roundUnits.unitId), condition);

async function assessmentTodos(ctx: NotificationContext): Promise<Todo[]> {
  const grants = ctx.user.grants;
  const todos: Todo[] = [];
  if (hasPermissionSomewhere(grants, 'assessment.self')) {
    const toFill = await sheetTodo(
      ctx,
      'sheetsToFill',
      'assessment.self',
      ['self'],
      isNull(roundUnits.selfSubmittedAt),
    );
    todos.push(...toFill.filter((entry) => entry.count > 0));
    const awaiting = ctx.db
      .select({ one: sql`1` })
      .from(roundScores)
      .where(
        scoresOfSheet(and(isNotNull(roundScores.returnedReason), isNull(roundScores.explanation)) as SQL),
      );
    const explanations = await sheetTodo(
      ctx,
      'explanationsToGive',
      'assessment.self',
      ['explanation'],
      exists(awaiting),
    );
    todos.push(...explanations.filter((entry) => entry.count > 0));
  }
  if (hasPermissionSomewhere(grants, 'assessment.appraise')) {
    const appraised = ctx.db
      .select({ one: sql`1` })
      .from(roundScores)
      .where(
        scoresOfSheet(
          or(isNotNull(roundScores.appraisedScore), isNotNull(roundScores.returnedReason)) as SQL,
        ),
      );
    const awaitingReappraisal = ctx.db
      .select({ one: sql`1` })
      .from(roundScores)
      .where(
        scoresOfSheet(
          and(
            isNotNull(roundScores.returnedReason),
            isNotNull(roundScores.explanation),
            isNull(roundScores.reappraisedAt),
          ) as SQL,
        ),
      );
    // First appraisal: every sheet sent and not yet touched by the council; second: those with an
    // explained criterion the council has not entered again.
    const toAppraise = or(
      and(
        eq(assessmentRounds.stage, 'appraisal1'),
        isNotNull(roundUnits.selfSubmittedAt),
        notExists(appraised),
      ),
      and(eq(assessmentRounds.stage, 'appraisal2'), exists(awaitingReappraisal)),
    ) as SQL;
    todos.push(
      ...(await sheetTodo(
        ctx,
        'sheetsToAppraise',
        'assessment.appraise',
        ['appraisal1', 'appraisal2'],
        toAppraise,
      )),
    );
  }
  return todos;
}

/**
 * Plans that ask the user's units (by a grant on the unit itself) for their own plan, not answered
 * yet: a unit leading a task by name or through a group in force today ("Tất cả xã, phường").
 */
async function planTodos(ctx: NotificationContext): Promise<Todo[]> {
  const unitIds = [
    ...new Set(
      ctx.user.grants.filter((grant) => UNIT_ROLES.includes(grant.role)).map((grant) => grant.unitId),
    ),
  ];
  if (unitIds.length === 0) return [];
  const today = todayOf(ctx);
  const mine = sql.join(
    unitIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  const result = await ctx.db.execute(sql`select q.plan_id, q.unit_id, p.child_plans_due as due
    from (${unitsAskedForPlans(today, {
      units: sql`units.id in (${mine})`,
      items: sql`select pi.id from plan_items pi join plans pp on pp.id = pi.plan_id
        where pp.child_plans_due is not null and pp.status = 'active'`,
    })}) q join plans p on p.id = q.plan_id
    where p.child_plans_due is not null and p.status = 'active' and q.unit_id in (${mine})
    order by q.plan_id, q.unit_id limit 200`);
  const asked = (result.rows as Record<string, unknown>[]).map((row) => ({
    planId: Number(row.plan_id),
    due: row.due === null ? null : String(row.due).slice(0, 10),
  }));
  if (asked.length === 0) return [];
  const [first] = asked;
  return [
    todo(
      'plansToMake',
      asked.length,
      asked.length === 1 && first ? `/plans/${first.planId}` : '/plans',
      asked.some((entry) => entry.due !== null && entry.due < today),
    ),
  ];
}

/**
 * Everything that waits for the user, by role: reports to write, present, send or review, sheets to
 * appraise are there for the roles that do them, even at 0; sheets to fill or explain and plans to
 * make only while something is asked (rounds and plans come a few times a year).
 */
export async function findTodos(ctx: NotificationContext): Promise<{ items: Todo[] }> {
  const items = [
    ...(await reportTodos(ctx)),
    ...(await reviewTodos(ctx)),
    ...(await assessmentTodos(ctx)),
    ...(await planTodos(ctx)),
  ];
  return { items };
}
