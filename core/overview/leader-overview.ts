/**
 * The leader's overview: one answer with what a provincial leader (or the coordinator) reads first —
 * where the province stands in PAPI, dossiers against targets, citizens' petitions, reports of the
 * current period, overdue tasks by responsible unit, the weakest communes and the latest published
 * assessment.
 */
import { z } from 'zod';
import { TARGET_OPERATORS } from '../indicators/targets.ts';
import { papiLeversSchema } from '../indices/papi-views.ts';
import { remediationProgressSchema } from './remediation-progress.ts';

const unitRef = z.object({ id: z.number().int(), name: z.string() });
const nullableNumber = z.number().nullable();

export const WEAKEST_COMMUNES = 10;

/** How many units sent a period's report, on time or late, and how many are missing or not yet due. */
const reportCompleteness = z.object({
  period: z.object({ code: z.string(), dataFrom: z.string(), dataTo: z.string(), deadline: z.string() }),
  counts: z.object({
    expected: z.number().int(),
    submitted: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    pending: z.number().int(),
  }),
});

const ratio = z.object({ numerator: z.number().int(), denominator: z.number().int() });
const targetRule = z
  .object({ operator: z.enum(TARGET_OPERATORS), threshold: z.number(), riskMargin: z.number() })
  .nullable();
const targetStatus = z.enum(['met', 'at_risk', 'missed', 'no_data']).nullable();

export const MOST_OVERDUE_UNITS = 5;
/** How many dimensions "what moves us most" names for each province. */
export const TOP_LEVERS = 3;

export const leaderOverviewSchema = z.object({
  unit: unitRef,
  today: z.string(),
  /** PAPI of the provinces that formed this one (since 2025 Hưng Yên is Hưng Yên and Thái Bình). */
  papi: z
    .object({
      year: z.number().int(),
      provinces: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          rank: z.number().int().nullable(),
          ranked: z.number().int(),
          total: nullableNumber,
          group: z.number().int().nullable(),
          trend: z.array(
            z.object({
              year: z.number().int(),
              rank: z.number().int().nullable(),
              ranked: z.number().int(),
              total: nullableNumber,
            }),
          ),
        }),
      ),
    })
    .nullable(),
  /**
   * What moves each of those provinces most in the latest PAPI year: the dimensions where a point buys
   * most ranks, among those with headroom (core/indices/levers.ts `topLevers`).
   */
  levers: z
    .object({
      year: z.number().int(),
      provinces: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          rank: z.number().int().nullable(),
          items: papiLeversSchema.shape.items,
        }),
      ),
    })
    .nullable(),
  dossiers: z.object({
    /** The quarter (code; the screen names it in words). */
    period: z.string(),
    kpis: z.array(
      z.object({
        code: z.string(),
        nameVi: z.string(),
        nameEn: z.string(),
        numerator: z.number(),
        denominator: nullableNumber,
        rate: nullableNumber,
        target: targetRule,
        status: targetStatus,
      }),
    ),
  }),
  /** Citizens' petitions received this year, as they stand today ("closed" is never read as resolved). */
  feedback: z.object({
    year: z.number().int(),
    received: z.number().int(),
    onTime: ratio,
    resolved: ratio,
    satisfied: ratio,
    medianDaysToAnswer: nullableNumber,
    overdue: z.number().int(),
    target: targetRule,
    status: targetStatus,
    /** The units with the most petitions past their deadline without an answer. */
    mostOverdue: z.array(z.object({ unit: unitRef, overdue: z.number().int(), onTime: ratio })),
  }),
  /** The citizens' satisfaction surveys of the quarter (SIPAS in use this year), or null without any. */
  satisfaction: z
    .object({
      surveyId: z.number().int(),
      period: z.string(),
      previousPeriod: z.string(),
      respondents: z.number().int(),
      rate: nullableNumber,
      low: nullableNumber,
      high: nullableNumber,
      weightedRate: nullableNumber,
      enough: z.boolean(),
      /** Points since the quarter before, and whether the intervals say it is real. */
      change: z.object({ difference: z.number(), significant: z.boolean() }).nullable(),
      weakestElement: z.object({ nameVi: z.string(), nameEn: z.string(), rate: nullableNumber }).nullable(),
    })
    .nullable(),
  reports: reportCompleteness,
  /** The quarter before: its deadline has passed, so who never sent it is known. */
  previousReports: reportCompleteness,
  overdueTasks: z.object({
    /** Distinct tasks: a task led by two units counts once here, once for each unit below. */
    total: z.number().int(),
    byUnit: z.array(z.object({ unit: unitRef.extend({ type: z.string() }), count: z.number().int() })),
  }),
  weakestCommunes: z.object({
    /** round: by the latest published round's percent; dossiers: by the quarter's on-time rate. */
    basis: z.enum(['round', 'dossiers']),
    round: z.object({ id: z.number().int(), name: z.string(), year: z.number().int() }).nullable(),
    period: z.string(),
    items: z.array(
      z.object({
        unit: unitRef,
        percent: nullableNumber,
        band: z.string().nullable(),
        rank: z.number().int().nullable(),
        onTimeRate: nullableNumber,
      }),
    ),
  }),
  latestRound: z
    .object({
      id: z.number().int(),
      name: z.string(),
      year: z.number().int(),
      publishedAt: z.string().nullable(),
      units: z.number().int(),
      participating: z.number().int(),
      averagePercent: nullableNumber,
      bands: z.array(z.object({ label: z.string(), count: z.number().int() })),
      top: z.array(z.object({ unit: unitRef, percent: nullableNumber, rank: z.number().int().nullable() })),
    })
    .nullable(),
  /** Whether the remediation of the latest published round's weak criteria is on track; null without one. */
  remediation: remediationProgressSchema.nullable(),
});

export type LeaderOverview = z.infer<typeof leaderOverviewSchema>;
