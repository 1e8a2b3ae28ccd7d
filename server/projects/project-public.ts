import { and, asc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import { publicContributors } from '../../core/projects/books.ts';
import type { PublicProjectQuery } from '../../core/projects/project-schemas.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { projects, units } from '../db/schema/index.ts';
import { slug } from '../public/format.ts';
import type { SitemapSource } from '../public/site-routes.ts';
import type { ProjectView } from './project-view.ts';

/**
 * What the public reads of community projects: published ones only. A project shows its adoption, its
 * budget and books, the contributors (a household's name only when it agreed; the others counted as
 * households with their totals, never line by line), progress, the supervision board and its notices
 * with the commune's answers and whether they came in time, and the final accounts. Never the staff's
 * notes on a contribution, nor who recorded what.
 */
const published = isNotNull(projects.publishedAt);

/** "12-duong-be-tong-thon-dong": the project's address, readable without diacritics. */
export function projectSlug(id: number, name: string): string {
  const words = slug(name);
  return words ? `${id}-${words}` : String(id);
}

export const projectPath = (id: number, name: string) => `/cong-khai/cong-trinh/${projectSlug(id, name)}`;

/** The communes the public list can be filtered by: those with a published project. */
export async function publicCommunes(db: DbOrTx) {
  const rows = await db
    .selectDistinct({ id: units.id, name: units.name })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(published);
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export async function publicProjects(db: DbOrTx, query: PublicProjectQuery) {
  const conditions: SQL[] = [published];
  if (query.unitId !== undefined) conditions.push(eq(projects.unitId, query.unitId));
  const where = and(...conditions);
  const rows = await db
    .select({
      id: projects.id,
      name: projects.name,
      location: projects.location,
      status: projects.status,
      progress: projects.progress,
      unitName: units.name,
      total: totalOver(),
    })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(where)
    .orderBy(sql`${units.name} collate vi`, sql`${projects.name} collate vi`, asc(projects.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () => db.select({ n: countRows() }).from(projects).where(where));
  return {
    items: rows.map(({ total: _total, ...row }) => ({ ...row, path: projectPath(row.id, row.name) })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

/** The published part of a project: everything the public page shows, and nothing else. */
export function publicView(view: ProjectView) {
  return {
    id: view.id,
    unitName: view.unitName,
    name: view.name,
    location: view.location,
    purpose: view.purpose,
    investor: view.investor,
    decisionNumber: view.decisionNumber,
    decidedOn: view.decidedOn,
    households: view.households,
    agreed: view.agreed,
    adoption: view.adoption,
    budget: {
      state_budget: view.budgetStateBudget,
      residents: view.budgetResidents,
      sponsors: view.budgetSponsors,
      other: view.budgetOther,
    },
    status: view.status,
    progress: view.progress,
    startedOn: view.startedOn,
    finishedOn: view.finishedOn,
    books: view.books,
    receipts: view.receipts.map(({ source, amount, receivedOn, note }) => ({
      source,
      amount,
      receivedOn,
      note,
    })),
    payments: view.payments.map(({ paidOn, payee, purpose, amount, voucher }) => ({
      paidOn,
      payee,
      purpose,
      amount,
      voucher,
    })),
    contributors: publicContributors(view.contributions),
    boardDecisionNumber: view.boardDecisionNumber,
    boardDecidedOn: view.boardDecidedOn,
    members: view.members.map(({ name, role, side }) => ({ name, role, side })),
    notices: view.notices.map(
      ({ kind, receivedOn, finding, recommendation, answeredOn, answer, timing }) => ({
        kind,
        receivedOn,
        finding,
        recommendation,
        answeredOn,
        answer,
        timing,
      }),
    ),
    accounts:
      view.accountsReceipts !== null && view.accountsPayments !== null
        ? {
            number: view.accountsNumber,
            on: view.accountsOn,
            receipts: view.accountsReceipts,
            payments: view.accountsPayments,
            note: view.accountsNote,
            check: view.accounts,
          }
        : null,
  };
}
export type PublicProject = ReturnType<typeof publicView>;

/** The published projects' addresses for the sitemap. */
export const projectSitemap: SitemapSource = async (db) => {
  const rows = await db.select({ id: projects.id, name: projects.name }).from(projects).where(published);
  return ['/cong-khai/cong-trinh', ...rows.map((row) => projectPath(row.id, row.name))];
};
