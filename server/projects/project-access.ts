import { eq } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { projects, units } from '../db/schema/index.ts';

/**
 * Who may see and record a community project: it belongs to its commune. Staff with projects.read on
 * the commune (its own people, the province above, the leaders) read it; projects.write records it and
 * publishes it. A project the user cannot read is NOT_FOUND (its existence is not told); one read but
 * not recorded, FORBIDDEN.
 */
export type ProjectContext = ServiceContext & { user: SessionUser };
export type ProjectRow = typeof projects.$inferSelect;
export interface LoadedProject {
  project: ProjectRow;
  unitName: string;
  unitPath: string;
}

export async function loadProject(db: DbOrTx, id: number): Promise<LoadedProject | null> {
  const [row] = await db
    .select({ project: projects, unitName: units.name, unitPath: units.path })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(eq(projects.id, id));
  return row ?? null;
}

export function canWriteProject(user: SessionUser, unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'projects.write', unitPath);
}

export async function assertReadsProject(ctx: ProjectContext, id: number): Promise<LoadedProject> {
  const row = await loadProject(ctx.db, id);
  if (!row || !hasPermissionOn(ctx.user.grants, 'projects.read', row.unitPath))
    throw new AppError('NOT_FOUND');
  return row;
}

export async function assertWritesProject(ctx: ProjectContext, id: number): Promise<LoadedProject> {
  const row = await assertReadsProject(ctx, id);
  if (!canWriteProject(ctx.user, row.unitPath)) throw new AppError('FORBIDDEN');
  return row;
}
