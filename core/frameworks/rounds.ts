/**
 * An assessment round, stage by stage: the unit scores itself, the council appraises (and may return
 * a criterion for explanation), the unit explains, the council appraises again, the coordinator adds
 * bonus and penalty points, the ranking is published. Pure rules; the server stores and enforces them.
 */

import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idSchema, versionOrNewSchema, versionSchema } from '../ids.ts';
import { isoDate, optionalParagraphs, optionalText, text } from '../text/fields.ts';
import { NON_SUBMITTER_RULES } from './scoring.ts';

export const STAGES = ['self', 'appraisal1', 'explanation', 'appraisal2', 'final', 'published'] as const;
export type Stage = (typeof STAGES)[number];
/** The stages that take input and therefore have a deadline. */
export const INPUT_STAGES = ['self', 'appraisal1', 'explanation', 'appraisal2', 'final'] as const;
export type InputStage = (typeof INPUT_STAGES)[number];

export const STAGE_NAMES: Record<Stage, { vi: string; en: string }> = {
  self: { vi: 'Đơn vị tự đánh giá', en: 'Self-assessment' },
  appraisal1: { vi: 'Thẩm định lần 1', en: 'Appraisal, round 1' },
  explanation: { vi: 'Đơn vị giải trình', en: 'Explanation by the unit' },
  appraisal2: { vi: 'Thẩm định lần 2', en: 'Appraisal, round 2' },
  final: { vi: 'Tổng hợp, điểm thưởng/trừ', en: 'Final: bonus and penalty' },
  published: { vi: 'Đã công bố', en: 'Published' },
};

export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Inputs of a stage are open while the round is in it and its deadline (inclusive) has not passed. */
export function isStageOpen(
  round: { stage: Stage; deadlines: Partial<Record<InputStage, string>> },
  stage: InputStage,
  today: string,
): boolean {
  const deadline = round.deadlines[stage];
  return round.stage === stage && (deadline === undefined || today <= deadline);
}

/** What counts: the appraised score once there is one, the unit's own before. */
export function effectiveScore(row: {
  selfScore: number | null;
  appraisedScore: number | null;
}): number | null {
  return row.appraisedScore ?? row.selfScore;
}

/** An appraised score that differs from the unit's needs a reason. */
export function needsReason(selfScore: number | null, appraisedScore: number): boolean {
  return selfScore === null || Math.abs(selfScore - appraisedScore) > 1e-9;
}

const score = z.number().min(0, zodMsg('Điểm không được âm.', 'A score cannot be negative.'));

export const createRoundSchema = z.object({
  frameworkId: idSchema,
  ownerUnitId: idSchema,
  name: text(300, zodMsg('Vui lòng nhập tên đợt đánh giá.', 'Enter the name of the assessment round.')),
  year: z.number().int().min(2000).max(2100),
  /** The units assessed: listed, or every active unit of a type under the owner unit. */
  unitIds: z.array(idSchema).max(5000).optional(),
  unitType: z.enum(['department', 'commune', 'district', 'office']).optional(),
  deadlines: z.object({
    self: isoDate,
    appraisal1: isoDate,
    explanation: isoDate,
    appraisal2: isoDate,
    final: isoDate,
  }),
  bonusCap: z.number().min(0).max(100).default(0),
  penaltyCap: z.number().min(0).max(100).default(0),
  /** How the ranking treats units that never send their self-assessment (scoring.ts). */
  nonSubmitters: z.enum(NON_SUBMITTER_RULES).default('excluded'),
});

export const updateScoreSchema = z.object({
  selfScore: score.nullable().optional(),
  selfComment: optionalText(2000).optional(),
  appraisedScore: score.optional(),
  appraisalReason: optionalText(2000).optional(),
  returnedReason: optionalText(2000).optional(),
  explanation: optionalParagraphs(4000).optional(),
  /** The criterion's version the writer read (0: never saved). */
  version: versionOrNewSchema,
});

export const adjustmentsSchema = z.object({
  bonus: z.number().min(0),
  penalty: z.number().min(0),
  reason: optionalText(2000),
});

export const updateRoundSchema = z.object({
  deadlines: createRoundSchema.shape.deadlines.partial().optional(),
  version: versionSchema,
});
