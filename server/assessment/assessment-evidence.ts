import { AppError, msg } from '../../core/errors.ts';
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
import { type AssessmentContext, scoreAccess, scoreKey } from './assessment-access.ts';
import { getSheet } from './round-queries.ts';

// ---- Evidence on a criterion -----------------------------------------------------------------------

const criterionOwner = (roundId: number, unitId: number, code: string): EvidenceOwner => ({
  type: 'round_score',
  key: scoreKey(roundId, unitId, code),
});

/** The unit attaches proof while it may enter its own score (self-assessment, explanation). */
export async function addCriterionEvidence(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  file: { fileName: string; data: Buffer },
): Promise<EvidenceMeta> {
  const { stage, asUnit, open } = await scoreAccess(ctx, roundId, unitId, code);
  if (!asUnit || !open || (stage !== 'self' && stage !== 'explanation'))
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Chỉ đơn vị được đính kèm tài liệu kiểm chứng, khi tự đánh giá hoặc giải trình.',
        'Only the unit may attach supporting evidence, while self-assessing or explaining.',
      ),
    );
  const owner = criterionOwner(roundId, unitId, code);
  const id = await mutate(ctx, (tx, audit) => attachEvidence(tx, audit, owner, file, ctx.user.userId));
  return evidenceMeta(ctx.db, owner, id, nowOf(ctx));
}

export async function removeCriterionEvidence(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  evidenceId: number,
) {
  const { stage, asUnit, open } = await scoreAccess(ctx, roundId, unitId, code);
  if (!asUnit || !open || (stage !== 'self' && stage !== 'explanation')) throw new AppError('FORBIDDEN');
  await mutate(ctx, (tx, audit) =>
    detachEvidence(tx, audit, criterionOwner(roundId, unitId, code), evidenceId),
  );
}

export async function listCriterionEvidence(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
) {
  await getSheet(ctx, roundId, unitId);
  return listEvidence(ctx.db, criterionOwner(roundId, unitId, code), nowOf(ctx));
}

export async function getCriterionEvidenceFile(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  evidenceId: number,
) {
  await getSheet(ctx, roundId, unitId);
  return evidenceFile(ctx.db, criterionOwner(roundId, unitId, code), evidenceId);
}
