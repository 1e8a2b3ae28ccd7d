import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { type Framework, frameworkMaximum, walkCriteria } from '../../core/frameworks/framework.ts';
import {
  type FrameworkMeta,
  frameworkFromTable,
  frameworkToTable,
} from '../../core/frameworks/framework-table.ts';
import { validateFramework } from '../../core/frameworks/validate-framework.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import { assessmentRounds, frameworks } from '../db/schema/index.ts';
import { type AssessmentContext, assertChangesFrameworks } from './assessment-access.ts';

// ---- Frameworks ------------------------------------------------------------------------------------

export interface FrameworkSummary {
  id: number;
  code: string;
  nameVi: string;
  /** The English name the framework carries (a province's own may have none). */
  nameEn: string | null;
  fromYear: number;
  toYear: number | null;
  status: string;
  builtIn: boolean;
  criteria: number;
  maximum: number | null;
}

export async function listFrameworks(ctx: AssessmentContext): Promise<FrameworkSummary[]> {
  const rows = await ctx.db
    .select()
    .from(frameworks)
    .orderBy(asc(frameworks.code), desc(frameworks.fromYear));
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.definition.nameEn || null,
    fromYear: row.fromYear,
    toYear: row.toYear,
    status: row.status,
    builtIn: row.builtIn,
    criteria: walkCriteria(row.definition.criteria).length,
    maximum: frameworkMaximum(row.definition),
  }));
}

export async function getFramework(ctx: AssessmentContext, id: number) {
  const [row] = await ctx.db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return { id: row.id, builtIn: row.builtIn, version: row.version, definition: row.definition };
}

/** A province's own framework (or a new version of one), refused with every problem named. */
export async function createFramework(ctx: AssessmentContext, definition: Framework) {
  assertChangesFrameworks(ctx.user);
  const issues = validateFramework(definition);
  if (issues.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      msg('Khung chỉ số chưa hợp lệ.', 'The index framework is not valid.'),
      {
        fields: issues.map((issue) => ({ path: issue.at, message: issue.message })),
      },
    );
  const [exists] = await ctx.db
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(and(eq(frameworks.code, definition.code), eq(frameworks.fromYear, definition.fromYear)));
  if (exists)
    throw new AppError(
      'DUPLICATE',
      msg(
        `Đã có khung ${definition.code} áp dụng từ năm ${definition.fromYear}.`,
        `A framework ${definition.code} from ${definition.fromYear} already exists.`,
      ),
    );
  const id = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(frameworks)
      .values({
        code: definition.code,
        fromYear: definition.fromYear,
        toYear: definition.toYear,
        nameVi: definition.nameVi,
        status: definition.status,
        definition,
      })
      .returning({ id: frameworks.id });
    if (!row) throw new Error('framework insert returned nothing');
    await audit({
      action: 'framework.create',
      entityType: 'framework',
      entityId: row.id,
      after: {
        code: definition.code,
        fromYear: definition.fromYear,
        criteria: walkCriteria(definition.criteria).length,
      },
    });
    return row.id;
  });
  return getFramework(ctx, id);
}

/** Frameworks from a spreadsheet of criteria: all or nothing, every bad row named. */
export async function importFramework(
  ctx: AssessmentContext,
  meta: FrameworkMeta,
  table: { headers: string[]; rows: string[][] },
) {
  assertChangesFrameworks(ctx.user);
  const { framework, issues } = frameworkFromTable(meta, table.headers, table.rows);
  if (!framework)
    throw new AppError(
      'IMPORT_REJECTED',
      msg(
        `Tệp có ${issues.length} lỗi, chưa có gì được ghi.`,
        `The file has ${issues.length} errors; nothing was written.`,
      ),
      {
        rows: issues,
      },
    );
  return createFramework(ctx, framework);
}

/**
 * Edits a framework version (names, points, guidance; completing an unconfirmed template) as long as
 * no round uses it: a methodology already applied changes by a new version, never in place.
 */
export async function updateFramework(
  ctx: AssessmentContext,
  id: number,
  definition: Framework,
  version: number,
) {
  assertChangesFrameworks(ctx.user);
  const [row] = await ctx.db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  if (definition.code !== row.code || definition.fromYear !== row.fromYear)
    throw fieldError(
      'code',
      msg(
        'Không đổi mã hoặc năm áp dụng của một phiên bản: hãy tạo phiên bản mới.',
        'The code or starting year of a version cannot change: create a new version.',
      ),
    );
  const [used] = await ctx.db
    .select({ id: assessmentRounds.id })
    .from(assessmentRounds)
    .where(eq(assessmentRounds.frameworkId, id));
  if (used)
    throw new AppError(
      'CONFLICT',
      msg(
        'Khung đã được dùng trong một đợt đánh giá: hãy tạo phiên bản mới thay vì sửa.',
        'The framework is used by an assessment round: create a new version instead of editing it.',
      ),
    );
  const issues = validateFramework(definition);
  if (issues.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      msg('Khung chỉ số chưa hợp lệ.', 'The index framework is not valid.'),
      {
        fields: issues.map((issue) => ({ path: issue.at, message: issue.message })),
      },
    );
  const next = definition;
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(frameworks)
      .set({
        definition: next,
        nameVi: next.nameVi,
        toYear: next.toYear,
        status: next.status,
        version: sql`${frameworks.version} + 1`,
        updatedAt: nowOf(ctx),
      })
      .where(and(eq(frameworks.id, id), eq(frameworks.version, version)))
      .returning({ id: frameworks.id });
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'framework.update',
      entityType: 'framework',
      entityId: id,
      before: frameworkToTable(row.definition).rows,
      after: frameworkToTable(next).rows,
    });
  });
  return getFramework(ctx, id);
}
