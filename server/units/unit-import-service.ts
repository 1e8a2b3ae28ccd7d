import { and, eq, isNull } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, importRejected, msg, type RowIssue } from '../../core/errors.ts';
import { formatDateVi, todayInVietnam } from '../../core/text/dates.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { COLUMN_TITLES_VI, IMPORT_COLUMNS, validateUnitImport } from '../../core/units/unit-import.ts';
import { childPath } from '../../core/units/unit-tree.ts';
import { UNIT_TYPES, type UnitType } from '../../core/units/unit-types.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import { units } from '../db/schema/index.ts';
import { readTable, type Table, type TabularFormat, writeTable } from '../files/tabular.ts';
import { type UnitContext, unitsInScope } from './unit-access.ts';
import { auditedUnit } from './unit-presenters.ts';

export interface ImportSummary {
  created: number;
  updated: number;
  dryRun: boolean;
}

/**
 * Imports units from a .csv or .xlsx file: rows are matched to active units by code (update) or created.
 * All or nothing: any bad row refuses the whole file with every problem named by row, column and reason.
 */
export async function importUnits(
  ctx: UnitContext,
  file: { data: Buffer; format: TabularFormat },
  options: { dryRun: boolean },
): Promise<ImportSummary> {
  const table = await readTable(file.data, file.format);
  const active = await ctx.db.select().from(units).where(isNull(units.validTo));
  const byCode = new Map(active.flatMap((unit) => (unit.code ? [[unit.code, unit] as const] : [])));
  const { units: rows, issues } = validateUnitImport(table.headers, table.rows, new Set(byCode.keys()));

  // Authorisation per row: the unit itself (when updating) and its parent must be in the user's write scope.
  const codesInFile = new Set(rows.map((row) => row.code));
  for (const row of rows) {
    const existing = byCode.get(row.code);
    const parentUnit = row.parentCode ? byCode.get(row.parentCode) : undefined;
    const targetPath =
      existing?.path ?? parentUnit?.path ?? (row.parentCode && codesInFile.has(row.parentCode) ? null : '/');
    if (targetPath && !hasPermissionOn(ctx.user.grants, 'units.write', targetPath)) {
      issues.push({
        row: row.row,
        column: COLUMN_TITLES_VI.code,
        reason: msg(
          'Bạn không có quyền sửa đơn vị này hoặc đơn vị cấp trên của nó.',
          'You may not change this unit or its parent.',
        ),
      });
    }
  }
  if (issues.length > 0) throw rejected(issues);

  const summary: ImportSummary = { created: 0, updated: 0, dryRun: options.dryRun };
  for (const row of rows) {
    if (byCode.has(row.code)) summary.updated += 1;
    else summary.created += 1;
  }
  if (options.dryRun) return summary;

  await mutate(ctx, async (tx, audit) => {
    const written = new Map(active.flatMap((unit) => (unit.code ? [[unit.code, unit] as const] : [])));
    for (const row of rows) {
      const parentUnit = row.parentCode ? written.get(row.parentCode) : undefined;
      const fields = {
        name: row.name,
        nameSearch: foldVietnamese(row.name),
        type: row.type,
        headName: row.headName,
        headTitle: row.headTitle,
        headPhone: row.headPhone,
        headEmail: row.headEmail,
        address: row.address,
      };
      const existing = written.get(row.code);
      if (existing) {
        const moved = parentUnit && parentUnit.id !== existing.parentId;
        if (moved) {
          throw rejected([
            {
              row: row.row,
              column: COLUMN_TITLES_VI.parentCode,
              reason: msg(
                'Nhập tệp không chuyển đơn vị sang cấp trên khác; hãy dùng chức năng "Chuyển".',
                'An import does not move a unit to another parent; use "Move".',
              ),
            },
          ]);
        }
        const [updated] = await tx
          .update(units)
          .set({ ...fields, version: existing.version + 1, updatedAt: nowOf(ctx) })
          .where(eq(units.id, existing.id))
          .returning();
        if (!updated) throw new AppError('CONFLICT');
        written.set(row.code, updated);
        await audit({
          action: 'unit.updated',
          entityType: 'unit',
          entityId: existing.id,
          unitId: existing.id,
          before: auditedUnit(existing),
          after: auditedUnit(updated),
        });
      } else {
        const [created] = await tx
          .insert(units)
          .values({
            ...fields,
            code: row.code,
            parentId: parentUnit?.id ?? null,
            path: '/',
            validFrom: row.validFrom ?? todayInVietnam(),
          })
          .returning();
        if (!created) throw new AppError('INTERNAL');
        const [withPath] = await tx
          .update(units)
          .set({ path: childPath(parentUnit?.path ?? null, created.id) })
          .where(eq(units.id, created.id))
          .returning();
        written.set(row.code, withPath ?? created);
        await audit({
          action: 'unit.created',
          entityType: 'unit',
          entityId: created.id,
          unitId: created.id,
          after: auditedUnit(created),
        });
      }
    }
    await audit({
      action: 'unit.imported',
      entityType: 'unit',
      entityId: null,
      after: { created: summary.created, updated: summary.updated, rows: rows.length },
    });
  });
  return summary;
}

const rejected = (issues: RowIssue[]) =>
  importRejected(issues, msg('chưa có gì được ghi', 'nothing was written'));

const EXPORT_HEADERS = IMPORT_COLUMNS.map((column) => COLUMN_TITLES_VI[column]);

/** The active units in the user's scope, in the import layout: an export can be edited and imported back. */
export async function exportUnits(ctx: UnitContext, format: TabularFormat): Promise<Buffer> {
  const rows = await ctx.db
    .select()
    .from(units)
    .where(and(unitsInScope(ctx.user, 'units.read'), isNull(units.validTo)))
    .orderBy(units.path);
  const codeById = new Map(rows.map((unit) => [unit.id, unit.code ?? '']));
  const table: Table = {
    headers: EXPORT_HEADERS,
    rows: rows.map((unit) => [
      unit.code ?? '',
      unit.name,
      UNIT_TYPES[unit.type as UnitType].vi,
      unit.parentId ? (codeById.get(unit.parentId) ?? '') : '',
      formatDateVi(unit.validFrom),
      unit.headName ?? '',
      unit.headTitle ?? '',
      unit.headPhone ?? '',
      unit.headEmail ?? '',
      unit.address ?? '',
    ]),
  };
  return writeTable(table, format, 'Đơn vị');
}

export function importTemplate(format: TabularFormat): Promise<Buffer> {
  return writeTable(
    {
      headers: IMPORT_COLUMNS.map((column) => COLUMN_TITLES_VI[column]),
      rows: [['33.SNV', 'Sở Nội vụ', 'Sở, ban, ngành', '33', '01/07/2025', '', 'Giám đốc', '', '', '']],
    },
    format,
    'Đơn vị',
  );
}
