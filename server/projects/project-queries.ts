import { and, asc, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { parseSort } from '../../core/list.ts';
import type { ProjectStatus } from '../../core/projects/books.ts';
import type { ProjectListQuery } from '../../core/projects/project-schemas.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { todayOf } from '../clock.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { projects, units } from '../db/schema/index.ts';
import { loadUnit } from '../units/unit-access.ts';
import { assertReadsProject, canWriteProject, type ProjectContext } from './project-access.ts';
import { projectView } from './project-view.ts';

/**
 * The staff's reading of community projects: the list of the communes in scope (search without
 * diacritics, filters, sort and pages by the one list contract) and one project whole, with what the
 * user may do.
 */
export type ProjectDetail = Awaited<ReturnType<typeof projectDetail>>;

export async function projectDetail(ctx: ProjectContext, id: number) {
  const loaded = await assertReadsProject(ctx, id);
  return {
    ...(await projectView(ctx.db, loaded, todayOf(ctx))),
    canWrite: canWriteProject(ctx.user, loaded.unitPath),
  };
}

const SORTS: Record<string, SQL> = {
  name: sql`${projects.name} collate vi`,
  decidedOn: sql`${projects.decidedOn}`,
  updatedAt: sql`${projects.updatedAt}`,
};

export async function listProjects(ctx: ProjectContext, query: ProjectListQuery) {
  const conditions: SQL[] = [scopeCondition(unitScope(ctx.user.grants, 'projects.read', units.path))];
  if (query.unitId !== undefined) {
    const unit = await loadUnit(ctx.db, query.unitId).catch(() => null);
    if (!unit || !hasPermissionOn(ctx.user.grants, 'projects.read', unit.path))
      throw new AppError('NOT_FOUND');
    conditions.push(like(units.path, `${unit.path}%`));
  }
  if (query.status) conditions.push(eq(projects.status, query.status));
  if (query.q) conditions.push(like(projects.search, searchPattern(query.q)));
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const column = SORTS[field] ?? (SORTS.name as SQL);
  const contributed =
    sql<number>`(select count(distinct lower(c.household)) from project_contributions c where c.project_id = ${projects.id})`.mapWith(
      Number,
    );
  const rows = await ctx.db
    .select({ project: projects, unitName: units.name, households: contributed, total: totalOver() })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(where)
    .orderBy(direction === 'asc' ? asc(column) : desc(column), asc(projects.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(projects)
      .innerJoin(units, eq(units.id, projects.unitId))
      .where(where),
  );
  return {
    items: rows.map(({ project, unitName, households }) => ({
      id: project.id,
      unitId: project.unitId,
      unitName,
      name: project.name,
      location: project.location,
      decidedOn: project.decidedOn,
      status: project.status as ProjectStatus,
      progress: project.progress,
      contributors: households,
      published: project.publishedAt !== null,
      updatedAt: project.updatedAt.toISOString(),
    })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}
