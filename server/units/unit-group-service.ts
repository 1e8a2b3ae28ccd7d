import { and, asc, count, desc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { type ListResult, parseSort } from '../../core/list.ts';
import { foldVietnamese, searchPattern } from '../../core/text/vietnamese.ts';
import {
  type CreateUnitGroupInput,
  type GroupChoice,
  type GroupKey,
  parseGroupKey,
  savedGroupKey,
  TYPE_GROUPS,
  typeGroupKey,
  type UnitGroup,
  type UnitGroupSummary,
  type UpdateUnitGroupInput,
} from '../../core/units/groups.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { listTotal, totalOver } from '../db/list-total.ts';
import { planItemGroups, unitGroupMembers, unitGroups, units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { assertReadsUnit, type UnitContext, unitsInScope } from './unit-access.ts';
import { memberUnits } from './unit-group-resolver.ts';

/**
 * Saved groups of units: a coordinator names a set of units ("Các xã biên giới") once and gives plan
 * tasks to it in one pick. A group belongs to a unit: it is read by whoever reads that unit, changed by
 * whoever holds `units.groups` there, and its members are units of that unit's subtree.
 */
type GroupRow = typeof unitGroups.$inferSelect;

const canChangeGroup = (ctx: UnitContext, ownerPath: string) =>
  hasPermissionOn(ctx.user.grants, 'units.groups', ownerPath);

async function loadGroup(ctx: UnitContext, id: number, db: DbOrTx = ctx.db) {
  const [row] = await db
    .select({ group: unitGroups, ownerName: units.name, ownerPath: units.path })
    .from(unitGroups)
    .innerJoin(units, eq(units.id, unitGroups.unitId))
    .where(and(eq(unitGroups.id, id), unitsInScope(ctx.user, 'units.read')));
  if (!row) throw new AppError('NOT_FOUND', msg('Không tìm thấy nhóm đơn vị.', 'Unit group not found.'));
  return row;
}

async function assertChangesGroup(ctx: UnitContext, id: number, db: DbOrTx = ctx.db) {
  const row = await loadGroup(ctx, id, db);
  if (!canChangeGroup(ctx, row.ownerPath)) throw new AppError('FORBIDDEN');
  return row;
}

/** Members must be units inside the owner's subtree (closed ones too: their successors carry them on). */
async function checkMembers(db: DbOrTx, ownerPath: string, memberIds: number[]): Promise<number[]> {
  const unique = [...new Set(memberIds)];
  const found = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, unique), like(units.path, `${ownerPath}%`)));
  if (found.length !== unique.length)
    throw fieldError(
      'memberIds',
      msg(
        'Nhóm chỉ gồm các đơn vị thuộc đơn vị sở hữu nhóm.',
        'A group holds only units under the unit that owns it.',
      ),
    );
  return unique.sort((a, b) => a - b);
}

function nameTaken(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? error;
  return (cause as { code?: string }).code === '23505';
}

async function present(ctx: UnitContext, row: Awaited<ReturnType<typeof loadGroup>>): Promise<UnitGroup> {
  const members = await ctx.db
    .select({ id: units.id, name: units.name, type: units.type, validTo: units.validTo })
    .from(unitGroupMembers)
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(eq(unitGroupMembers.groupId, row.group.id))
    .orderBy(sql`${units.name} collate vi`);
  return {
    ...summary(
      ctx,
      row.group,
      row.ownerName,
      row.ownerPath,
      await countMembers(ctx, row.group.id, row.ownerPath),
    ),
    members,
  };
}

function summary(
  ctx: UnitContext,
  group: GroupRow,
  ownerName: string,
  ownerPath: string,
  memberCount: number,
) {
  return {
    id: group.id,
    key: savedGroupKey(group.id),
    name: group.name,
    unit: { id: group.unitId, name: ownerName },
    memberCount,
    canEdit: canChangeGroup(ctx, ownerPath),
    version: group.version,
    updatedAt: group.updatedAt.toISOString(),
  };
}

/** How many units the saved group covers today (successors of closed members included). */
async function countMembers(ctx: UnitContext, groupId: number, ownerPath: string): Promise<number> {
  const result = await ctx.db.execute<{ n: number }>(
    sql`select count(*)::int as n from (${memberUnits(sql`null`, sql`${groupId}::int`, sql`${ownerPath}`, todayOf(ctx))}) m`,
  );
  return result.rows[0]?.n ?? 0;
}

export interface FindUnitGroupsQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
}

export async function findUnitGroups(
  ctx: UnitContext,
  query: FindUnitGroupsQuery,
): Promise<ListResult<UnitGroupSummary>> {
  const conditions: SQL[] = [unitsInScope(ctx.user, 'units.read')];
  if (query.q) conditions.push(like(unitGroups.nameSearch, searchPattern(query.q)));
  const where = and(...conditions);
  const { direction } = parseSort(query.sort);
  const rows = await ctx.db
    .select({ group: unitGroups, ownerName: units.name, ownerPath: units.path, total: totalOver() })
    .from(unitGroups)
    .innerJoin(units, eq(units.id, unitGroups.unitId))
    .where(where)
    .orderBy(
      direction === 'asc'
        ? asc(sql`${unitGroups.name} collate vi`)
        : desc(sql`${unitGroups.name} collate vi`),
      asc(unitGroups.id),
    )
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  const items = [];
  for (const row of rows)
    items.push(
      summary(
        ctx,
        row.group,
        row.ownerName,
        row.ownerPath,
        await countMembers(ctx, row.group.id, row.ownerPath),
      ),
    );
  return {
    items,
    page: query.page,
    perPage: query.perPage,
    total: await listTotal(rows, query, () =>
      ctx.db
        .select({ n: count() })
        .from(unitGroups)
        .innerJoin(units, eq(units.id, unitGroups.unitId))
        .where(where),
    ),
  };
}

export async function getUnitGroup(ctx: UnitContext, id: number): Promise<UnitGroup> {
  return present(ctx, await loadGroup(ctx, id));
}

export async function createUnitGroup(ctx: UnitContext, input: CreateUnitGroupInput & { name: string }) {
  const owner = await assertReadsUnit(ctx, input.unitId);
  if (!canChangeGroup(ctx, owner.path)) throw new AppError('FORBIDDEN');
  const memberIds = await checkMembers(ctx.db, owner.path, input.memberIds);
  let id: number;
  try {
    id = await mutate(ctx, async (tx, audit) => {
      const [group] = await tx
        .insert(unitGroups)
        .values({
          unitId: owner.id,
          name: input.name,
          nameSearch: foldVietnamese(input.name),
          createdBy: ctx.actor.userId,
        })
        .returning();
      if (!group) throw new Error('unit group insert returned nothing');
      await tx.insert(unitGroupMembers).values(memberIds.map((unitId) => ({ groupId: group.id, unitId })));
      await audit({
        action: 'unit_group.create',
        entityType: 'unit_group',
        entityId: group.id,
        unitId: owner.id,
        after: { name: group.name, memberIds },
      });
      return group.id;
    });
  } catch (error) {
    if (nameTaken(error))
      throw fieldError(
        'name',
        msg('Đơn vị đã có một nhóm cùng tên.', 'The unit already has a group with this name.'),
      );
    throw error;
  }
  return getUnitGroup(ctx, id);
}

export async function updateUnitGroup(
  ctx: UnitContext,
  id: number,
  input: UpdateUnitGroupInput & { name: string },
) {
  const row = await assertChangesGroup(ctx, id);
  const memberIds = await checkMembers(ctx.db, row.ownerPath, input.memberIds);
  try {
    await mutate(ctx, async (tx, audit) => {
      await writeVersioned(tx, {
        table: unitGroups,
        where: eq(unitGroups.id, id),
        version: input.version,
        set: { name: input.name, nameSearch: foldVietnamese(input.name) },
        actorId: ctx.actor.userId,
        at: nowOf(ctx),
        present: (group) => ({ name: group.name }),
      });
      const old = await tx
        .delete(unitGroupMembers)
        .where(eq(unitGroupMembers.groupId, id))
        .returning({ unitId: unitGroupMembers.unitId });
      await tx.insert(unitGroupMembers).values(memberIds.map((unitId) => ({ groupId: id, unitId })));
      await audit({
        action: 'unit_group.update',
        entityType: 'unit_group',
        entityId: id,
        unitId: row.group.unitId,
        before: { name: row.group.name, memberIds: old.map((member) => member.unitId).sort((a, b) => a - b) },
        after: { name: input.name, memberIds },
      });
    });
  } catch (error) {
    if (nameTaken(error))
      throw fieldError(
        'name',
        msg('Đơn vị đã có một nhóm cùng tên.', 'The unit already has a group with this name.'),
      );
    throw error;
  }
  return getUnitGroup(ctx, id);
}

/** A group no task is given to may go; one in use stays (the plans would lose who does the work). */
export async function deleteUnitGroup(ctx: UnitContext, id: number): Promise<void> {
  const row = await assertChangesGroup(ctx, id);
  const [used] = await ctx.db
    .select({ n: count() })
    .from(planItemGroups)
    .where(eq(planItemGroups.groupId, id));
  if ((used?.n ?? 0) > 0)
    throw new AppError(
      'CONFLICT',
      msg(
        `Nhóm đang được giao ${used?.n} nhiệm vụ, không thể xóa.`,
        `The group is given ${used?.n} tasks and cannot be deleted.`,
      ),
    );
  await mutate(ctx, async (tx, audit) => {
    const old = await tx
      .delete(unitGroupMembers)
      .where(eq(unitGroupMembers.groupId, id))
      .returning({ unitId: unitGroupMembers.unitId });
    await tx.delete(unitGroups).where(eq(unitGroups.id, id));
    await audit({
      action: 'unit_group.delete',
      entityType: 'unit_group',
      entityId: id,
      unitId: row.group.unitId,
      before: { name: row.group.name, memberIds: old.map((member) => member.unitId).sort((a, b) => a - b) },
    });
  });
}

// ---- Groups a picker offers, and who a group is on a day ------------------------------------------

/** Units of a group inside `withinPath` in force on `on`, by name. */
async function membersOf(db: DbOrTx, key: GroupKey, withinPath: string, on: string) {
  const parsed = parseGroupKey(key);
  if (!parsed) return [];
  const unitType = parsed.kind === 'type' ? sql`${parsed.unitType}` : sql`null`;
  const groupId = parsed.kind === 'saved' ? sql`${parsed.id}::int` : sql`null::int`;
  const result = await db.execute<{ id: number; name: string; type: string }>(
    sql`select u.id, u.name, u.type from units u
      where u.id in (${memberUnits(unitType, groupId, sql`${withinPath}`, on)})
      order by u.name collate vi, u.id`,
  );
  return result.rows.map((row) => ({ id: Number(row.id), name: row.name, type: row.type }));
}

/**
 * The groups a task of a plan of `unitId` may be given to: every unit of a type with units there,
 * then the saved groups the user reads, each with how many units it covers on `on` (default today).
 */
export async function groupChoices(ctx: UnitContext, unitId: number, on?: string): Promise<GroupChoice[]> {
  const within = await assertReadsUnit(ctx, unitId);
  const day = on ?? todayOf(ctx);
  const choices: GroupChoice[] = [];
  for (const type of TYPE_GROUPS) {
    const key = typeGroupKey(type.unitType);
    const memberCount = (await membersOf(ctx.db, key, within.path, day)).length;
    if (memberCount > 0) choices.push({ key, name: type.vi, memberCount, kind: 'type' });
  }
  const saved = await ctx.db
    .select({ id: unitGroups.id, name: unitGroups.name })
    .from(unitGroups)
    .innerJoin(units, eq(units.id, unitGroups.unitId))
    .where(unitsInScope(ctx.user, 'units.read'))
    .orderBy(sql`${unitGroups.name} collate vi`)
    .limit(100);
  for (const group of saved) {
    const key = savedGroupKey(group.id);
    const memberCount = (await membersOf(ctx.db, key, within.path, day)).length;
    if (memberCount > 0) choices.push({ key, name: group.name, memberCount, kind: 'saved' });
  }
  return choices;
}

/** Who a group is inside `unitId` on `on` (default today): what the board's group row expands to. */
export async function groupMembers(ctx: UnitContext, key: GroupKey, unitId: number, on?: string) {
  const within = await assertReadsUnit(ctx, unitId);
  const parsed = parseGroupKey(key);
  if (parsed?.kind === 'saved') await loadGroup(ctx, parsed.id);
  return membersOf(ctx.db, key, within.path, on ?? todayOf(ctx));
}
