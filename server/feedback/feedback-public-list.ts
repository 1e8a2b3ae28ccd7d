import { and, asc, desc, eq, isNull, like, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type FeedbackStatus, feedbackExcerpt } from '../../core/feedback/workflow.ts';
import { parseSort } from '../../core/list.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { feedbackCategories, feedbackItems, units } from '../db/schema/index.ts';

/**
 * The public list of petitions, filtered by commune, category and status: what the public page of each
 * shows (its text, the unit handling it, its status and outcome), never a name, a contact or a note.
 * Items taken for spam are left out, and so are complaints and denunciations (their senders only).
 */
export const PUBLIC_SORT_FIELDS = ['receivedOn', 'code'] as const;

const handling = alias(units, 'handling');
const SORTS: Record<(typeof PUBLIC_SORT_FIELDS)[number], SQL> = {
  receivedOn: sql`${feedbackItems.receivedOn}`,
  code: sql`${feedbackItems.code}`,
};

/** What the public form offers: the province's active categories in their order, its communes by name. */
export async function formChoices(db: DbOrTx) {
  const categories = await db
    .select()
    .from(feedbackCategories)
    .where(eq(feedbackCategories.isActive, true))
    .orderBy(asc(feedbackCategories.position));
  const communes = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.type, 'commune'), isNull(units.validTo)))
    .orderBy(asc(units.name));
  return {
    categories: categories.map((row) => ({ code: row.code, vi: row.nameVi, en: row.nameEn })),
    communes,
  };
}

export interface PublicListQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
  communeCode?: string | undefined;
  categoryCode?: string | undefined;
  status?: FeedbackStatus | undefined;
}

export async function publicList(db: DbOrTx, query: PublicListQuery) {
  const conditions: SQL[] = [
    eq(feedbackItems.procedure, 'petition'),
    or(isNull(feedbackItems.outcome), ne(feedbackItems.outcome, 'spam')) as SQL,
  ];
  if (query.communeCode) conditions.push(eq(units.code, query.communeCode));
  if (query.categoryCode) conditions.push(eq(feedbackItems.categoryCode, query.categoryCode));
  if (query.status) conditions.push(eq(feedbackItems.status, query.status));
  if (query.q) conditions.push(like(feedbackItems.search, searchPattern(query.q)));
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const column = SORTS[field as keyof typeof SORTS] ?? SORTS.receivedOn;
  const rows = await db
    .select({
      code: feedbackItems.code,
      categoryCode: feedbackItems.categoryCode,
      categoryVi: feedbackCategories.nameVi,
      categoryEn: feedbackCategories.nameEn,
      communeName: units.name,
      handlingUnitName: handling.name,
      status: feedbackItems.status,
      outcome: feedbackItems.outcome,
      receivedOn: feedbackItems.receivedOn,
      answeredOn: feedbackItems.answeredOn,
      text: feedbackItems.text,
      total: totalOver(),
    })
    .from(feedbackItems)
    .innerJoin(units, eq(units.id, feedbackItems.unitId))
    .innerJoin(handling, eq(handling.id, feedbackItems.handlingUnitId))
    .innerJoin(feedbackCategories, eq(feedbackCategories.code, feedbackItems.categoryCode))
    .where(where)
    .orderBy(direction === 'asc' ? asc(column) : desc(column), desc(feedbackItems.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    db
      .select({ n: countRows() })
      .from(feedbackItems)
      .innerJoin(units, eq(units.id, feedbackItems.unitId))
      .where(where),
  );
  return {
    items: rows.map(({ total: _total, text, categoryVi, categoryEn, ...row }) => ({
      ...row,
      category: { vi: categoryVi, en: categoryEn },
      excerpt: feedbackExcerpt(text),
    })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}
