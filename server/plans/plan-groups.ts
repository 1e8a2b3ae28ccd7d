import { and, eq, inArray, sql } from 'drizzle-orm';
import { scopeRoots } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { GroupRef } from '../../core/units/groups.ts';
import {
  type GroupKey,
  groupOfAgency,
  parseGroupKey,
  savedGroupKey,
  typeGroupKey,
  typeGroupName,
} from '../../core/units/groups.ts';
import type { UnitType } from '../../core/units/unit-types.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { planItemGroups, unitGroups, units } from '../db/schema/index.ts';
import { groupMembersOn, memberUnits } from '../units/unit-group-resolver.ts';
import type { PlanContext } from './plan-access.ts';

/**
 * Plan tasks given to groups of units: the importer's reading of "UBND cấp xã" as every commune, the
 * check that a group may be used, and the rows that record it on a task (members are never copied:
 * they are resolved when read, see server/units/unit-group-resolver.ts).
 */

/** Where the user writes plans: a provincial coordinator's province; several places or everywhere: "/". */
export function writeRoot(ctx: PlanContext): string {
  const roots = scopeRoots(ctx.user.grants, 'plans.write');
  return roots.length === 1 && roots[0] ? roots[0] : '/';
}

/**
 * The group each agency name stands for, with the units it covers today where the user writes plans
 * (a provincial coordinator: the province; several places or the whole installation: everywhere).
 */
export async function agencyGroups(ctx: PlanContext, names: string[]): Promise<Map<string, GroupRef>> {
  const found = new Map<string, GroupRef>();
  const today = todayOf(ctx);
  const within = writeRoot(ctx);
  const counts = new Map<GroupKey, number>();
  for (const name of names) {
    const key = groupOfAgency(name);
    const parsed = key && parseGroupKey(key);
    if (!key || parsed?.kind !== 'type') continue;
    if (!counts.has(key)) {
      const result = await ctx.db.execute<{ n: number }>(
        sql`select count(*)::int as n from (${memberUnits(sql`${parsed.unitType}`, sql`null::int`, sql`${within}`, today)}) m`,
      );
      counts.set(key, result.rows[0]?.n ?? 0);
    }
    const memberCount = counts.get(key) ?? 0;
    // "UBND cấp huyện" after 2025 covers nobody: left for the person to map, not read as an empty group.
    if (memberCount > 0) found.set(name, { key, name: typeGroupName(parsed.unitType), memberCount });
  }
  return found;
}

/** Group keys a plan of the unit at `ownerPath` may give tasks to: every type; saved groups the user reads within the owner's subtree. */
export async function assertGroupsUsable(ctx: PlanContext, ownerPath: string, keys: readonly GroupKey[]) {
  const savedIds = keys.flatMap((key) => {
    const parsed = parseGroupKey(key);
    return parsed?.kind === 'saved' ? [parsed.id] : [];
  });
  if (savedIds.length === 0) return;
  const unique = [...new Set(savedIds)];
  const readable = await ctx.db
    .select({ id: unitGroups.id, path: units.path })
    .from(unitGroups)
    .innerJoin(units, eq(units.id, unitGroups.unitId))
    .where(
      and(
        inArray(unitGroups.id, unique),
        scopeCondition(unitScope(ctx.user.grants, 'units.read', units.path)),
      ),
    );
  if (readable.length !== unique.length)
    throw fieldError(
      'agencies',
      msg('Không tìm thấy nhóm đơn vị đã chọn.', 'The chosen unit group was not found.'),
    );
  // A group saved by the province may serve a commune's plan only for the members inside that commune;
  // one saved above the plan's unit is fine (members outside are left out when read), one beside it is not.
  const outside = readable.filter(
    (group) => !group.path.startsWith(ownerPath) && !ownerPath.startsWith(group.path),
  );
  if (outside.length > 0)
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Kế hoạch của một đơn vị chỉ giao nhiệm vụ cho chính đơn vị đó và các đơn vị trực thuộc.',
        'A unit’s plan gives tasks only to that unit and its subordinate units.',
      ),
    );
}

const rowOf = (itemId: number, role: 'lead' | 'support', key: GroupKey) => {
  const parsed = parseGroupKey(key);
  if (!parsed) throw fieldError('agencies', msg('Nhóm đơn vị không hợp lệ.', 'Invalid unit group.'));
  return parsed.kind === 'type'
    ? { itemId, role, unitType: parsed.unitType, groupId: null }
    : { itemId, role, unitType: null, groupId: parsed.id };
};

export async function insertItemGroups(
  tx: Tx,
  links: { itemId: number; role: 'lead' | 'support'; key: GroupKey }[],
): Promise<void> {
  const unique = [
    ...new Map(links.map((link) => [`${link.itemId}/${link.role}/${link.key}`, link])).values(),
  ];
  if (unique.length > 0)
    await tx.insert(planItemGroups).values(unique.map((link) => rowOf(link.itemId, link.role, link.key)));
}

/** Replaces a task's groups in one role; the keys before and after, for the audit. */
export async function replaceItemGroups(
  tx: Tx,
  itemId: number,
  role: 'lead' | 'support',
  keys: readonly GroupKey[],
): Promise<{ before: string[]; after: string[] }> {
  const old = await tx
    .delete(planItemGroups)
    .where(and(eq(planItemGroups.itemId, itemId), eq(planItemGroups.role, role)))
    .returning({ unitType: planItemGroups.unitType, groupId: planItemGroups.groupId });
  await insertItemGroups(
    tx,
    keys.map((key) => ({ itemId, role, key })),
  );
  return {
    before: old
      .map((row) => (row.unitType ? typeGroupKey(row.unitType as UnitType) : savedGroupKey(row.groupId ?? 0)))
      .sort(),
    after: [...new Set(keys)].sort(),
  };
}

/** Ids of the tasks of a plan given (lead or support) through a group to a unit inside `path`, on `on`. */
export async function itemsGivenWithin(
  db: DbOrTx,
  planId: number,
  path: string,
  on: string,
): Promise<Set<number>> {
  const result = await db.execute<{ item_id: number }>(sql`select distinct gm.item_id
    from (${groupMembersOn(on, {
      units: sql`units.path like ${`${path}%`}`,
      items: sql`select id from plan_items where plan_id = ${planId}`,
    })}) gm`);
  return new Set(result.rows.map((row) => Number(row.item_id)));
}
