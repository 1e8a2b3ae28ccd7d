import { and, asc, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import type { RegisterStatus, SourceKind } from '../../core/documents/register.ts';
import type { IssuedDocument, RegisterListQuery } from '../../core/documents/register-schemas.ts';
import { parseSort } from '../../core/list.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { countRows, listTotal, pageOffset, totalOver } from '../db/list-total.ts';
import { issuedDocuments, units, users } from '../db/schema/index.ts';
import {
  assertKeepsRegister,
  assertReadsIssuedDocument,
  canKeepRegister,
  type RegisterContext,
  registerScope,
} from './register-access.ts';

/**
 * Reading the register: one list over every unit whose register the user keeps (search without
 * diacritics over number, trích yếu, signer and recipients; filters year, type, status and a unit's
 * subtree; the one list contract), and one record.
 */
const SORTS: Record<string, SQL[]> = {
  number: [sql`${issuedDocuments.year}`, sql`${issuedDocuments.seq}`, sql`${issuedDocuments.type}`],
  issuedOn: [sql`${issuedDocuments.issuedOn}`],
  title: [sql`${issuedDocuments.title} collate vi`],
  createdAt: [sql`${issuedDocuments.createdAt}`],
};

const columns = {
  document: issuedDocuments,
  unitName: units.name,
  unitPath: units.path,
  createdByName: users.fullName,
};

type Row = {
  document: typeof issuedDocuments.$inferSelect;
  unitName: string;
  unitPath: string;
  createdByName: string | null;
};

function present(ctx: RegisterContext, row: Row): IssuedDocument {
  const { search: _search, createdBy: _createdBy, voidedBy: _voidedBy, ...document } = row.document;
  return {
    ...document,
    sourceKind: document.sourceKind as SourceKind,
    status: document.status as RegisterStatus,
    voidedAt: document.voidedAt?.toISOString() ?? null,
    createdAt: document.createdAt.toISOString(),
    unitName: row.unitName,
    createdByName: row.createdByName,
    canVoid: document.status !== 'void' && canKeepRegister(ctx.user, row.unitPath),
  };
}

export async function listRegister(ctx: RegisterContext, query: RegisterListQuery) {
  const conditions: SQL[] = [registerScope(ctx)];
  if (query.unitId !== undefined) {
    const unit = await assertKeepsRegister(ctx, query.unitId);
    conditions.push(like(units.path, `${unit.path}%`));
  }
  if (query.year !== undefined) conditions.push(eq(issuedDocuments.year, query.year));
  if (query.type !== undefined) conditions.push(eq(issuedDocuments.type, query.type));
  if (query.status !== undefined) conditions.push(eq(issuedDocuments.status, query.status));
  if (query.sourceKind !== undefined) conditions.push(eq(issuedDocuments.sourceKind, query.sourceKind));
  if (query.sourceId !== undefined) conditions.push(eq(issuedDocuments.sourceId, query.sourceId));
  if (query.q) conditions.push(like(issuedDocuments.search, searchPattern(query.q)));
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const order = (SORTS[field] ?? SORTS.number ?? []).map((column) =>
    direction === 'asc' ? asc(column) : desc(column),
  );
  const rows = await ctx.db
    .select({ ...columns, total: totalOver() })
    .from(issuedDocuments)
    .innerJoin(units, eq(units.id, issuedDocuments.unitId))
    .leftJoin(users, eq(users.id, issuedDocuments.createdBy))
    .where(where)
    .orderBy(...order, asc(issuedDocuments.id))
    .limit(query.perPage)
    .offset(pageOffset(query));
  const total = await listTotal(rows, query, () =>
    ctx.db
      .select({ n: countRows() })
      .from(issuedDocuments)
      .innerJoin(units, eq(units.id, issuedDocuments.unitId))
      .where(where),
  );
  return {
    items: rows.map((row) => present(ctx, row)),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

export async function getIssuedDocument(ctx: RegisterContext, id: number): Promise<IssuedDocument> {
  await assertReadsIssuedDocument(ctx, id);
  const [row] = await ctx.db
    .select(columns)
    .from(issuedDocuments)
    .innerJoin(units, eq(units.id, issuedDocuments.unitId))
    .leftJoin(users, eq(users.id, issuedDocuments.createdBy))
    .where(eq(issuedDocuments.id, id));
  if (!row) throw new Error('register entry vanished');
  return present(ctx, row);
}
