import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { PlanItem } from '../../core/plans/plan-views.ts';
import type { Clock } from '../clock.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { plans, reports, units } from '../db/schema/index.ts';
import { itemsWithProgress, planItemRows } from '../plans/plan-queries.ts';
import { slug } from './format.ts';

/**
 * What the public site shows of a plan: its particulars, its tasks with the lead units, deadlines,
 * status and progress (the same computation as the plan's page), and the text each unit reported on
 * a task in its accepted reports. Never a task's internal note, an evidence file, a draft report, or
 * a plan that is not published — except in the staff's preview, which the caller authorises.
 */
export interface PublicTask {
  id: number;
  parentId: number | null;
  kind: PlanItem['kind'];
  ref: string;
  text: string;
  lead: string[];
  support: string[];
  due: string | null;
  status: PlanItem['status'];
  progress: number;
  overdue: boolean;
  reported: { unit: string; period: string; text: string }[];
}

export interface PublicPlan {
  id: number;
  number: string | null;
  type: string | null;
  title: string;
  year: number;
  issuedOn: string | null;
  issuer: string | null;
  signer: string | null;
  unit: string;
  indices: string[];
  status: string;
  publishedAt: string | null;
  progress: number;
  items: PublicTask[];
}

export const planPath = (plan: { id: number; title: string }) =>
  `/cong-khai/ke-hoach/${plan.id}-${slug(plan.title)}`;

/** The plans on the public site, newest year first. */
export async function publishedPlans(db: DbOrTx) {
  return db
    .select({
      id: plans.id,
      number: plans.number,
      type: plans.type,
      title: plans.title,
      year: plans.year,
      issuedOn: plans.issuedOn,
      unit: units.name,
      publishedAt: plans.publishedAt,
    })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(and(isNotNull(plans.publishedAt), sql`${plans.status} <> 'draft'`))
    .orderBy(desc(plans.year), desc(plans.issuedOn), desc(plans.id));
}

/** The latest accepted report text of each unit on each of `itemIds`. */
async function reportedTexts(db: DbOrTx, itemIds: number[]) {
  if (itemIds.length === 0) return new Map<number, PublicTask['reported']>();
  const rows = await db.execute<{ item_id: number; unit: string; period: string; done: string }>(sql`
    select distinct on (item_id, r.unit_id) (e->>'itemId')::int as item_id, u.name as unit,
      r.period_code as period, e->>'done' as done
    from ${reports} r
    join ${units} u on u.id = r.unit_id
    cross join lateral jsonb_array_elements(r.task_updates) e
    where r.status in ('accepted', 'locked')
      and (e->>'itemId')::int in (${sql.join(
        itemIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      and coalesce(trim(e->>'done'), '') <> ''
    order by item_id, r.unit_id, r.period_code desc`);
  const byItem = new Map<number, PublicTask['reported']>();
  for (const row of rows.rows)
    byItem.set(row.item_id, [
      ...(byItem.get(row.item_id) ?? []),
      { unit: row.unit, period: row.period, text: row.done.trim() },
    ]);
  for (const list of byItem.values()) list.sort((a, b) => a.unit.localeCompare(b.unit, 'vi'));
  return byItem;
}

/** A plan as the public sees it; `preview`: also when it is not published (the caller checked the reader). */
export async function publicPlan(
  db: DbOrTx,
  id: number,
  now: Clock | undefined,
  options: { preview?: boolean } = {},
): Promise<PublicPlan | null> {
  const [row] = await db
    .select({ plan: plans, unit: units.name })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, id));
  if (!row || (!options.preview && (row.plan.publishedAt === null || row.plan.status === 'draft')))
    return null;
  const today = todayOf({ now });
  const loaded = await planItemRows(db, id, today);
  const { items, progress } = await itemsWithProgress(db, row.plan, loaded, today, new Map());
  const reported = await reportedTexts(
    db,
    items.filter((item) => item.kind === 'task').map((item) => item.id),
  );
  return {
    id: row.plan.id,
    number: row.plan.number,
    type: row.plan.type,
    title: row.plan.title,
    year: row.plan.year,
    issuedOn: row.plan.issuedOn,
    issuer: row.plan.issuer,
    signer: row.plan.signer,
    unit: row.unit,
    indices: row.plan.indices,
    status: row.plan.status,
    publishedAt: row.plan.publishedAt?.toISOString() ?? null,
    progress,
    items: items.map((item) => ({
      id: item.id,
      parentId: item.parentId,
      kind: item.kind,
      ref: item.ref,
      text: item.text,
      // The units as named in Chiso, else as the document names them; a group by its name.
      lead:
        item.lead.length || item.leadGroups.length
          ? [...item.lead.map((unit) => unit.name), ...item.leadGroups.map((group) => group.name)]
          : item.leadNames,
      support:
        item.support.length || item.supportGroups.length
          ? [...item.support.map((unit) => unit.name), ...item.supportGroups.map((group) => group.name)]
          : item.supportNames,
      due: item.due,
      status: item.status,
      progress: item.progress,
      overdue: item.overdue,
      reported: reported.get(item.id) ?? [],
    })),
  };
}
