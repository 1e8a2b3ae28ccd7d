import { type SQL, sql } from 'drizzle-orm';
import {
  type GroupKey,
  type GroupRef,
  savedGroupKey,
  typeGroupKey,
  typeGroupName,
} from '../../core/units/groups.ts';
import type { UnitType } from '../../core/units/unit-types.ts';
import type { DbOrTx } from '../db/engine.ts';

/**
 * The one resolver of who a task is given to: the units named on it (`plan_item_units`) and the
 * members of the groups it is given to (`plan_item_groups`), each group resolved on a day to its units
 * in force that day inside the plan owner's subtree. "My tasks", the report's task list, the cascade
 * board, access to a plan and its evidence all read through `assignmentsOn`, so a commune merged or
 * founded after the plan was written is on the list of the task its group was given.
 */

/** A unit in force on `on` (ISO date): `valid_to` is its last day. */
const inForce = (alias: string, on: string): SQL =>
  sql`${sql.raw(alias)}.valid_from <= ${on}::date and (${sql.raw(alias)}.valid_to is null or ${sql.raw(alias)}.valid_to >= ${on}::date)`;

/**
 * Which assignments to resolve. Both narrow the work before any group is expanded, so "is this unit
 * given this task" and "the tasks of this plan" never resolve every group of every plan:
 * - `units`: a condition on the table `units` the unit reached must meet (one unit, a user's scope);
 *   a group is then matched against those units (membership), not expanded and filtered;
 * - `items`: a subquery of the task ids wanted (`select id from plan_items where plan_id = …`).
 */
export interface AssignmentFilter {
  units?: SQL | undefined;
  items?: SQL | undefined;
}

const itemsIn = (column: string, filter: AssignmentFilter): SQL =>
  filter.items ? sql`${sql.raw(column)} in (${filter.items})` : sql`true`;
const unitsWhere = (filter: AssignmentFilter): SQL => filter.units ?? sql`true`;

/**
 * The units of a group in force on `on` inside the subtree at `withinPath`: every unit of the type
 * (`unitType`), or the members of the saved group (`groupId`), a closed member carried on by its
 * successors (merge, split, rename). Arguments are SQL so the same words serve one group or a column.
 */
export function memberUnits(unitType: SQL, groupId: SQL, withinPath: SQL, on: string): SQL {
  return sql`select u.id from units u
    where u.type = ${unitType} and u.path like ${withinPath} || '%' and ${inForce('u', on)}
    union
    select u.id from unit_group_members m join units u on u.id = m.unit_id
    where m.group_id = ${groupId} and u.path like ${withinPath} || '%' and ${inForce('u', on)}
    union
    select u.id from unit_group_members m
    join unit_successions s on s.predecessor_id = m.unit_id join units u on u.id = s.successor_id
    where m.group_id = ${groupId} and u.path like ${withinPath} || '%' and ${inForce('u', on)}`;
}

/**
 * The rows of `groupMembersOn` before duplicates are dropped (two closed members merged into one
 * commune reach it twice): for callers that drop them once, at the end, over a larger union.
 */
function groupMemberRows(on: string, filter: AssignmentFilter): SQL {
  const owner = sql`join plan_items gi on gi.id = g.item_id
    join plans gp on gp.id = gi.plan_id
    join units gowner on gowner.id = gp.unit_id`;
  const reached = sql`units.path like gowner.path || '%' and ${inForce('units', on)} and ${unitsWhere(filter)}`;
  return sql`select g.item_id, g.role, g.unit_type, g.group_id, units.id as unit_id
    from plan_item_groups g ${owner}
    join units on units.type = g.unit_type
    where g.unit_type is not null and ${itemsIn('g.item_id', filter)} and ${reached}
    union all
    select g.item_id, g.role, g.unit_type, g.group_id, units.id as unit_id
    from plan_item_groups g ${owner}
    join unit_group_members m on m.group_id = g.group_id
    join units on units.id = m.unit_id
    where ${itemsIn('g.item_id', filter)} and ${reached}
    union all
    select g.item_id, g.role, g.unit_type, g.group_id, units.id as unit_id
    from plan_item_groups g ${owner}
    join unit_group_members m on m.group_id = g.group_id
    join unit_successions s on s.predecessor_id = m.unit_id
    join units on units.id = s.successor_id
    where ${itemsIn('g.item_id', filter)} and ${reached}`;
}

/**
 * (item_id, role, unit_type, group_id, unit_id) for every unit a group assignment reaches on `on`: the
 * units of the type in force inside the plan owner's subtree, and the saved group's members in force
 * there (its closed members' successors in their place). Joined from the units side, so with
 * `filter.units` a group is a membership test on those units (an index lookup for one unit).
 */
export function groupMembersOn(on: string, filter: AssignmentFilter = {}): SQL {
  return sql`select distinct * from (${groupMemberRows(on, filter)}) gr`;
}

/**
 * The rows of `assignmentsOn` before duplicates are dropped (a unit named on a task and in its group
 * is there twice). One `distinct` over the whole union costs one pass; a province's 465,000 (task,
 * unit) pairs of overdue tasks cost a second or more for each pass over them.
 */
export function assignmentRows(on: string, filter: AssignmentFilter = {}): SQL {
  return sql`select n.item_id, n.role, n.unit_id from plan_item_units n
    join units on units.id = n.unit_id
    where ${itemsIn('n.item_id', filter)} and ${unitsWhere(filter)}
    union all select item_id, role, unit_id from (${groupMemberRows(on, filter)}) gm`;
}

/** (item_id, role, unit_id): every unit a task is given to on `on`, named or through a group, once. */
export function assignmentsOn(on: string, filter: AssignmentFilter = {}): SQL {
  return sql`select distinct item_id, role, unit_id from (${assignmentRows(on, filter)}) ar`;
}

/** Ids of the tasks given (as `role`) to a unit matching `unitCondition` (on the table `units`), in parentheses for `inArray`. */
export function itemsAssignedTo(on: string, role: 'lead' | 'support' | null, unitCondition: SQL): SQL {
  return sql`(select a.item_id from (${assignmentsOn(on, { units: unitCondition })}) a
    where ${role === null ? sql`true` : sql`a.role = ${role}`})`;
}

export interface ItemGroup {
  itemId: number;
  role: 'lead' | 'support';
  group: GroupRef;
}

/** The groups each item is given to, with how many units each covers on `on`. */
export async function groupsOfItems(
  db: DbOrTx,
  itemIds: readonly number[],
  on: string,
): Promise<ItemGroup[]> {
  if (itemIds.length === 0) return [];
  const ids = sql.join(
    itemIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  // A group's count depends only on the group and the plan owner's subtree: counted once for each
  // such pair (every task of a plan given "Tất cả xã, phường" shares one count), not once per task.
  const result = await db.execute(sql`with given as (
      select g.id, g.item_id, g.role, g.unit_type, g.group_id, ug.name as group_name, gowner.path as owner_path
      from plan_item_groups g
      join plan_items gi on gi.id = g.item_id
      join plans gp on gp.id = gi.plan_id
      join units gowner on gowner.id = gp.unit_id
      left join unit_groups ug on ug.id = g.group_id
      where g.item_id in (${ids})
    ), counted as materialized (
      select k.unit_type, k.group_id, k.owner_path,
        (select count(*) from (${memberUnits(sql`k.unit_type`, sql`k.group_id`, sql`k.owner_path`, on)}) m)::int as member_count
      from (select distinct unit_type, group_id, owner_path from given) k
    )
    select given.item_id, given.role, given.unit_type, given.group_id, given.group_name, counted.member_count
    from given join counted on counted.unit_type is not distinct from given.unit_type
      and counted.group_id is not distinct from given.group_id and counted.owner_path = given.owner_path
    order by given.id`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    itemId: Number(row.item_id),
    role: row.role as 'lead' | 'support',
    group: presentGroup(
      row.unit_type as UnitType | null,
      row.group_id as number | null,
      row.group_name as string | null,
      Number(row.member_count),
    ),
  }));
}

function presentGroup(
  unitType: UnitType | null,
  groupId: number | null,
  name: string | null,
  memberCount: number,
): GroupRef {
  const key: GroupKey = unitType ? typeGroupKey(unitType) : savedGroupKey(groupId ?? 0);
  return { key, name: unitType ? typeGroupName(unitType) : (name ?? key), memberCount };
}

export interface ItemMember {
  itemId: number;
  role: 'lead' | 'support';
  key: GroupKey;
  unitId: number;
  unitName: string;
  unitPath: string;
}

/**
 * Every unit the groups of these items reach on `on`, with the group it comes through; with `units` (a
 * condition on the table `units`, e.g. a reader's scope) only those units. In no order: a plan's
 * groups reach tens of thousands of (task, unit) pairs, and its readers sort what they show.
 */
export async function groupMembersOfItems(
  db: DbOrTx,
  itemIds: readonly number[],
  on: string,
  units?: SQL,
): Promise<ItemMember[]> {
  if (itemIds.length === 0) return [];
  const ids = sql.join(
    itemIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  const result =
    await db.execute(sql`select gm.item_id, gm.role, gm.unit_type, gm.group_id, u.id, u.name, u.path
    from (${groupMembersOn(on, { items: ids, units })}) gm join units u on u.id = gm.unit_id`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    itemId: Number(row.item_id),
    role: row.role as 'lead' | 'support',
    key: row.unit_type ? typeGroupKey(row.unit_type as UnitType) : savedGroupKey(Number(row.group_id)),
    unitId: Number(row.id),
    unitName: String(row.name),
    unitPath: String(row.path),
  }));
}
