import type { TargetOperator } from '../indicators/targets.ts';
/**
 * What a unit sends to work its own plan: a task of its own (with lead and support among its own
 * subtree, a deadline, a rhythm) and a target. Shared by the server's routes and the web forms.
 */

import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idSchema, versionSchema } from '../ids.ts';
import { parsePeriod } from '../periods/periods.ts';
import { isoDate, optionalText, text } from '../text/fields.ts';
import { DIMENSION_CODES, RECURRENCES } from './types.ts';

export const addPlanTaskSchema = z.object({
  /** The section of the plan it goes under (null: after the plan's last item). */
  sectionId: idSchema.nullable().default(null),
  /** Its number in the plan; by default the next one under its section. */
  ref: optionalText(60).default(null),
  text: text(5000, zodMsg('Nhiệm vụ không được để trống.', 'A task cannot be empty.')),
  dimension: z.enum(DIMENSION_CODES).nullable().default(null),
  leadUnitIds: z.array(idSchema).min(1, zodMsg('Chọn đơn vị chủ trì.', 'Choose the lead unit.')).max(50),
  supportUnitIds: z.array(idSchema).max(50).default([]),
  due: isoDate.nullable().default(null),
  recurrence: z.enum(RECURRENCES).nullable().default(null),
});
export type AddPlanTaskInput = z.input<typeof addPlanTaskSchema>;

/** A unit plan's target operators, in the order a form offers them (the same five as indicators). */
export const TARGET_OPERATORS = ['>=', '>', '<=', '<', '='] as const satisfies readonly TargetOperator[];

/** A period code ("2026Q4", "2026S1", "2026"), shown in words by periodName; null: the plan's whole term. */
const periodCode = z
  .string()
  .trim()
  .max(10)
  .refine((code) => parsePeriod(code) !== null, zodMsg('Kỳ không hợp lệ.', 'The period is not valid.'))
  .nullable();

const targetFields = {
  text: text(2000, zodMsg('Vui lòng nhập nội dung chỉ tiêu.', 'Enter the target’s text.')),
  op: z.enum(TARGET_OPERATORS),
  value: z.number().finite(),
  unit: z.string().trim().max(40),
  /** The catalogue indicator it measures ("TTHC_DUNG_HAN"), if any. */
  indicatorCode: z.string().trim().min(1).max(60).nullable(),
  periodCode,
};

export const addPlanTargetSchema = z.object({
  ...targetFields,
  op: targetFields.op.default('>='),
  unit: targetFields.unit.default('%'),
  indicatorCode: targetFields.indicatorCode.default(null),
  periodCode: periodCode.default(null),
});
export type AddPlanTargetInput = z.input<typeof addPlanTargetSchema>;

/** A target changed at the version read: only the fields sent. */
export const updatePlanTargetSchema = z.object({
  text: targetFields.text.optional(),
  op: targetFields.op.optional(),
  value: targetFields.value.optional(),
  unit: targetFields.unit.optional(),
  indicatorCode: targetFields.indicatorCode.optional(),
  periodCode: periodCode.optional(),
  version: versionSchema,
});
export type UpdatePlanTargetInput = z.input<typeof updatePlanTargetSchema>;

/** Removing a task says which version was read: a task someone changed meanwhile is not removed blind. */
export const removePlanTaskQuery = z.object({ version: z.coerce.number().pipe(versionSchema) });
