import { and, asc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { hasInstallationPermission, hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { TargetBody } from '../../core/indicators/indicator-schemas.ts';
import type { ListResult } from '../../core/list.ts';
import { parsePeriod } from '../../core/periods/periods.ts';
import { mutate } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { nowOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { indicators, indicatorTargets, units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { findUnit, type IndicatorContext } from './indicator-access.ts';

export interface TargetView {
  id: number;
  indicatorCode: string;
  indicatorName: string;
  unit: { id: number; name: string } | null;
  unitType: string | null;
  periodCode: string | null;
  operator: string;
  threshold: number;
  riskMargin: number;
  note: string | null;
  createdAt: string;
  version: number;
  updatedAt: string;
}

const columns = {
  target: indicatorTargets,
  indicatorName: indicators.nameVi,
  unitName: units.name,
  unitPath: units.path,
};

type TargetRow = {
  target: typeof indicatorTargets.$inferSelect;
  indicatorName: string;
  unitName: string | null;
  unitPath: string | null;
};

function present(row: TargetRow): TargetView {
  const { target } = row;
  return {
    id: target.id,
    indicatorCode: target.indicatorCode,
    indicatorName: row.indicatorName,
    unit: target.unitId === null ? null : { id: target.unitId, name: row.unitName ?? '' },
    unitType: target.unitType,
    periodCode: target.periodCode,
    operator: target.operator,
    threshold: target.threshold,
    riskMargin: target.riskMargin,
    note: target.note,
    createdAt: target.createdAt.toISOString(),
    version: target.version,
    updatedAt: target.updatedAt.toISOString(),
  };
}

/** Targets for everyone or a unit type apply to all; one unit's target is seen within the reader's scope. */
export async function findTargets(
  ctx: IndicatorContext,
  query: { indicatorCode?: string; unitId?: number; page: number; perPage: number },
): Promise<ListResult<TargetView>> {
  const visible = or(
    isNull(indicatorTargets.unitId),
    scopeCondition(unitScope(ctx.user.grants, 'indicators.read', units.path)),
  ) as SQL;
  const where = and(
    visible,
    query.indicatorCode ? eq(indicatorTargets.indicatorCode, query.indicatorCode) : undefined,
    query.unitId ? eq(indicatorTargets.unitId, query.unitId) : undefined,
  );
  const rows = await ctx.db
    .select({ ...columns, total: totalOver() })
    .from(indicatorTargets)
    .innerJoin(indicators, eq(indicators.code, indicatorTargets.indicatorCode))
    .leftJoin(units, eq(units.id, indicatorTargets.unitId))
    .where(where)
    .orderBy(asc(indicators.position), asc(indicatorTargets.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(indicatorTargets)
      .leftJoin(units, eq(units.id, indicatorTargets.unitId))
      .where(where),
  );
  return {
    items: rows.map(({ total: _total, ...row }) => present(row)),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

async function targetRow(ctx: IndicatorContext, id: number): Promise<TargetRow> {
  const [row] = await ctx.db
    .select(columns)
    .from(indicatorTargets)
    .innerJoin(indicators, eq(indicators.code, indicatorTargets.indicatorCode))
    .leftJoin(units, eq(units.id, indicatorTargets.unitId))
    .where(eq(indicatorTargets.id, id));
  if (!row) throw new AppError('NOT_FOUND', msg('Không tìm thấy chỉ tiêu.', 'Target not found.'));
  return row;
}

/**
 * Who may set a target: one unit's, whoever manages that unit; a unit type's or everyone's applies
 * across the province, so only someone managing a top-level unit (or the whole installation).
 */
function assertMayManage(ctx: IndicatorContext, unitPath: string | null): void {
  const allowed =
    unitPath === null
      ? hasInstallationPermission(ctx.user.grants, 'indicators.manage')
      : hasPermissionOn(ctx.user.grants, 'indicators.manage', unitPath);
  if (!allowed) throw new AppError('FORBIDDEN');
}

async function checkBody(ctx: IndicatorContext, body: TargetBody): Promise<string | null> {
  const [indicator] = await ctx.db.select().from(indicators).where(eq(indicators.code, body.indicatorCode));
  if (!indicator)
    throw fieldError(
      'indicatorCode',
      msg('Không có chỉ số này trong danh mục.', 'This indicator is not in the catalogue.'),
    );
  if (indicator.kind === 'ratio' && (body.threshold < 0 || body.threshold > 100))
    throw fieldError(
      'threshold',
      msg(
        'Ngưỡng của chỉ số tỷ lệ tính bằng %, từ 0 đến 100.',
        'A ratio indicator’s threshold is a percentage, from 0 to 100.',
      ),
    );
  let unitPath: string | null = null;
  if (body.unitId !== null) {
    const unit = await findUnit(ctx.db, body.unitId).catch(() => {
      throw fieldError('unitId', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
    });
    unitPath = unit.path;
  }
  assertMayManage(ctx, unitPath);
  return unitPath;
}

function normalised(body: TargetBody) {
  return {
    indicatorCode: body.indicatorCode,
    unitId: body.unitId,
    unitType: body.unitType,
    periodCode: body.periodCode === null ? null : (parsePeriod(body.periodCode)?.code ?? body.periodCode),
    operator: body.operator,
    threshold: body.threshold,
    riskMargin: body.riskMargin,
    note: body.note,
  };
}

/** One target per indicator, scope and period: a second would leave "which applies" to chance. */
async function assertNoTwin(tx: Tx, values: ReturnType<typeof normalised>, exceptId: number | null) {
  const same = (
    column:
      | typeof indicatorTargets.unitId
      | typeof indicatorTargets.unitType
      | typeof indicatorTargets.periodCode,
    value: number | string | null,
  ) => (value === null ? isNull(column) : eq(column, value));
  const [twin] = await tx
    .select({ id: indicatorTargets.id })
    .from(indicatorTargets)
    .where(
      and(
        eq(indicatorTargets.indicatorCode, values.indicatorCode),
        same(indicatorTargets.unitId, values.unitId),
        same(indicatorTargets.unitType, values.unitType),
        same(indicatorTargets.periodCode, values.periodCode),
        exceptId === null ? undefined : sql`${indicatorTargets.id} <> ${exceptId}`,
      ),
    );
  if (twin)
    throw new AppError(
      'DUPLICATE',
      msg(
        'Đã có chỉ tiêu cho chỉ số, phạm vi và kỳ này: hãy sửa chỉ tiêu đó.',
        'A target already exists for this indicator, scope and period: edit that target.',
      ),
      {
        fields: [
          { path: 'indicatorCode', message: msg('Chỉ tiêu đã tồn tại.', 'This target already exists.') },
        ],
        id: twin.id,
      },
    );
}

export async function createTarget(ctx: IndicatorContext, body: TargetBody): Promise<TargetView> {
  await checkBody(ctx, body);
  const values = normalised(body);
  const id = await mutate(ctx, async (tx, audit) => {
    await assertNoTwin(tx, values, null);
    const [created] = await tx
      .insert(indicatorTargets)
      .values({ ...values, createdBy: ctx.user.userId })
      .returning({ id: indicatorTargets.id });
    if (!created) throw new Error('target insert returned nothing');
    await audit({
      action: 'indicator_target.create',
      entityType: 'indicator_target',
      entityId: created.id,
      unitId: values.unitId,
      after: values,
    });
    return created.id;
  });
  return present(await targetRow(ctx, id));
}

export async function updateTarget(
  ctx: IndicatorContext,
  id: number,
  body: TargetBody & { version: number },
): Promise<TargetView> {
  const existing = await targetRow(ctx, id);
  assertMayManage(ctx, existing.unitPath);
  await checkBody(ctx, body);
  const values = normalised(body);
  await mutate(ctx, async (tx, audit) => {
    await assertNoTwin(tx, values, id);
    await writeVersioned(tx, {
      table: indicatorTargets,
      where: eq(indicatorTargets.id, id),
      version: body.version,
      set: values,
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: normalisedRow,
    });
    await audit({
      action: 'indicator_target.update',
      entityType: 'indicator_target',
      entityId: id,
      unitId: values.unitId,
      before: normalisedRow(existing.target),
      after: values,
    });
  });
  return present(await targetRow(ctx, id));
}

export async function deleteTarget(ctx: IndicatorContext, id: number): Promise<void> {
  const existing = await targetRow(ctx, id);
  assertMayManage(ctx, existing.unitPath);
  await mutate(ctx, async (tx, audit) => {
    await tx.delete(indicatorTargets).where(eq(indicatorTargets.id, id));
    await audit({
      action: 'indicator_target.delete',
      entityType: 'indicator_target',
      entityId: id,
      unitId: existing.target.unitId,
      before: normalisedRow(existing.target),
    });
  });
}

function normalisedRow(target: typeof indicatorTargets.$inferSelect) {
  const {
    id: _id,
    createdAt: _at,
    createdBy: _by,
    updatedAt: _updatedAt,
    updatedBy: _updatedBy,
    version: _version,
    ...rest
  } = target;
  return rest;
}
