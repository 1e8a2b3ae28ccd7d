import { and, inArray, isNull, or, sql } from 'drizzle-orm';
import { hasPermissionOn, type Permission, scopeRoots } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { attributeClosedUnits, type UnitPlace } from '../../core/indicators/succession.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/engine.ts';
import { unitSuccessions, units } from '../db/schema/index.ts';
import { loadUnit } from '../units/unit-access.ts';

export type IndicatorContext = ServiceContext & { user: SessionUser };

export interface UnitRef {
  id: number;
  name: string;
  type: string;
  path: string;
  validTo: string | null;
}

const unitColumns = {
  id: units.id,
  name: units.name,
  type: units.type,
  path: units.path,
  validTo: units.validTo,
};

export const findUnit = (db: Db, unitId: number): Promise<UnitRef> => loadUnit(db, unitId);

/**
 * Who may read and enter a unit's indicators (values, dashboard, late dossiers). A unit's figures are
 * read with indicators.read on it, or on the unit carrying a closed one's figures today; entered with
 * indicators.enter. A unit the user cannot read is NOT_FOUND (as plans, reports, units and users are);
 * one it reads but may not enter is FORBIDDEN.
 */
export async function canReadIndicators(
  ctx: IndicatorContext,
  unit: UnitRef,
  permission: Permission = 'indicators.read',
): Promise<boolean> {
  if (hasPermissionOn(ctx.user.grants, permission, unit.path)) return true;
  // A closed unit's history belongs to whoever holds the unit carrying it today.
  const current = unit.validTo ? (await attributeClosed(ctx.db, [unit.id])).get(unit.id) : undefined;
  return current !== undefined && hasPermissionOn(ctx.user.grants, permission, current.path);
}

/**
 * The unit whose indicators (or, with another read permission, survey results) are asked for, if the
 * user may read them (else NOT_FOUND); without a unit, the top of the user's scope: the first root
 * their grants reach.
 */
export async function assertReadsIndicators(
  ctx: IndicatorContext,
  unitId: number | undefined,
  permission: Permission = 'indicators.read',
): Promise<UnitRef> {
  if (unitId !== undefined) {
    const unit = await findUnit(ctx.db, unitId);
    if (!(await canReadIndicators(ctx, unit, permission))) throw new AppError('NOT_FOUND');
    return unit;
  }
  const [root] = scopeRoots(ctx.user.grants, permission);
  if (!root) throw new AppError('FORBIDDEN');
  if (root !== '/') return findUnit(ctx.db, pathIds(root).at(-1) ?? 0);
  // Installation-wide grant: today's top unit (the province).
  const [top] = await ctx.db
    .select(unitColumns)
    .from(units)
    .where(and(isNull(units.parentId), isNull(units.validTo)))
    .orderBy(units.id)
    .limit(1);
  if (!top) throw new AppError('NOT_FOUND', msg('Chưa có đơn vị nào.', 'There are no units yet.'));
  return top;
}

/** The unit whose values the user enters: NOT_FOUND if its indicators are unreadable, FORBIDDEN if only readable. */
export async function assertChangesIndicators(ctx: IndicatorContext, unitId: number): Promise<UnitRef> {
  const unit = await assertReadsIndicators(ctx, unitId);
  if (!hasPermissionOn(ctx.user.grants, 'indicators.enter', unit.path)) throw new AppError('FORBIDDEN');
  return unit;
}

/** Dashboards show today's units: a closed unit's figures are counted under its successor. */
export function assertOpen(unit: UnitRef): void {
  if (unit.validTo)
    throw fieldError(
      'unitId',
      msg(
        'Đơn vị đã sáp nhập, chia tách hoặc giải thể: số liệu của đơn vị được tính cho đơn vị kế thừa.',
        'The unit has been merged, split or dissolved: its figures count for its successor.',
      ),
    );
}

/** Succession links and the places (path, open or closed) of the given units and of every linked unit. */
async function successionPlaces(db: Db, unitIds: number[]) {
  const linked = sql`select predecessor_id from ${unitSuccessions} union select successor_id from ${unitSuccessions}`;
  const [links, rows] = await Promise.all([
    db
      .select({ predecessorId: unitSuccessions.predecessorId, successorId: unitSuccessions.successorId })
      .from(unitSuccessions),
    db
      .select({ id: units.id, path: units.path, validTo: units.validTo })
      .from(units)
      .where(or(inArray(units.id, unitIds.length > 0 ? unitIds : [0]), sql`${units.id} in (${linked})`)),
  ]);
  const places = new Map<number, UnitPlace>(
    rows.map((row) => [row.id, { path: row.path, isActive: row.validTo === null }]),
  );
  return { links, places };
}

/**
 * For closed units, the unit (id and path) that carries their figures today, following successor
 * links (core/indicators/succession.ts). Reads only the succession links and the units they name.
 */
export async function attributeClosed(
  db: Db,
  closedIds: number[],
): Promise<Map<number, { id: number; path: string }>> {
  const result = new Map<number, { id: number; path: string }>();
  if (closedIds.length === 0) return result;
  const { links, places } = await successionPlaces(db, closedIds);
  for (const [closedId, currentId] of attributeClosedUnits(closedIds, links, places)) {
    const path = places.get(currentId)?.path;
    if (path) result.set(closedId, { id: currentId, path });
  }
  return result;
}

/** The path of the unit carrying each unit's figures today: its own when open, its successor's when closed. */
export async function currentPaths(db: Db, unitIds: number[]): Promise<Map<number, string>> {
  const { links, places } = await successionPlaces(db, unitIds);
  const closed = unitIds.filter((id) => places.get(id)?.isActive === false);
  const attributed = attributeClosedUnits(closed, links, places);
  const result = new Map<number, string>();
  for (const id of unitIds) {
    const current = attributed.get(id) ?? id;
    const path = places.get(current)?.path ?? places.get(id)?.path;
    if (path) result.set(id, path);
  }
  return result;
}
