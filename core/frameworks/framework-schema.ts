import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { type Criterion, type CriterionRemediation, type Framework, SCORING_METHODS } from './framework.ts';

/**
 * The shape of a framework sent to the API, checked before validateFramework reads it: a criterion
 * without a code or a framework without bands is a 400 naming the field, not a crash. Unknown keys
 * are kept (a framework file may carry notes); the rules between fields stay in validateFramework.
 */
const points = z
  .number({ error: zodMsg('Điểm phải là số.', 'The score must be a number.') })
  .min(-1_000_000)
  .max(1_000_000);
const year = z
  .number({ error: zodMsg('Năm không hợp lệ.', 'Invalid year.') })
  .int(zodMsg('Năm không hợp lệ.', 'Invalid year.'))
  .min(2000, zodMsg('Năm từ 2000.', 'The year is 2000 or later.'))
  .max(2100, zodMsg('Năm đến 2100.', 'The year is 2100 or earlier.'));

const bandSchema = z.object({
  label: z
    .string({ error: zodMsg('Thiếu tên mức xếp loại.', 'The band name is missing.') })
    .min(1, zodMsg('Thiếu tên mức xếp loại.', 'The band name is missing.'))
    .max(100),
  from: points,
  to: points,
});

const longText = (what: { vi: string; en: string }) =>
  z
    .string()
    .trim()
    .max(5000, zodMsg(`${what.vi} tối đa 5000 ký tự.`, `${what.en} has at most 5000 characters.`));
const unitName = z
  .string()
  .trim()
  .min(1, zodMsg('Tên đơn vị không được trống.', 'A unit name cannot be empty.'))
  .max(200, zodMsg('Tên đơn vị tối đa 200 ký tự.', 'A unit name has at most 200 characters.'));

/** A criterion's remediation (what full marks require, the suggested task, its lead and coordinating units). */
export const remediationSchema: z.ZodType<CriterionRemediation> = z.object({
  fullMarks: longText({ vi: 'Yêu cầu đạt điểm tối đa', en: 'What full marks require' }),
  action: longText({ vi: 'Nhiệm vụ gợi ý', en: 'The suggested task' }).min(
    1,
    zodMsg('Thiếu nhiệm vụ gợi ý.', 'The suggested task is missing.'),
  ),
  lead: unitName.optional(),
  support: z
    .array(unitName)
    .max(20, zodMsg('Tối đa 20 đơn vị phối hợp.', 'At most 20 coordinating units.'))
    .optional(),
});

export const criterionSchema: z.ZodType<Criterion> = z.looseObject({
  code: z
    .string({ error: zodMsg('Thiếu mã tiêu chí.', 'The criterion code is missing.') })
    .min(1, zodMsg('Thiếu mã tiêu chí.', 'The criterion code is missing.'))
    .max(60, zodMsg('Mã tiêu chí tối đa 60 ký tự.', 'The criterion code has at most 60 characters.')),
  nameVi: z.string({ error: zodMsg('Thiếu tên tiếng Việt.', 'The Vietnamese name is missing.') }).max(1000),
  nameEn: z.string().max(1000).optional(),
  maxPoints: points.nullable(),
  minPoints: points.optional(),
  method: z.enum(Object.keys(SCORING_METHODS) as [keyof typeof SCORING_METHODS], {
    error: zodMsg('Cách chấm không hợp lệ.', 'Invalid scoring method.'),
  }),
  evidenceRequired: z.boolean().optional(),
  guidance: z.string().max(20_000).optional(),
  aggregation: z.enum(['sum', 'declared']).optional(),
  rule: z.string().max(5000).optional(),
  weight: z.number().min(0).max(1_000_000).optional(),
  remediation: remediationSchema.optional(),
  get children() {
    return z.array(criterionSchema).max(1000).optional();
  },
}) as z.ZodType<Criterion>;

export const frameworkSchema: z.ZodType<Framework> = z.looseObject({
  code: z
    .string({ error: zodMsg('Thiếu mã bộ chỉ số.', 'The framework code is missing.') })
    .min(1, zodMsg('Thiếu mã bộ chỉ số.', 'The framework code is missing.'))
    .max(60, zodMsg('Mã bộ chỉ số tối đa 60 ký tự.', 'The framework code has at most 60 characters.')),
  nameVi: z.string({ error: zodMsg('Thiếu tên bộ chỉ số.', 'The framework name is missing.') }).max(500),
  nameEn: z.string().max(500).default(''),
  fromYear: year,
  toYear: year.nullable().default(null),
  status: z.enum(['confirmed', 'unconfirmed']).default('confirmed'),
  source: z.string().max(2000).default(''),
  unit: z.enum(['points', 'percent']).default('points'),
  grouping: z.enum(['bands', 'quartiles']).default('bands'),
  bands: z
    .array(bandSchema, { error: zodMsg('Chưa khai báo thang xếp loại.', 'No grading bands are declared.') })
    .max(50),
  criteria: z
    .array(criterionSchema, {
      error: zodMsg('Thiếu danh sách tiêu chí.', 'The list of criteria is missing.'),
    })
    .max(1000),
}) as unknown as z.ZodType<Framework>;
