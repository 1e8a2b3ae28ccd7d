import { and, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  documentNumber,
  documentSymbol,
  readHandNumber,
  type SourceKind,
} from '../../core/documents/register.ts';
import type { takeNumberSchema } from '../../core/documents/register-schemas.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { type Audit, mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { issuedDocuments, plans, reports } from '../db/schema/index.ts';
import { issuerAbbreviation, issuerOfUnit } from '../plans/plan-document.ts';
import { assertKeepsRegister, assertReadsIssuedDocument, type RegisterContext } from './register-access.ts';
import { getIssuedDocument } from './register-queries.ts';

/**
 * Taking numbers in a unit's register of outgoing documents. A number is the next order in the unit's
 * year and type, taken under a per-unit lock inside the transaction that records it: two clerks (or a
 * clerk and a head issuing a plan) at once never share one, on PostgreSQL and on the embedded PGlite
 * alike, and the unique (unit, year, type, seq) index stands behind the lock. The next order is one
 * past the highest ever given — voided numbers and numbers written by hand included — so a number is
 * never given twice.
 */
type Row = typeof issuedDocuments.$inferSelect;

/** The lock that serialises numbering in one unit's register (any constant, paired with the unit). */
const NUMBER_LOCK = 7_302;

interface Particulars {
  unitId: number;
  type: string;
  title: string;
  issuedOn: string;
  signerName: string | null;
  recipients: string[];
  sourceKind: SourceKind;
  sourceId: string | null;
}

const searchOf = (fields: {
  number: string;
  title: string;
  signerName: string | null;
  recipients: string[];
}) => foldVietnamese([fields.number, fields.title, fields.signerName ?? '', ...fields.recipients].join(' '));

/**
 * The issuer's part of a unit's ký hiệu: "UBND" for a People's Committee; a department's short name
 * when it is an abbreviation (each body sets its own, ND 30/2020 Phụ lục I II.3.b), else its initials
 * ("Sở Nội vụ" → "SNV"). A document that names its issuer is abbreviated from that name.
 */
export function unitAbbreviation(
  unit: { name: string; type: string; shortName?: string | null },
  issuer?: string | null,
): string {
  if (issuer?.trim()) return issuerAbbreviation(issuer);
  const short = unit.shortName?.trim();
  if (unit.type !== 'commune' && unit.type !== 'province' && short && /^[\p{Lu}\d&]+$/u.test(short))
    return short;
  return issuerAbbreviation(issuerOfUnit(unit));
}

async function lockRegister(tx: Tx, unitId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(${NUMBER_LOCK}, ${unitId})`);
}

/** The live entry of a Chiso document in its unit's register, if it has one. */
export async function liveEntryOf(db: DbOrTx, unitId: number, kind: SourceKind, sourceId: string) {
  const [row] = await db
    .select()
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.unitId, unitId),
        eq(issuedDocuments.sourceKind, kind),
        eq(issuedDocuments.sourceId, sourceId),
        ne(issuedDocuments.status, 'void'),
      ),
    );
  return row ?? null;
}

function sourceTaken(existing: Row) {
  return new AppError(
    'CONFLICT',
    msg(
      `Văn bản này đã có số ${existing.number} trong sổ văn bản đi.`,
      `This document already has number ${existing.number} in the register.`,
    ),
  );
}

async function insertEntry(
  tx: Tx,
  audit: Audit,
  actorId: number | null,
  fields: Particulars & { year: number; seq: number; number: string; symbol: string },
  action: 'document.number.take' | 'document.number.record',
): Promise<Row> {
  const [row] = await tx
    .insert(issuedDocuments)
    .values({ ...fields, search: searchOf(fields), createdBy: actorId })
    .returning();
  if (!row) throw new Error('register entry not stored');
  await audit({
    action,
    entityType: 'issued_document',
    entityId: row.id,
    unitId: row.unitId,
    after: {
      number: row.number,
      year: row.year,
      type: row.type,
      seq: row.seq,
      title: row.title,
      issuedOn: row.issuedOn,
      source: [row.sourceKind, row.sourceId],
    },
  });
  return row;
}

/**
 * The next number of the unit's year and type, recorded with the document's particulars, inside the
 * caller's transaction (issuing a plan takes its number in the same transaction as the issue).
 */
export async function allocateNumber(
  tx: Tx,
  audit: Audit,
  actorId: number | null,
  input: Particulars & { abbreviation: string; drafter?: string | null },
): Promise<Row> {
  const { abbreviation, drafter, ...fields } = input;
  const year = Number(fields.issuedOn.slice(0, 4));
  await lockRegister(tx, fields.unitId);
  if (fields.sourceId !== null) {
    const existing = await liveEntryOf(tx, fields.unitId, fields.sourceKind, fields.sourceId);
    if (existing) throw sourceTaken(existing);
  }
  const [last] = await tx
    .select({ seq: sql<number>`coalesce(max(${issuedDocuments.seq}), 0)`.mapWith(Number) })
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.unitId, fields.unitId),
        eq(issuedDocuments.year, year),
        eq(issuedDocuments.type, fields.type),
      ),
    );
  const seq = (last?.seq ?? 0) + 1;
  const symbol = documentSymbol({ type: fields.type, issuer: abbreviation, drafter: drafter ?? null });
  const number = documentNumber(seq, symbol);
  return insertEntry(tx, audit, actorId, { ...fields, year, seq, number, symbol }, 'document.number.take');
}

/**
 * A number written by hand (an imported plan keeps its own) recorded in the register as taken, when
 * it is free in the unit's year and type; a number already in the register, voided ones included, is
 * refused with the entry that holds it.
 */
export async function recordHandNumber(
  tx: Tx,
  audit: Audit,
  actorId: number | null,
  input: Particulars & { written: string },
): Promise<Row> {
  const { written, ...fields } = input;
  const read = readHandNumber(written);
  if (!read)
    throw fieldError(
      'number',
      msg(
        'Số, ký hiệu phải có dạng 12/KH-UBND; để trống để lấy số từ sổ văn bản đi.',
        'The number must read like 12/KH-UBND; leave it empty to take one from the register.',
      ),
    );
  const year = Number(fields.issuedOn.slice(0, 4));
  await lockRegister(tx, fields.unitId);
  if (fields.sourceId !== null) {
    const existing = await liveEntryOf(tx, fields.unitId, fields.sourceKind, fields.sourceId);
    if (existing) throw sourceTaken(existing);
  }
  const [clash] = await tx
    .select()
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.unitId, fields.unitId),
        eq(issuedDocuments.year, year),
        eq(issuedDocuments.type, read.type),
        eq(issuedDocuments.seq, read.seq),
      ),
    );
  if (clash)
    throw fieldError(
      'number',
      clash.status === 'void'
        ? msg(
            `Số ${clash.number} năm ${year} đã bị hủy trong sổ văn bản đi (${clash.voidReason}) và không được dùng lại: để trống số để lấy số mới.`,
            `Number ${clash.number} of ${year} was voided in the register (${clash.voidReason}) and is never used again: leave the number empty to take a new one.`,
          )
        : msg(
            `Số ${clash.number} năm ${year} đã được cấp trong sổ văn bản đi cho “${clash.title}” (ngày ${formatDateVi(clash.issuedOn)}): để trống số để lấy số mới.`,
            `Number ${clash.number} of ${year} is already in the register for “${clash.title}” (${formatDateVi(clash.issuedOn)}): leave the number empty to take a new one.`,
          ),
    );
  return insertEntry(
    tx,
    audit,
    actorId,
    { ...fields, type: read.type, year, seq: read.seq, number: read.number, symbol: read.symbol },
    'document.number.record',
  );
}

/** A Chiso document named as the source must be the unit's own. */
async function assertSource(ctx: RegisterContext, unitId: number, kind: SourceKind, sourceId: string | null) {
  if (kind === 'other' || sourceId === null) return;
  const wrong = () =>
    fieldError(
      'sourceId',
      msg('Không tìm thấy văn bản này của đơn vị.', 'This document of the unit was not found.'),
    );
  if (kind === 'plan' || kind === 'remediation' || kind === 'report') {
    if (!/^\d{1,9}$/.test(sourceId)) throw wrong();
    const table = kind === 'report' ? reports : plans;
    const [row] = await ctx.db
      .select({ unitId: table.unitId })
      .from(table)
      .where(eq(table.id, Number(sourceId)));
    if (!row || row.unitId !== unitId) throw wrong();
  }
}

/** Takes the next number for a document of the unit (a clerk's "Lấy số"). */
export async function takeNumber(ctx: RegisterContext, input: z.output<typeof takeNumberSchema>) {
  const unit = await assertKeepsRegister(ctx, input.unitId);
  const sourceId = input.sourceKind === 'other' ? null : (input.sourceId ?? null);
  await assertSource(ctx, unit.id, input.sourceKind, sourceId);
  const row = await mutate(ctx, (tx, audit) =>
    allocateNumber(tx, audit, ctx.user.userId, {
      unitId: unit.id,
      type: input.type,
      title: input.title,
      issuedOn: input.issuedOn ?? todayOf(ctx),
      signerName: input.signerName,
      recipients: input.recipients,
      sourceKind: input.sourceKind,
      sourceId,
      abbreviation: unitAbbreviation(unit),
      drafter: input.drafter,
    }),
  );
  return getIssuedDocument(ctx, row.id);
}

/** Marks an entry void with its reason, inside the caller's transaction; null when already void. */
export async function voidEntry(
  tx: Tx,
  audit: Audit,
  who: { actorId: number | null; at: Date },
  entry: Row,
  reason: string,
): Promise<Row | null> {
  const [voided] = await tx
    .update(issuedDocuments)
    .set({ status: 'void', voidReason: reason, voidedAt: who.at, voidedBy: who.actorId })
    .where(and(eq(issuedDocuments.id, entry.id), ne(issuedDocuments.status, 'void')))
    .returning();
  if (!voided) return null;
  await audit({
    action: 'document.number.void',
    entityType: 'issued_document',
    entityId: entry.id,
    unitId: entry.unitId,
    before: { status: entry.status },
    after: { status: 'void', number: entry.number, reason },
  });
  return voided;
}

/** Voids a number: it stays in the register with its reason and is never given again. */
export async function voidNumber(ctx: RegisterContext, id: number, reason: string) {
  const { document } = await assertReadsIssuedDocument(ctx, id);
  const alreadyVoid = () =>
    new AppError(
      'CONFLICT',
      msg(`Số ${document.number} đã bị hủy.`, `Number ${document.number} is already voided.`),
    );
  if (document.status === 'void') throw alreadyVoid();
  await mutate(ctx, async (tx, audit) => {
    const voided = await voidEntry(tx, audit, { actorId: ctx.user.userId, at: nowOf(ctx) }, document, reason);
    if (!voided) throw alreadyVoid();
  });
  return getIssuedDocument(ctx, id);
}

/** Voids the live entry of a Chiso document (a plan withdrawn), inside the caller's transaction. */
export async function voidEntryOf(
  tx: Tx,
  audit: Audit,
  who: { actorId: number | null; at: Date },
  source: { unitId: number; kind: SourceKind; sourceId: string },
  reason: string,
) {
  const entry = await liveEntryOf(tx, source.unitId, source.kind, source.sourceId);
  return entry ? voidEntry(tx, audit, who, entry, reason) : null;
}
