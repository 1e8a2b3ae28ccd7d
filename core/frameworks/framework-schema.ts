import { z } from 'zod';
import { type Criterion, type Framework, SCORING_METHODS } from './framework.ts';

/**
 * The shape of a framework sent to the API, checked before validateFramework reads it: a criterion
 * without a code or a framework without bands is a 400 naming the field, not a crash. Unknown keys
 * are kept (a framework file may carry notes); the rules between fields stay in validateFramework.
 */
const points = z.number({ error: 'Điểm phải là số.' }).min(-1_000_000).max(1_000_000);
const year = z
  .number({ error: 'Năm không hợp lệ.' })
  .int('Năm không hợp lệ.')
  .min(2000, 'Năm từ 2000.')
  .max(2100, 'Năm đến 2100.');

const bandSchema = z.object({
  label: z.string({ error: 'Thiếu tên mức xếp loại.' }).min(1, 'Thiếu tên mức xếp loại.').max(100),
  from: points,
  to: points,
});

export const criterionSchema: z.ZodType<Criterion> = z.looseObject({
  code: z
    .string({ error: 'Thiếu mã tiêu chí.' })
    .min(1, 'Thiếu mã tiêu chí.')
    .max(60, 'Mã tiêu chí tối đa 60 ký tự.'),
  nameVi: z.string({ error: 'Thiếu tên tiếng Việt.' }).max(1000),
  nameEn: z.string().max(1000).optional(),
  maxPoints: points.nullable(),
  minPoints: points.optional(),
  method: z.enum(Object.keys(SCORING_METHODS) as [keyof typeof SCORING_METHODS], {
    error: 'Cách chấm không hợp lệ.',
  }),
  evidenceRequired: z.boolean().optional(),
  guidance: z.string().max(20_000).optional(),
  aggregation: z.enum(['sum', 'declared']).optional(),
  rule: z.string().max(5000).optional(),
  weight: z.number().min(0).max(1_000_000).optional(),
  get children() {
    return z.array(criterionSchema).max(1000).optional();
  },
}) as z.ZodType<Criterion>;

export const frameworkSchema: z.ZodType<Framework> = z.looseObject({
  code: z
    .string({ error: 'Thiếu mã bộ chỉ số.' })
    .min(1, 'Thiếu mã bộ chỉ số.')
    .max(60, 'Mã bộ chỉ số tối đa 60 ký tự.'),
  nameVi: z.string({ error: 'Thiếu tên bộ chỉ số.' }).max(500),
  nameEn: z.string().max(500).default(''),
  fromYear: year,
  toYear: year.nullable().default(null),
  status: z.enum(['confirmed', 'unconfirmed']).default('confirmed'),
  source: z.string().max(2000).default(''),
  unit: z.enum(['points', 'percent']).default('points'),
  grouping: z.enum(['bands', 'quartiles']).default('bands'),
  bands: z.array(bandSchema, { error: 'Chưa khai báo thang xếp loại.' }).max(50),
  criteria: z.array(criterionSchema, { error: 'Thiếu danh sách tiêu chí.' }).max(1000),
}) as unknown as z.ZodType<Framework>;
