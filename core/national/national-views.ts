import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { listQuery, listResultSchema } from '../list.ts';
import { NATIONAL_INDICATOR_CODES } from './national-indicators.ts';

/** What the national view's API answers: shared by the server's presenters and the web app. */

/** A period the national view reads: a quarter, a half or a year (the roll-ups are quarterly). */
export const nationalPeriodSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^\d{4}(Q[1-4]|S[12])?$/,
    zodMsg(
      'Kỳ phải là một quý, 6 tháng hoặc một năm: 2026Q1, 2026S1, 2026.',
      'The period must be a quarter, a half or a year: 2026Q1, 2026S1, 2026.',
    ),
  );

export const nationalIndicatorViewSchema = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  kind: z.enum(['ratio', 'count']),
  better: z.enum(['higher', 'lower']),
  source: z.enum(['dossiers', 'feedback', 'surveys', 'reports', 'plans', 'assessment']),
});
export type NationalIndicatorView = z.infer<typeof nationalIndicatorViewSchema>;

export const figureSchema = z.object({
  numerator: z.number(),
  denominator: z.number().nullable(),
  /** % for a ratio (null: nothing under it), the number itself for a count. */
  value: z.number().nullable(),
});

export const rankedFigureSchema = figureSchema.extend({
  rank: z.number().int().nullable(),
  /** Why it has no rank: a ratio with nothing counted under it. */
  unranked: z.enum(['no_denominator']).nullable(),
});
export type RankedFigure = z.infer<typeof rankedFigureSchema>;

export const completenessSchema = z.object({
  /** Units that had to report for the period. */
  expected: z.number().int(),
  /** Of them, sent (submitted or accepted). */
  sent: z.number().int(),
  /** Of them, sent by the deadline. */
  onTime: z.number().int(),
});
export type Completeness = z.infer<typeof completenessSchema>;

export const freshnessSchema = z.object({
  /** When the province last recomputed what it shares. */
  refreshedAt: z.string(),
  /** The last heartbeat received from it. */
  heartbeatAt: z.string(),
  /** The older of the two: its figures are known to be current as of then. */
  asOf: z.string(),
  /** Older than an hour. */
  isStale: z.boolean(),
});

export const provinceColumnSchema = z.object({
  code: z.string(),
  name: z.string(),
  freshness: freshnessSchema,
  figures: z.record(z.string(), rankedFigureSchema),
  completeness: completenessSchema,
});
export type ProvinceColumn = z.infer<typeof provinceColumnSchema>;

export const nationalDashboardSchema = z.object({
  /**
   * 'national': the installation receives provinces' figures (`federation subscribe`); 'province': a
   * province's own installation, showing the figures it shares upward.
   */
  instance: z.enum(['national', 'province']),
  period: z.string(),
  /** Periods with data, newest first (quarters, then the halves and years they make up). */
  periods: z.array(z.string()),
  /** The server's clock: freshness is said relative to it. */
  now: z.string(),
  indicators: z.array(nationalIndicatorViewSchema),
  provinces: z.array(provinceColumnSchema),
  national: z.object({
    figures: z.record(z.string(), figureSchema),
    completeness: completenessSchema,
    provinces: z.number().int(),
  }),
});
export type NationalDashboard = z.infer<typeof nationalDashboardSchema>;

export const rankingQuerySchema = z.object({
  indicator: z.enum(NATIONAL_INDICATOR_CODES),
  period: nationalPeriodSchema.optional(),
});

export const rankingRowSchema = rankedFigureSchema.extend({ code: z.string(), name: z.string() });

export const nationalRankingSchema = z.object({
  period: z.string(),
  indicator: nationalIndicatorViewSchema,
  items: z.array(rankingRowSchema),
});
export type NationalRanking = z.infer<typeof nationalRankingSchema>;

export const DRILL_DOWN_SORTS = ['rank', 'name', 'value'] as const;

export const drillDownQuerySchema = listQuery(DRILL_DOWN_SORTS, 'rank').extend({
  indicator: z.enum(NATIONAL_INDICATOR_CODES).default('DOSSIER_ON_TIME'),
  period: nationalPeriodSchema.optional(),
});

export const communeRowSchema = rankedFigureSchema.extend({
  unitKey: z.string(),
  /** The official code (null for a unit without one). */
  code: z.string().nullable(),
  name: z.string(),
  completeness: completenessSchema,
});
export type CommuneRow = z.infer<typeof communeRowSchema>;

export const provinceDrillDownSchema = z.object({
  period: z.string(),
  periods: z.array(z.string()),
  now: z.string(),
  province: z.object({ code: z.string(), name: z.string(), freshness: freshnessSchema }),
  /** Every indicator (to choose another), and the one the communes are ranked on. */
  indicators: z.array(nationalIndicatorViewSchema),
  indicator: nationalIndicatorViewSchema,
  /** The province's own figure on the indicator (all its units), and how many communes are ranked. */
  total: figureSchema,
  ranked: z.number().int(),
  communes: listResultSchema(communeRowSchema),
});
export type ProvinceDrillDown = z.infer<typeof provinceDrillDownSchema>;

export const dhis2QuerySchema = z.object({
  period: nationalPeriodSchema,
  province: z
    .string()
    .trim()
    .regex(/^\d{2}$/, zodMsg('Mã tỉnh gồm 2 chữ số.', 'A province code has 2 digits.'))
    .optional(),
});

export const dhis2DataValueSetSchema = z.object({
  dataValues: z.array(
    z.object({
      dataElement: z.string(),
      period: z.string(),
      orgUnit: z.string(),
      categoryOptionCombo: z.enum(['NUMERATOR', 'DENOMINATOR']),
      value: z.string(),
    }),
  ),
});
