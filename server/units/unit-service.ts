import { and, asc, desc, eq, inArray, isNotNull, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { hasPermissionOn, scopeRoots } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { type ListResult, parseSort } from '../../core/list.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { foldVietnamese, searchPattern } from '../../core/text/vietnamese.ts';
import type {
  closeUnitSchema,
  createUnitSchema,
  moveUnitSchema,
  updateUnitSchema,
} from '../../core/units/unit-schemas.ts';
import { childPath, isMoveAllowed, pathIds } from '../../core/units/unit-tree.ts';
import type { SuccessionKind, UnitType } from '../../core/units/unit-types.ts';
import { type Audit, mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { listTotal } from '../db/list-total.ts';
import { unitSuccessions, units } from '../db/schema/index.ts';
import {
  assertChangesUnit,
  assertReadsUnit,
  canChangeUnit,
  loadUnit,
  type UnitContext,
  type UnitRow,
  unitsInScope,
} from './unit-access.ts';
import { auditedUnit, type UnitDetail, type UnitSummary } from './unit-presenters.ts';

const parent = alias(units, 'parent');

const SORT_COLUMNS = {
  name: sql`${units.name} collate vi`,
  code: units.code,
  type: units.type,
} as const;

export interface FindUnitsQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
  parentId?: number | 'root' | undefined;
  type?: UnitType | undefined;
  status: 'active' | 'closed' | 'all';
}

export async function findUnits(ctx: UnitContext, query: FindUnitsQuery): Promise<ListResult<UnitSummary>> {
  const conditions: (SQL | undefined)[] = [unitsInScope(ctx.user, 'units.read')];
  if (query.status === 'active') conditions.push(isNull(units.validTo));
  if (query.status === 'closed') conditions.push(isNotNull(units.validTo));
  if (query.type) conditions.push(eq(units.type, query.type));
  if (query.q) {
    const folded = searchPattern(query.q);
    conditions.push(or(like(units.nameSearch, folded), like(units.code, folded)));
  }
  if (query.parentId === 'root') {
    const roots = scopeRoots(ctx.user.grants, 'units.read');
    conditions.push(
      roots.includes('/') ? isNull(units.parentId) : inArray(units.path, roots.length ? roots : ['-']),
    );
  } else if (query.parentId !== undefined) {
    conditions.push(eq(units.parentId, query.parentId));
  }
  const { field, direction } = parseSort(query.sort);
  const sortField = (field in SORT_COLUMNS ? field : 'name') as keyof typeof SORT_COLUMNS;
  const where = and(...conditions);
  // The page is chosen first (an index gives it in name order), then only its rows are joined to their
  // parents and counted children; the total rides along as a scalar subquery: one round trip in all.
  const page = ctx.db
    .select()
    .from(units)
    .where(where)
    .orderBy(...sortOrder(SORT_COLUMNS[sortField], direction))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage)
    .as('page');
  const pageSort = { name: sql`${page.name} collate vi`, code: page.code, type: page.type }[sortField];
  const childCount = sql<number>`(select count(*)::int from units c where c.parent_id = ${page.id}${
    query.status === 'active' ? sql` and c.valid_to is null` : sql``
  })`;
  const countSql = sql<number>`(select count(*)::int from units where ${where})`;
  const rows = await ctx.db
    .select({
      id: page.id,
      code: page.code,
      name: page.name,
      type: page.type,
      parentId: page.parentId,
      validFrom: page.validFrom,
      validTo: page.validTo,
      headName: page.headName,
      parentName: parent.name,
      childCount,
      total: countSql,
    })
    .from(page)
    .leftJoin(parent, eq(parent.id, page.parentId))
    .orderBy(...sortOrder(pageSort, direction));
  const total = await listTotal(rows, query, () =>
    ctx.db.select({ n: countSql }).from(sql`(select 1) as one`),
  );
  return {
    items: rows.map(({ parentName, childCount: children, total: _total, ...unit }) =>
      presentSummary(unit, parentName, children),
    ),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

function sortOrder(column: SQL | AnyPgColumn, direction: 'asc' | 'desc'): SQL[] {
  return direction === 'asc' ? [asc(column), sql`id asc`] : [desc(column), sql`id desc`];
}

type SummaryFields = Pick<
  UnitRow,
  'id' | 'code' | 'name' | 'type' | 'parentId' | 'validFrom' | 'validTo' | 'headName'
>;

function presentSummary(unit: SummaryFields, parentName: string | null, childCount: number): UnitSummary {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    type: unit.type as UnitType,
    parentId: unit.parentId,
    parentName,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    isActive: unit.validTo === null,
    childCount,
    headName: unit.headName,
  };
}

export async function getUnit(ctx: UnitContext, id: number, db: DbOrTx = ctx.db): Promise<UnitDetail> {
  const unit = await assertReadsUnit(ctx, id, db);
  const ancestorIds = pathIds(unit.path).filter((ancestorId) => ancestorId !== unit.id);
  // One after the other: `db` may be a transaction's single connection, which must not run two at once.
  const ancestors = await (ancestorIds.length
    ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ancestorIds))
    : Promise.resolve([]));
  const predecessors = await db
    .select({
      id: units.id,
      name: units.name,
      kind: unitSuccessions.kind,
      effectiveOn: unitSuccessions.effectiveOn,
    })
    .from(unitSuccessions)
    .innerJoin(units, eq(units.id, unitSuccessions.predecessorId))
    .where(eq(unitSuccessions.successorId, unit.id))
    .orderBy(sql`${units.name} collate vi`);
  const successors = await db
    .select({
      id: units.id,
      name: units.name,
      kind: unitSuccessions.kind,
      effectiveOn: unitSuccessions.effectiveOn,
    })
    .from(unitSuccessions)
    .innerJoin(units, eq(units.id, unitSuccessions.successorId))
    .where(eq(unitSuccessions.predecessorId, unit.id))
    .orderBy(sql`${units.name} collate vi`);
  const [counts] = await db
    .select({ childCount: sql<number>`count(*)::int` })
    .from(units)
    .where(and(eq(units.parentId, unit.id), isNull(units.validTo)));
  const byId = new Map(ancestors.map((ancestor) => [ancestor.id, ancestor]));
  const parentName = unit.parentId ? (byId.get(unit.parentId)?.name ?? null) : null;
  return {
    ...presentSummary(unit, parentName, counts?.childCount ?? 0),
    shortName: unit.shortName,
    headTitle: unit.headTitle,
    headPhone: unit.headPhone,
    headEmail: unit.headEmail,
    address: unit.address,
    version: unit.version,
    ancestors: ancestorIds.flatMap((ancestorId) => byId.get(ancestorId) ?? []),
    predecessors: predecessors.map((link) => ({ ...link, kind: link.kind as SuccessionKind })),
    successors: successors.map((link) => ({ ...link, kind: link.kind as SuccessionKind })),
    canEdit: unit.validTo === null && canChangeUnit(ctx.user, unit.path),
  };
}

/** No two units that exist at the same time share an official code. */
async function assertCodeFree(db: DbOrTx, code: string | null, exceptId?: number): Promise<void> {
  if (!code) return;
  const [clash] = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(
      and(
        eq(units.code, code),
        isNull(units.validTo),
        exceptId ? sql`${units.id} <> ${exceptId}` : undefined,
      ),
    );
  if (clash)
    throw fieldError(
      'code',
      msg(
        `Mã "${code}" đã được dùng cho đơn vị "${clash.name}".`,
        `The code "${code}" is already used by the unit "${clash.name}".`,
      ),
    );
}

type CreateInput = z.output<typeof createUnitSchema>;

export async function createUnit(ctx: UnitContext, input: CreateInput): Promise<UnitDetail> {
  return mutate(ctx, async (tx, audit) => {
    const parentUnit = input.parentId ? await assertChangesUnit(ctx, input.parentId, tx) : null;
    if (!parentUnit && !hasPermissionOn(ctx.user.grants, 'units.write', '/')) throw new AppError('FORBIDDEN');
    if (parentUnit?.validTo)
      throw fieldError(
        'parentId',
        msg('Không thể thêm đơn vị vào một đơn vị đã giải thể.', 'Cannot add a unit under a dissolved unit.'),
      );
    await assertCodeFree(tx, input.code);
    const { parentId: _parentId, validFrom, ...fields } = input;
    const [created] = await tx
      .insert(units)
      .values({
        ...fields,
        nameSearch: foldVietnamese(fields.name),
        parentId: parentUnit?.id ?? null,
        path: '/',
        validFrom: validFrom ?? todayInVietnam(),
      })
      .returning();
    if (!created) throw new AppError('INTERNAL');
    const path = childPath(parentUnit?.path ?? null, created.id);
    await tx.update(units).set({ path }).where(eq(units.id, created.id));
    await audit({
      action: 'unit.created',
      entityType: 'unit',
      entityId: created.id,
      unitId: created.id,
      after: auditedUnit(created),
    });
    return getUnit(ctx, created.id, tx);
  });
}

function assertVersion(unit: UnitRow, version: number): void {
  if (unit.version !== version) throw new AppError('CONFLICT');
}

/**
 * The one shape of a change to an existing unit: inside the audited transaction, load it (visible and
 * writable), check the version the user edited, apply `change`, and answer with the fresh detail.
 */
function changeUnit(
  ctx: UnitContext,
  id: number,
  version: number,
  change: (tx: Tx, audit: Audit, unit: UnitRow) => Promise<void>,
): Promise<UnitDetail> {
  return mutate(ctx, async (tx, audit) => {
    const unit = await assertChangesUnit(ctx, id, tx);
    assertVersion(unit, version);
    await change(tx, audit, unit);
    return getUnit(ctx, id, tx);
  });
}

export async function updateUnit(
  ctx: UnitContext,
  id: number,
  input: z.output<typeof updateUnitSchema>,
): Promise<UnitDetail> {
  return changeUnit(ctx, id, input.version, async (tx, audit, unit) => {
    if (unit.validTo)
      throw new AppError(
        'CONFLICT',
        msg('Đơn vị đã giải thể, không thể sửa.', 'The unit has been dissolved and cannot be edited.'),
      );
    await assertCodeFree(tx, input.code, id);
    const { version, ...fields } = input;
    const [updated] = await tx
      .update(units)
      .set({
        ...fields,
        nameSearch: foldVietnamese(fields.name),
        version: version + 1,
        updatedAt: nowOf(ctx),
      })
      .where(and(eq(units.id, id), eq(units.version, version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'unit.updated',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: auditedUnit(unit),
      after: auditedUnit(updated),
    });
  });
}

export async function moveUnit(
  ctx: UnitContext,
  id: number,
  input: z.output<typeof moveUnitSchema>,
): Promise<UnitDetail> {
  return changeUnit(ctx, id, input.version, async (tx, audit, unit) => {
    const newParent = await assertChangesUnit(ctx, input.parentId, tx);
    if (newParent.validTo)
      throw fieldError(
        'parentId',
        msg('Không thể chuyển vào một đơn vị đã giải thể.', 'Cannot move into a dissolved unit.'),
      );
    if (!isMoveAllowed(unit.path, newParent.path)) {
      throw fieldError(
        'parentId',
        msg(
          'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
          'A unit cannot be moved into itself or one of its subordinate units.',
        ),
      );
    }
    const newPath = childPath(newParent.path, unit.id);
    // Rewrite the path prefix of the whole subtree in one statement.
    await tx
      .update(units)
      .set({ path: sql`${newPath} || substr(${units.path}, ${unit.path.length + 1})` })
      .where(like(units.path, `${unit.path}%`));
    await tx
      .update(units)
      .set({ parentId: newParent.id, version: unit.version + 1, updatedAt: nowOf(ctx) })
      .where(eq(units.id, id));
    await audit({
      action: 'unit.moved',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: { parentId: unit.parentId },
      after: { parentId: newParent.id },
    });
  });
}

export async function closeUnit(
  ctx: UnitContext,
  id: number,
  input: z.output<typeof closeUnitSchema>,
): Promise<UnitDetail> {
  return changeUnit(ctx, id, input.version, async (tx, audit, unit) => {
    if (unit.validTo)
      throw new AppError('CONFLICT', msg('Đơn vị đã giải thể từ trước.', 'The unit was already dissolved.'));
    if (input.validTo < unit.validFrom) {
      throw fieldError(
        'validTo',
        msg(
          'Ngày giải thể không thể trước ngày đơn vị bắt đầu hoạt động.',
          'The dissolution date cannot be before the unit started operating.',
        ),
      );
    }
    const [openChildren] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(units)
      .where(and(eq(units.parentId, id), isNull(units.validTo)));
    if (openChildren && openChildren.n > 0) {
      throw fieldError(
        'validTo',
        msg(
          `Đơn vị còn ${openChildren.n} đơn vị trực thuộc đang hoạt động: hãy chuyển hoặc giải thể chúng trước.`,
          `The unit still has ${openChildren.n} active subordinate units: move or dissolve them first.`,
        ),
      );
    }
    const successorIds = [...new Set(input.successorIds)];
    if (successorIds.includes(id))
      throw fieldError(
        'successorIds',
        msg('Đơn vị không thể kế thừa chính nó.', 'A unit cannot succeed itself.'),
      );
    for (const successorId of successorIds) {
      const successor = await assertReadsUnit(ctx, successorId, tx);
      if (successor.validTo)
        throw fieldError(
          'successorIds',
          msg(
            `Đơn vị kế thừa "${successor.name}" đã giải thể.`,
            `The successor unit "${successor.name}" has been dissolved.`,
          ),
        );
    }
    const [closed] = await tx
      .update(units)
      .set({ validTo: input.validTo, version: unit.version + 1, updatedAt: nowOf(ctx) })
      .where(eq(units.id, id))
      .returning();
    if (successorIds.length > 0) {
      await tx.insert(unitSuccessions).values(
        successorIds.map((successorId) => ({
          predecessorId: id,
          successorId,
          kind: input.kind,
          effectiveOn: input.validTo,
          note: input.reason,
        })),
      );
    }
    await audit({
      action: 'unit.closed',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: auditedUnit(unit),
      after: { ...auditedUnit(closed ?? unit), successorIds, kind: input.kind, reason: input.reason },
    });
  });
}

/** Undoes a closure made by mistake: the unit is active again and its successor links are removed. */
export async function reopenUnit(
  ctx: UnitContext,
  id: number,
  input: { version: number; reason: string },
): Promise<UnitDetail> {
  return changeUnit(ctx, id, input.version, async (tx, audit, unit) => {
    if (!unit.validTo) throw new AppError('CONFLICT', msg('Đơn vị đang hoạt động.', 'The unit is active.'));
    const parentUnit = unit.parentId ? await loadUnit(tx, unit.parentId) : null;
    if (parentUnit?.validTo)
      throw new AppError(
        'CONFLICT',
        msg(
          `Đơn vị cấp trên "${parentUnit.name}" đã giải thể; hãy mở lại đơn vị cấp trên trước.`,
          `The parent unit "${parentUnit.name}" has been dissolved; reopen it first.`,
        ),
      );
    await assertCodeFree(tx, unit.code, id);
    const links = await tx.delete(unitSuccessions).where(eq(unitSuccessions.predecessorId, id)).returning();
    const [reopened] = await tx
      .update(units)
      .set({ validTo: null, version: unit.version + 1, updatedAt: nowOf(ctx) })
      .where(eq(units.id, id))
      .returning();
    await audit({
      action: 'unit.reopened',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: { ...auditedUnit(unit), successorIds: links.map((link) => link.successorId) },
      after: { ...auditedUnit(reopened ?? unit), reason: input.reason },
    });
  });
}
