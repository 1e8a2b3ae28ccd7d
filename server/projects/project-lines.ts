import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, importRejected, msg } from '../../core/errors.ts';
import { CONTRIBUTION_COLUMNS, validateContributionRows } from '../../core/projects/contribution-import.ts';
import {
  contributionSchema,
  memberSchema,
  noticeSchema,
  paymentSchema,
  receiptSchema,
} from '../../core/projects/project-schemas.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import {
  projectBoardMembers,
  projectContributions,
  projectNotices,
  projectPayments,
  projectReceipts,
} from '../db/schema/index.ts';
import { deleteVersioned, writeVersioned } from '../db/versioned.ts';
import { readTable, type TabularFormat, writeWorkbook } from '../files/tabular.ts';
import { assertWritesProject, type ProjectContext } from './project-access.ts';
import { projectDetail } from './project-queries.ts';

/**
 * The lines of a project's books and board, each kind the same way: added, changed at its own version
 * (a 409 with the line as it is now when someone changed it first) and removed at its version, every
 * step audited against the project. Households' contributions also come from a sheet, all or nothing.
 */
export const LINE_KINDS = {
  contributions: { table: projectContributions, schema: contributionSchema, entity: 'contribution' },
  receipts: { table: projectReceipts, schema: receiptSchema, entity: 'receipt' },
  payments: { table: projectPayments, schema: paymentSchema, entity: 'payment' },
  members: { table: projectBoardMembers, schema: memberSchema, entity: 'board_member' },
  notices: { table: projectNotices, schema: noticeSchema, entity: 'notice' },
} as const;
export type LineKind = keyof typeof LINE_KINDS;
export const LINE_KIND_CODES = Object.keys(LINE_KINDS) as LineKind[];
export type LineInput<K extends LineKind> = z.output<(typeof LINE_KINDS)[K]['schema']>;

type LineTable = (typeof LINE_KINDS)[LineKind]['table'];
// biome-ignore lint/suspicious/noExplicitAny: one service serves five line tables; drizzle cannot type a union of tables.
type AnyTx = any;

/** The line's fields without its bookkeeping, for the audit and the 409. */
function fieldsOf(row: Record<string, unknown>) {
  const { id: _id, projectId: _p, version: _v, updatedBy: _u, createdAt: _c, updatedAt: _a, ...fields } = row;
  return fields;
}

async function lineOf(ctx: ProjectContext, table: LineTable, projectId: number, lineId: number) {
  const [row] = await (ctx.db as AnyTx)
    .select()
    .from(table)
    .where(and(eq(table.id, lineId), eq(table.projectId, projectId)));
  if (!row) throw new AppError('NOT_FOUND');
  return row as Record<string, unknown>;
}

export async function addLine<K extends LineKind>(
  ctx: ProjectContext,
  id: number,
  kind: K,
  input: LineInput<K>,
) {
  const { project } = await assertWritesProject(ctx, id);
  const { table, entity } = LINE_KINDS[kind];
  await mutate(ctx, async (tx, audit) => {
    const [row] = await (tx as AnyTx)
      .insert(table)
      .values({
        ...input,
        projectId: id,
        updatedBy: ctx.user.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })
      .returning({ id: table.id });
    await audit({
      action: `project.${entity}.add`,
      entityType: 'project',
      entityId: id,
      unitId: project.unitId,
      after: { lineId: row?.id, ...input },
    });
  });
  return projectDetail(ctx, id);
}

export async function editLine<K extends LineKind>(
  ctx: ProjectContext,
  id: number,
  kind: K,
  lineId: number,
  input: LineInput<K> & { version: number },
) {
  const { project } = await assertWritesProject(ctx, id);
  const { table, entity } = LINE_KINDS[kind];
  const before = await lineOf(ctx, table, id, lineId);
  const { version, ...fields } = input;
  await mutate(ctx, async (tx, audit) => {
    await writeVersioned(tx, {
      table: table as typeof projectContributions,
      where: and(eq(table.id, lineId), eq(table.projectId, id)),
      version,
      set: fields as never,
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (row) => ({ ...fieldsOf(row), version: row.version }),
      details: { lineId },
    });
    await audit({
      action: `project.${entity}.update`,
      entityType: 'project',
      entityId: id,
      unitId: project.unitId,
      before: { lineId, ...fieldsOf(before) },
      after: { lineId, ...fields },
    });
  });
  return projectDetail(ctx, id);
}

export async function removeLine(
  ctx: ProjectContext,
  id: number,
  kind: LineKind,
  lineId: number,
  version: number,
) {
  const { project } = await assertWritesProject(ctx, id);
  const { table, entity } = LINE_KINDS[kind];
  const before = await lineOf(ctx, table, id, lineId);
  await mutate(ctx, async (tx, audit) => {
    await deleteVersioned(tx, {
      table: table as typeof projectContributions,
      where: and(eq(table.id, lineId), eq(table.projectId, id)),
      version,
      present: (row) => ({ ...fieldsOf(row), version: row.version }),
      details: { lineId },
    });
    await audit({
      action: `project.${entity}.remove`,
      entityType: 'project',
      entityId: id,
      unitId: project.unitId,
      before: { lineId, ...fieldsOf(before) },
    });
  });
  return projectDetail(ctx, id);
}

/**
 * Households' contributions from a sheet: every row checked first; one bad cell refuses the whole
 * file (row, column, reason) and nothing is written. `dryRun` answers what would be imported.
 */
export async function importContributions(
  ctx: ProjectContext,
  id: number,
  file: { data: Buffer; format: TabularFormat },
  options: { dryRun: boolean },
) {
  const { project } = await assertWritesProject(ctx, id);
  const table = await readTable(file.data, file.format);
  const { lines, issues } = validateContributionRows(table.headers, table.rows);
  if (issues.length > 0)
    throw importRejected(issues, msg('chưa ghi khoản đóng góp nào', 'no contribution was written'));
  const preview = lines.map(({ row, household, kind, quantity, consent }) => ({
    row,
    household,
    kind,
    quantity,
    consent,
  }));
  if (options.dryRun) return { imported: 0, lines: preview };
  await mutate(ctx, async (tx, audit) => {
    await tx.insert(projectContributions).values(
      lines.map(({ row: _row, ...line }) => ({
        ...line,
        projectId: id,
        updatedBy: ctx.user.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })),
    );
    await audit({
      action: 'project.contribution.import',
      entityType: 'project',
      entityId: id,
      unitId: project.unitId,
      after: { count: lines.length, lines: lines.map(({ row: _row, ...line }) => line) },
    });
  });
  return { imported: lines.length, lines: preview };
}

/** The sheet to fill: the columns the import reads, with two example rows (one household not named). */
export function contributionTemplate(): Promise<Buffer> {
  return writeWorkbook([
    {
      name: 'Đóng góp',
      headers: CONTRIBUTION_COLUMNS.map((column) => column.title),
      rows: [
        ['Nguyễn Văn A', 'Tổ dân phố số 1', 'Tiền', 2_000_000, null, '05/03/2026', 'Có', null],
        [
          'Trần Thị B',
          'Tổ dân phố số 1',
          'Ngày công',
          5,
          1_500_000,
          '06/03/2026',
          'Không',
          'Không công khai tên',
        ],
      ],
    },
  ]);
}
