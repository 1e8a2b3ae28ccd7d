import { fieldError, msg } from '../../core/errors.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import {
  attachEvidence,
  detachEvidence,
  type EvidenceMeta,
  type EvidenceOwner,
  evidenceFile,
  evidenceMeta,
  listEvidence,
} from '../files/evidence.ts';
import { assertReadsItemEvidence, assertReportsItem, type PlanContext } from './plan-access.ts';

// ---- Evidence: files attached to a task ------------------------------------------------------------

const taskOwner = (itemId: number): EvidenceOwner => ({ type: 'plan_item', key: String(itemId) });

/** The lead unit (or whoever writes the plan) attaches a file to a task. */
export async function addEvidence(
  ctx: PlanContext,
  planId: number,
  itemId: number,
  file: { fileName: string; data: Buffer },
): Promise<EvidenceMeta> {
  const { item } = await assertReportsItem(ctx, planId, itemId);
  if (item.kind !== 'task')
    throw fieldError(
      'file',
      msg('Chỉ đính kèm minh chứng cho nhiệm vụ.', 'Evidence can be attached to tasks only.'),
    );
  const id = await mutate(ctx, (tx, audit) =>
    attachEvidence(tx, audit, taskOwner(itemId), file, ctx.user.userId),
  );
  return evidenceMeta(ctx.db, taskOwner(itemId), id, nowOf(ctx));
}

export async function listTaskEvidence(
  ctx: PlanContext,
  planId: number,
  itemId: number,
): Promise<EvidenceMeta[]> {
  await assertReadsItemEvidence(ctx, planId, itemId);
  return listEvidence(ctx.db, taskOwner(itemId), nowOf(ctx));
}

export async function getEvidenceFile(ctx: PlanContext, planId: number, itemId: number, evidenceId: number) {
  await assertReadsItemEvidence(ctx, planId, itemId);
  return evidenceFile(ctx.db, taskOwner(itemId), evidenceId);
}

export async function removeEvidence(ctx: PlanContext, planId: number, itemId: number, evidenceId: number) {
  await assertReportsItem(ctx, planId, itemId);
  await mutate(ctx, (tx, audit) => detachEvidence(tx, audit, taskOwner(itemId), evidenceId));
}
