import { and, eq } from 'drizzle-orm';
import { ruleInForce } from '../../core/disclosures/catalogue.ts';
import type {
  CreateObligation,
  CreateRecord,
  EditObligation,
  EditRecord,
} from '../../core/disclosures/disclosure-schemas.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import {
  disclosureItems,
  disclosureObligations,
  disclosureRecords,
  evidenceFiles,
} from '../db/schema/index.ts';
import { deleteVersioned, writeVersioned } from '../db/versioned.ts';
import { attachEvidence, detachEvidence, evidenceFile } from '../files/evidence.ts';
import { loadUnit } from '../units/unit-access.ts';
import {
  assertReadsObligation,
  assertRecordsObligation,
  assertRecordsRecord,
  canRecordDisclosures,
  type DisclosureContext,
  type ObligationRow,
  type RecordRow,
} from './disclosure-access.ts';
import { loadCatalogueRules } from './disclosure-judge.ts';
import { disclosureOwner, obligationDetail } from './disclosure-queries.ts';

/**
 * Recording the register: an obligation (what a unit must disclose, at the version read), the records
 * of where and when it was disclosed (each at its own version, so the autosaving form never
 * overwrites another's edit unseen), and the public document file. Every change goes through `mutate`
 * with its audit event.
 */
const searchOf = (input: { title: string; decisionNumber: string | null }) =>
  foldVietnamese(`${input.title} ${input.decisionNumber ?? ''}`);

const obligationRecord = (row: Pick<ObligationRow, keyof EditObligation & keyof ObligationRow>) => ({
  itemCode: row.itemCode,
  title: row.title,
  decisionNumber: row.decisionNumber,
  decisionDate: row.decisionDate,
  periodFrom: row.periodFrom,
  periodTo: row.periodTo,
  documentUrl: row.documentUrl,
});

/** The rule must exist on the decision's day and apply to the unit's kind; its trigger must be known. */
async function assertFits(
  ctx: DisclosureContext,
  input: Omit<EditObligation, 'version'>,
  unitType: string,
): Promise<void> {
  if (input.decisionDate > todayOf(ctx))
    throw fieldError(
      'decisionDate',
      msg('Ngày ban hành không được sau hôm nay.', 'The decision date cannot be after today.'),
    );
  if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo)
    throw fieldError(
      'periodTo',
      msg('Ngày cuối kỳ phải sau ngày đầu kỳ.', 'The period must end after it starts.'),
    );
  const rule = ruleInForce(await loadCatalogueRules(ctx.db), input.itemCode, input.decisionDate);
  if (!rule)
    throw fieldError(
      'itemCode',
      msg(
        'Danh mục không có nội dung này áp dụng vào ngày ban hành đã nhập.',
        'The catalogue has no such item in force on the decision date.',
      ),
    );
  const [item] = await ctx.db
    .select({ unitTypes: disclosureItems.unitTypes })
    .from(disclosureItems)
    .where(eq(disclosureItems.id, rule.id));
  if (item && !item.unitTypes.includes(unitType))
    throw fieldError(
      'itemCode',
      msg(
        'Nội dung này không áp dụng cho loại đơn vị đã chọn.',
        'This item does not apply to this kind of unit.',
      ),
    );
  if ((rule.deadline.kind === 'after_period_end' || rule.period.kind === 'plan_period') && !input.periodTo)
    throw fieldError(
      'periodTo',
      msg(
        rule.deadline.kind === 'after_period_end'
          ? 'Hãy nhập ngày cuối của kỳ (thời hạn công khai tính từ ngày này).'
          : 'Hãy nhập ngày cuối kỳ quy hoạch, kế hoạch (phải công khai suốt kỳ).',
        rule.deadline.kind === 'after_period_end'
          ? 'Enter the last day of the period (the deadline counts from it).'
          : 'Enter the last day of the plan period (it must stay public throughout).',
      ),
    );
}

export async function createObligation(ctx: DisclosureContext, input: CreateObligation) {
  const unit = await loadUnit(ctx.db, input.unitId).catch(() => null);
  if (!unit) throw fieldError('unitId', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
  if (!canRecordDisclosures(ctx.user, unit.path)) throw new AppError('FORBIDDEN');
  if (unit.validTo !== null)
    throw fieldError(
      'unitId',
      msg('Đơn vị đã giải thể hoặc sáp nhập.', 'The unit has been dissolved or merged.'),
    );
  const { unitId, ...record } = input;
  await assertFits(ctx, record, unit.type);
  const id = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(disclosureObligations)
      .values({
        unitId,
        ...record,
        search: searchOf(record),
        createdBy: ctx.user.userId,
        updatedBy: ctx.user.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })
      .returning({ id: disclosureObligations.id });
    if (!row) throw new Error('obligation insert returned nothing');
    await audit({
      action: 'disclosure.create',
      entityType: 'disclosure',
      entityId: row.id,
      unitId,
      after: record,
    });
    return row.id;
  });
  return obligationDetail(ctx, id);
}

function touchObligation(tx: Tx, ctx: DisclosureContext, id: number, version: number, set = {}) {
  return writeVersioned(tx, {
    table: disclosureObligations,
    where: eq(disclosureObligations.id, id),
    version,
    set: { ...set, updatedAt: nowOf(ctx) },
    actorId: ctx.user.userId,
    at: nowOf(ctx),
    present: (row) => ({ ...obligationRecord(row), version: row.version }),
  });
}

export async function editObligation(ctx: DisclosureContext, id: number, input: EditObligation) {
  const { obligation, unitType } = await assertRecordsObligation(ctx, id);
  const { version, ...record } = input;
  await assertFits(ctx, record, unitType);
  await mutate(ctx, async (tx, audit) => {
    await touchObligation(tx, ctx, id, version, { ...record, search: searchOf(record) });
    await audit({
      action: 'disclosure.update',
      entityType: 'disclosure',
      entityId: id,
      unitId: obligation.unitId,
      before: obligationRecord(obligation),
      after: record,
    });
  });
  return obligationDetail(ctx, id);
}

/** Deletes an obligation entered by mistake, with its records and files (the audit keeps them all). */
export async function deleteObligation(ctx: DisclosureContext, id: number, version: number) {
  const { obligation } = await assertRecordsObligation(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    const records = await tx
      .delete(disclosureRecords)
      .where(eq(disclosureRecords.obligationId, id))
      .returning();
    await touchObligation(tx, ctx, id, version, { publicFileId: null });
    const files = await tx
      .select({ id: evidenceFiles.id })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.ownerType, 'disclosure'), eq(evidenceFiles.ownerKey, String(id))));
    for (const file of files) await detachEvidence(tx, audit, disclosureOwner(id), file.id);
    await tx.delete(disclosureObligations).where(eq(disclosureObligations.id, id));
    await audit({
      action: 'disclosure.delete',
      entityType: 'disclosure',
      entityId: id,
      unitId: obligation.unitId,
      before: { ...obligationRecord(obligation), records: records.map(recordOf) },
    });
  });
}

// ---- Records: where and when ----------------------------------------------------------------------

const recordOf = (row: Pick<RecordRow, 'place' | 'placeDetail' | 'fromDate' | 'toDate' | 'note'>) => ({
  place: row.place,
  placeDetail: row.placeDetail,
  from: row.fromDate,
  to: row.toDate,
  note: row.note,
});

function assertDates(ctx: DisclosureContext, obligation: ObligationRow, input: CreateRecord) {
  if (input.from > todayOf(ctx))
    throw fieldError(
      'from',
      msg(
        'Ngày bắt đầu không được sau hôm nay: chỉ ghi nhận việc đã công khai.',
        'The first day cannot be after today: record a disclosure once it is made.',
      ),
    );
  if (input.from < obligation.decisionDate)
    throw fieldError(
      'from',
      msg(
        'Ngày bắt đầu không được trước ngày ban hành văn bản.',
        'The first day cannot be before the decision date.',
      ),
    );
  if (input.to !== null && input.to < input.from)
    throw fieldError(
      'to',
      msg('Ngày kết thúc phải sau ngày bắt đầu.', 'The last day must come after the first.'),
    );
}

const recordValues = (input: CreateRecord) => ({
  place: input.place,
  placeDetail: input.placeDetail,
  fromDate: input.from,
  toDate: input.to,
  note: input.note,
});

export async function addRecord(ctx: DisclosureContext, obligationId: number, input: CreateRecord) {
  const { obligation } = await assertRecordsObligation(ctx, obligationId);
  assertDates(ctx, obligation, input);
  const id = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(disclosureRecords)
      .values({
        obligationId,
        ...recordValues(input),
        createdBy: ctx.user.userId,
        updatedBy: ctx.user.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })
      .returning({ id: disclosureRecords.id });
    if (!row) throw new Error('record insert returned nothing');
    await audit({
      action: 'disclosure.record_add',
      entityType: 'disclosure',
      entityId: obligationId,
      unitId: obligation.unitId,
      after: { recordId: row.id, ...input },
    });
    return row.id;
  });
  return { id, obligation: await obligationDetail(ctx, obligationId) };
}

async function recordRow(ctx: DisclosureContext, recordId: number): Promise<RecordRow> {
  const [row] = await ctx.db.select().from(disclosureRecords).where(eq(disclosureRecords.id, recordId));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function editRecord(ctx: DisclosureContext, recordId: number, input: EditRecord) {
  const { obligation } = await assertRecordsRecord(ctx, recordId);
  const before = await recordRow(ctx, recordId);
  const { version, ...record } = input;
  assertDates(ctx, obligation, record);
  const saved = await mutate(ctx, async (tx, audit) => {
    const row = await writeVersioned(tx, {
      table: disclosureRecords,
      where: eq(disclosureRecords.id, recordId),
      version,
      set: recordValues(record),
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (current) => ({ ...recordOf(current), version: current.version }),
    });
    await audit({
      action: 'disclosure.record_update',
      entityType: 'disclosure',
      entityId: obligation.id,
      unitId: obligation.unitId,
      before: { recordId, ...recordOf(before) },
      after: { recordId, ...record },
    });
    return row;
  });
  return { id: recordId, version: saved.version, obligation: await obligationDetail(ctx, obligation.id) };
}

export async function removeRecord(ctx: DisclosureContext, recordId: number, version: number) {
  const { obligation } = await assertRecordsRecord(ctx, recordId);
  const before = await recordRow(ctx, recordId);
  await mutate(ctx, async (tx, audit) => {
    await deleteVersioned(tx, {
      table: disclosureRecords,
      where: and(eq(disclosureRecords.id, recordId), eq(disclosureRecords.obligationId, obligation.id)),
      version,
    });
    await audit({
      action: 'disclosure.record_remove',
      entityType: 'disclosure',
      entityId: obligation.id,
      unitId: obligation.unitId,
      before: { recordId, ...recordOf(before) },
    });
  });
  return obligationDetail(ctx, obligation.id);
}

// ---- The document's file ----------------------------------------------------------------------------

/** Attaches the document; `isPublic` makes it the one the public page links (any earlier one stays internal). */
export async function addObligationFile(
  ctx: DisclosureContext,
  id: number,
  file: { fileName: string; data: Buffer },
  isPublic: boolean,
) {
  const { obligation } = await assertRecordsObligation(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    const fileId = await attachEvidence(tx, audit, disclosureOwner(id), file, ctx.user.userId);
    if (isPublic) {
      await tx
        .update(disclosureObligations)
        .set({ publicFileId: fileId, updatedAt: nowOf(ctx) })
        .where(eq(disclosureObligations.id, id));
      await audit({
        action: 'disclosure.file_public',
        entityType: 'disclosure',
        entityId: id,
        unitId: obligation.unitId,
        before: { publicFileId: obligation.publicFileId },
        after: { publicFileId: fileId },
      });
    }
  });
  return obligationDetail(ctx, id);
}

export async function removeObligationFile(ctx: DisclosureContext, id: number, fileId: number) {
  const { obligation } = await assertRecordsObligation(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    if (obligation.publicFileId === fileId)
      await tx
        .update(disclosureObligations)
        .set({ publicFileId: null })
        .where(eq(disclosureObligations.id, id));
    await detachEvidence(tx, audit, disclosureOwner(id), fileId);
  });
  return obligationDetail(ctx, id);
}

export async function obligationFile(ctx: DisclosureContext, id: number, fileId: number) {
  await assertReadsObligation(ctx, id);
  return evidenceFile(ctx.db, disclosureOwner(id), fileId);
}
