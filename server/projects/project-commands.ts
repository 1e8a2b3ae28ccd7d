import { eq } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { CreateProject, EditProject } from '../../core/projects/project-schemas.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import { projects } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { loadUnit } from '../units/unit-access.ts';
import { assertWritesProject, type ProjectContext } from './project-access.ts';
import { projectDetail } from './project-queries.ts';
import { projectRecord } from './project-view.ts';

/**
 * Recording a project: created for a commune in the user's scope, its particulars changed at the
 * version read (autosaved by the web app), published behind a confirmation and withdrawn with a
 * reason. The books and board lines are `project-lines.ts`. Every change is audited in its transaction.
 * A published project stays editable: its books are kept as money comes and goes, and the public
 * page follows them.
 */
const searchOf = (input: { name: string; location: string | null }) =>
  foldVietnamese(`${input.name} ${input.location ?? ''}`);

/** Moves the project's version (and what changed with it); a stale version is a 409. */
function touch(
  tx: Tx,
  ctx: ProjectContext,
  id: number,
  version: number,
  set: Partial<typeof projects.$inferInsert>,
) {
  return writeVersioned(tx, {
    table: projects,
    where: eq(projects.id, id),
    version,
    set,
    actorId: ctx.user.userId,
    at: nowOf(ctx),
    present: (row) => ({ ...projectRecord(row), version: row.version }),
  });
}

export async function createProject(ctx: ProjectContext, input: CreateProject) {
  const unit = await loadUnit(ctx.db, input.unitId).catch(() => null);
  if (!unit) throw fieldError('unitId', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
  if (!hasPermissionOn(ctx.user.grants, 'projects.write', unit.path)) throw new AppError('FORBIDDEN');
  if (unit.type !== 'commune')
    throw fieldError(
      'unitId',
      msg('Công trình dân góp thuộc một xã, phường.', 'A community project belongs to a commune or ward.'),
    );
  if (unit.validTo !== null)
    throw fieldError(
      'unitId',
      msg('Đơn vị đã giải thể hoặc sáp nhập.', 'The unit has been dissolved or merged.'),
    );
  const { unitId, ...record } = input;
  const id = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(projects)
      .values({
        unitId,
        ...record,
        search: searchOf(record),
        createdBy: ctx.user.userId,
        updatedBy: ctx.user.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })
      .returning({ id: projects.id });
    if (!row) throw new Error('project insert returned nothing');
    await audit({ action: 'project.create', entityType: 'project', entityId: row.id, unitId, after: record });
    return row.id;
  });
  return projectDetail(ctx, id);
}

export async function editProject(ctx: ProjectContext, id: number, input: EditProject) {
  const { project } = await assertWritesProject(ctx, id);
  const { version, ...record } = input;
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, version, { ...record, search: searchOf(record) });
    await audit({
      action: 'project.update',
      entityType: 'project',
      entityId: id,
      unitId: project.unitId,
      before: projectRecord(project),
      after: record,
    });
  });
  return projectDetail(ctx, id);
}

export async function publishProject(ctx: ProjectContext, id: number, version: number) {
  const { project } = await assertWritesProject(ctx, id);
  if (project.publishedAt !== null)
    throw new AppError('CONFLICT', msg('Công trình đã được công khai.', 'The project is already published.'));
  await mutate(ctx, async (tx, audit) => {
    const row = await touch(tx, ctx, id, version, { publishedAt: nowOf(ctx), publishedBy: ctx.user.userId });
    await audit({
      action: 'project.publish',
      entityType: 'project',
      entityId: id,
      unitId: project.unitId,
      after: { publishedAt: row.publishedAt, publishedBy: ctx.user.userId },
    });
  });
  return projectDetail(ctx, id);
}

export async function withdrawProject(
  ctx: ProjectContext,
  id: number,
  input: { version: number; reason: string },
) {
  const { project } = await assertWritesProject(ctx, id);
  if (project.publishedAt === null)
    throw new AppError('CONFLICT', msg('Công trình chưa được công khai.', 'The project is not published.'));
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, input.version, { publishedAt: null, publishedBy: null });
    await audit({
      action: 'project.withdraw',
      entityType: 'project',
      entityId: id,
      unitId: project.unitId,
      before: { publishedAt: project.publishedAt, publishedBy: project.publishedBy },
      after: { reason: input.reason },
    });
  });
  return projectDetail(ctx, id);
}
