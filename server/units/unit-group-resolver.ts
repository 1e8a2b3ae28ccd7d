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
 * The units of a group in force on `on` inside the subtree at `withinPath`: every unit of the type
 * (`unitType`), or the members of the saved group (`groupId`), a closed member carried on by its
 * successors (merge, split, rename). Arguments are SQL so the same words serve a single group and a
 * join over every task's groups.
 */
export function memberUnits(unitType: SQL, groupId: SQL, withinPath: SQL, on: string): SQL {
  return sql`select u.id from units u
    where u.type = ${unitType} and u.path like ${withinPath} || '%' and ${inForce('u', on)}
    union
    select u.id from unit_group_members m
    left join unit_successions s on s.predecessor_id = m.unit_id
    join units u on u.id = m.unit_id or u.id = s.successor_id
    where m.group_id = ${groupId} and u.path like ${withinPath} || '%' and ${inForce('u', on)}`;
}

/** (item_id, role, unit_type, group_id, unit_id) for every unit a group assignment reaches on `on`. */
export function groupMembersOn(on: string): SQL {
  return sql`select g.item_id, g.role, g.unit_type, g.group_id, mu.id as unit_id
    from plan_item_groups g
    join plan_items gi on gi.id = g.item_id
    join plans gp on gp.id = gi.plan_id
    join units gowner on gowner.id = gp.unit_id
    cross join lateral (${memberUnits(sql`g.unit_type`, sql`g.group_id`, sql`gowner.path`, on)}) mu`;
}

/** (item_id, role, unit_id): every unit a task is given to on `on`, named or through a group. */
export function assignmentsOn(on: string): SQL {
  return sql`select item_id, role, unit_id from plan_item_units
    union select item_id, role, unit_id from (${groupMembersOn(on)}) gm`;
}

/** Ids of the tasks given (as `role`) to a unit matching `unitCondition` (on the table `units`), in parentheses for `inArray`. */
export function itemsAssignedTo(on: string, role: 'lead' | 'support' | null, unitCondition: SQL): SQL {
  return sql`(select a.item_id from (${assignmentsOn(on)}) a join units on units.id = a.unit_id
    where ${role === null ? sql`true` : sql`a.role = ${role}`} and ${unitCondition})`;
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
  const result =
    await db.execute(sql`select g.item_id, g.role, g.unit_type, g.group_id, ug.name as group_name,
      (select count(distinct gm.unit_id) from (${groupMembersOn(on)}) gm
        where gm.item_id = g.item_id and gm.role = g.role
          and gm.unit_type is not distinct from g.unit_type and gm.group_id is not distinct from g.group_id
      )::int as member_count
    from plan_item_groups g left join unit_groups ug on ug.id = g.group_id
    where g.item_id in (${ids}) order by g.id`);
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

/** Every unit the groups of these items reach on `on`, with the group it comes through. */
export async function groupMembersOfItems(
  db: DbOrTx,
  itemIds: readonly number[],
  on: string,
): Promise<ItemMember[]> {
  if (itemIds.length === 0) return [];
  const ids = sql.join(
    itemIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  const result =
    await db.execute(sql`select gm.item_id, gm.role, gm.unit_type, gm.group_id, u.id, u.name, u.path
    from (${groupMembersOn(on)}) gm join units u on u.id = gm.unit_id
    where gm.item_id in (${ids}) order by u.name collate vi, u.id`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    itemId: Number(row.item_id),
    role: row.role as 'lead' | 'support',
    key: row.unit_type ? typeGroupKey(row.unit_type as UnitType) : savedGroupKey(Number(row.group_id)),
    unitId: Number(row.id),
    unitName: String(row.name),
    unitPath: String(row.path),
  }));
}
