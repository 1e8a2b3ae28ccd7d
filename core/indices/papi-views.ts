import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { PAPI_DIMENSIONS } from './papi.ts';

/** What the /api/indices/papi standing and simulator routes answer and accept; the web reads these types. */
const group = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const perDimension = <T extends z.ZodTypeAny>(schema: T) =>
  z.object(
    Object.fromEntries(PAPI_DIMENSIONS.map((dimension) => [dimension, schema])) as Record<
      (typeof PAPI_DIMENSIONS)[number],
      T
    >,
  );

const standingRow = z.object({
  score: z.number(),
  median: z.number(),
  topQuartileFloor: z.number(),
  best: z.object({ unit: z.string(), unitCode: z.string(), score: z.number() }),
  rank: z.number().int(),
  group,
});

const provinceStanding = z.object({
  unit: z.string(),
  unitCode: z.string(),
  year: z.number().int(),
  ranked: z.number().int(),
  total: standingRow,
  dimensions: perDimension(standingRow),
  /** The year's sub-dimensions, named as the codebook names them. */
  subdimensions: z.array(
    standingRow.extend({
      code: z.string(),
      dimension: z.enum(PAPI_DIMENSIONS),
      nameVi: z.string(),
      nameEn: z.string(),
    }),
  ),
  trend: z.array(
    z.object({
      year: z.number().int(),
      total: z.number().nullable(),
      rank: z.number().int().nullable(),
      ranked: z.number().int(),
    }),
  ),
  pointsToNextRank: z.number().nullable(),
  nextGroup: z.object({ group, points: z.number() }).nullable(),
});

export const papiStandingSchema = z.object({
  year: z.number().int(),
  /** The province of today asked for (or the installation's), with the old provinces that formed it. */
  province: z.object({ code: z.string(), name: z.string() }),
  predecessors: z.array(provinceStanding),
  /** Only for a province formed from several: an estimate, never a published result. */
  estimate: z
    .object({
      basis: z.literal('equal-weights'),
      note: z.object({ vi: z.string(), en: z.string() }),
      weights: z.array(z.object({ unitCode: z.string(), unit: z.string(), weight: z.number() })),
      total: z.number(),
      dimensions: perDimension(z.number()),
      rank: z.number().int(),
      ranked: z.number().int(),
    })
    .nullable(),
});
export type PapiStanding = z.infer<typeof papiStandingSchema>;

export const papiSimulationSchema = z.object({
  province: z.string(),
  provinceCode: z.string(),
  year: z.number().int(),
  ranked: z.number().int(),
  totalBefore: z.number(),
  totalAfter: z.number(),
  rankBefore: z.number().int(),
  rankAfter: z.number().int(),
  groupBefore: group,
  groupAfter: group,
  dimensions: perDimension(z.object({ before: z.number(), after: z.number() })),
  changes: z.array(
    z.object({
      code: z.string(),
      delta: z.number(),
      applied: z.number(),
      clamped: z.boolean(),
      bound: z.number().nullable(),
    }),
  ),
});
export type PapiSimulationView = z.infer<typeof papiSimulationSchema>;

export const papiLeversSchema = z.object({
  province: z.string(),
  provinceCode: z.string(),
  year: z.number().int(),
  items: z.array(
    z.object({
      dimension: z.enum(PAPI_DIMENSIONS),
      score: z.number(),
      median: z.number(),
      best: z.number(),
      pointsToNextRank: z.number().nullable(),
      ranksPerPoint: z.number().int(),
      typicalYearlyGain: z.number().nullable(),
    }),
  ),
});
export type PapiLeversView = z.infer<typeof papiLeversSchema>;

export const papiTargetSchema = z.object({
  target: z.union([z.object({ rank: z.number().int() }), z.object({ group })]),
  alreadyMet: z.boolean(),
  reached: z.boolean(),
  withinTypicalGains: z.boolean(),
  totalIncrease: z.number(),
  changes: z.array(
    z.object({
      dimension: z.enum(PAPI_DIMENSIONS),
      delta: z.number(),
      typicalYearlyGain: z.number().nullable(),
      beyondTypical: z.number(),
    }),
  ),
  simulation: papiSimulationSchema,
});
export type PapiTargetView = z.infer<typeof papiTargetSchema>;

const year = z.coerce
  .number({
    message: zodMsg('Năm phải là một số, ví dụ 2024.', 'The year must be a number, for example 2024.'),
  })
  .int(zodMsg('Năm phải là số nguyên, ví dụ 2024.', 'The year must be a whole number, for example 2024.'));
const provinceCode = z
  .string()
  .regex(
    /^\d{2}$/,
    zodMsg('Mã tỉnh gồm 2 chữ số, ví dụ 33.', 'A province code has 2 digits, for example 33.'),
  );

export const papiStandingQuery = z.object({ year, province: provinceCode.optional() });
export const papiProvinceQuery = z.object({ year, province: provinceCode });

export const papiSimulateBody = z.object({
  year,
  province: provinceCode,
  changes: z
    .array(
      z.object({
        code: z
          .string()
          .regex(
            /^PAPI\.[1-8](\.\d)?$/,
            zodMsg(
              'Mã chỉ số phải có dạng PAPI.5 (chỉ số nội dung) hoặc PAPI.5.1 (chỉ số nội dung thành phần).',
              'A code is PAPI.5 (a dimension) or PAPI.5.1 (a sub-dimension).',
            ),
          ),
        delta: z
          .number({ message: zodMsg('Mức thay đổi phải là một số.', 'The change must be a number.') })
          .min(-10, zodMsg('Mức thay đổi từ -10 đến 10 điểm.', 'A change is from -10 to 10 points.'))
          .max(10, zodMsg('Mức thay đổi từ -10 đến 10 điểm.', 'A change is from -10 to 10 points.')),
      }),
    )
    .max(40),
});
export type PapiSimulateBody = z.infer<typeof papiSimulateBody>;

export const papiTargetQuery = papiProvinceQuery
  .extend({
    rank: z.coerce.number().int().optional(),
    group: z.coerce.number().int().optional(),
  })
  .refine((query) => (query.rank === undefined) !== (query.group === undefined), {
    message: zodMsg(
      'Chọn một mục tiêu: thứ hạng (rank) hoặc nhóm (group), không chọn cả hai.',
      'Choose one target: a rank or a group, not both.',
    ),
  });
