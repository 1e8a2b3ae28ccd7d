import { sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { ProvinceResult } from '../../core/indices/papi.ts';
import {
  type LeaderOverview,
  MOST_OVERDUE_UNITS,
  WEAKEST_COMMUNES,
} from '../../core/overview/leader-overview.ts';
import { remediationProgress } from '../../core/overview/remediation-progress.ts';
import { periodContaining } from '../../core/periods/periods.ts';
import { getResults, listRounds } from '../assessment/round-queries.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import type { Topic } from '../db/read-cache.ts';
import { units } from '../db/schema/index.ts';
import { feedbackFigures } from '../feedback/feedback-figures.ts';
import { type CounterSource, dossierDashboard } from '../indicators/dashboard-service.ts';
import { findPapiResults, papiYears, provincesSince2025 } from '../indices/index-service.ts';
import { overdueCondition, taskResponsibility } from '../plans/task-responsibility.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { periodBoards } from '../reports/report-service.ts';
import { surveyResultsOf } from '../surveys/results-service.ts';
import { publishedSurveyOf } from '../surveys/survey-service.ts';
import { leversOf } from './leader-levers.ts';
import { issuedRemediationPlans, weakSummaryOf } from './leader-remediation.ts';
import { overseenUnit } from './overseen-unit.ts';

type Context = ServiceContext & { user: SessionUser };

/**
 * The parts of the overview a cache may keep apart, each with the topics it reads (`server/db/read-cache.ts`):
 * a report sent recomputes the report boards, the overdue tasks and the remediation plans' progress, not
 * the dossiers nor the round.
 */
export const OVERVIEW_PIECES = {
  unit: [],
  dossiers: [],
  reports: ['reports'],
  overdue: ['plans'],
  feedback: ['feedback'],
  satisfaction: ['surveys'],
  round: [],
  // The round's weak criteria change with the round (any change but a narrow one); the remediation
  // plans' tasks with every progress report.
  weak: [],
  remediation: ['plans'],
} as const satisfies Record<string, readonly Topic[]>;
export type OverviewPiece = keyof typeof OVERVIEW_PIECES;
/** Computes a piece, or answers it from a cache kept for the same user's grants and day. */
export type PieceSource = <T>(name: OverviewPiece, compute: () => Promise<T>) => Promise<T>;

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/**
 * The overview of the province the user oversees. Only a province: a coordinator of one commune has
 * its own pages, not the leader's. Every part is read through the service a page of its own uses,
 * with the user's own grants, so the overview never shows what that page would not.
 */
export async function leaderOverview(
  ctx: Context,
  counters: CounterSource,
  piece: PieceSource = (_name, compute) => compute(),
): Promise<LeaderOverview> {
  const unit = await piece('unit', () => overseenUnit(ctx.db, ctx.user, 'overview.read'));
  if (unit.type !== 'province' || !hasPermissionOn(ctx.user.grants, 'overview.read', unit.path))
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Tổng quan của lãnh đạo dành cho người được phân quyền ở cấp tỉnh.',
        'The leader’s overview is for people granted at the province level.',
      ),
    );
  const today = todayOf(ctx);
  // One after another: on PGlite every query waits for the single connection anyway.
  const papi = await papiOf(ctx.db, unit.code);
  const dashboard = await piece('dossiers', () => dossierDashboard(ctx, { unitId: unit.id }, counters, 1));
  const [board, previous] = await piece('reports', async () => {
    const calendar = await loadReportingCalendar(ctx.db);
    const current = periodContaining(today, 'quarter', calendar.regime);
    return periodBoards(ctx, [current.code, quarterBefore(current.year, current.index)], { calendar });
  });
  if (!board || !previous) throw new Error('leader overview: the period boards are missing');
  const overdueTasks = await piece('overdue', () => overdueByUnit(ctx, today));
  const feedback = await piece('feedback', () => feedbackOf(ctx, unit.id));
  const latest = await piece('round', () => latestPublishedRound(ctx));
  const satisfaction = await piece('satisfaction', () => satisfactionOf(ctx, unit.id, today));
  const levers = leversOf(unit.code, papi);
  const remediation = latest && (await remediationOf(ctx, latest.round.id, today, piece));

  const onTime = new Map(
    dashboard.children
      .filter((child) => child.unit.type === 'commune')
      .map((child) => [child.unit.id, child.values.DOSSIER_ON_TIME ?? null]),
  );
  const communeIds = new Set(
    dashboard.children.filter((child) => child.unit.type === 'commune').map((child) => child.unit.id),
  );
  const rated = (unitId: number) => round1(onTime.get(unitId)?.rate ?? null);
  // By the latest published round when it assessed communes; else by this quarter's on-time rate.
  const byRound = (latest?.units ?? [])
    .filter((entry) => entry.participating && communeIds.has(entry.unitId))
    .sort((a, b) => (a.percent ?? 0) - (b.percent ?? 0) || a.name.localeCompare(b.name, 'vi'))
    .slice(0, WEAKEST_COMMUNES);
  const weakestCommunes: LeaderOverview['weakestCommunes'] =
    latest && byRound.length > 0
      ? {
          basis: 'round',
          round: { id: latest.round.id, name: latest.round.name, year: latest.round.year },
          period: dashboard.period,
          items: byRound.map((entry) => ({
            unit: { id: entry.unitId, name: entry.name },
            percent: entry.percent,
            band: entry.band,
            rank: entry.rank,
            onTimeRate: rated(entry.unitId),
          })),
        }
      : {
          basis: 'dossiers',
          round: null,
          period: dashboard.period,
          items: dashboard.children
            .filter(
              (child) =>
                child.unit.type === 'commune' && (child.values.DOSSIER_ON_TIME?.rate ?? null) !== null,
            )
            .sort(
              (a, b) =>
                (a.values.DOSSIER_ON_TIME?.rate ?? 0) - (b.values.DOSSIER_ON_TIME?.rate ?? 0) ||
                a.unit.name.localeCompare(b.unit.name, 'vi'),
            )
            .slice(0, WEAKEST_COMMUNES)
            .map((child) => ({
              unit: { id: child.unit.id, name: child.unit.name },
              percent: null,
              band: null,
              rank: null,
              onTimeRate: rated(child.unit.id),
            })),
        };

  return {
    unit: { id: unit.id, name: unit.name },
    today,
    papi,
    levers,
    dossiers: {
      period: dashboard.period,
      kpis: dashboard.kpis
        .filter((kpi) => kpi.denominator !== null)
        .map((kpi) => ({
          code: kpi.code,
          nameVi: kpi.nameVi,
          nameEn: kpi.nameEn,
          numerator: kpi.numerator,
          denominator: kpi.denominator,
          rate: round1(kpi.rate),
          target: kpi.target,
          status: kpi.status,
        })),
    },
    feedback,
    satisfaction,
    reports: { period: board.period, counts: board.counts.total },
    previousReports: { period: previous.period, counts: previous.counts.total },
    overdueTasks,
    weakestCommunes,
    latestRound: latest && {
      id: latest.round.id,
      name: latest.round.name,
      year: latest.round.year,
      publishedAt: latest.round.publishedAt,
      units: latest.units.length,
      participating: latest.participating,
      averagePercent: averageOf(
        latest.units.flatMap((entry) => (entry.percent === null ? [] : [entry.percent])),
      ),
      bands: bandsOf(latest.units),
      top: latest.units
        .filter((entry) => entry.rank !== null)
        .slice(0, 3)
        .map((entry) => ({
          unit: { id: entry.unitId, name: entry.name },
          percent: entry.percent,
          rank: entry.rank,
        })),
    },
    remediation,
  };
}

/** The remediation of the round: its weak criteria (kept with the round) against the issued plans' tasks. */
async function remediationOf(ctx: Context, roundId: number, today: string, piece: PieceSource) {
  const weak = await piece('weak', () => weakSummaryOf(ctx, roundId));
  const issued = await piece('remediation', () => issuedRemediationPlans(ctx, roundId));
  return remediationProgress(weak, issued, today);
}

const averageOf = (values: number[]) =>
  values.length === 0 ? null : round2(values.reduce((sum, value) => sum + value, 0) / values.length);

function bandsOf(entries: { band: string | null; participating: boolean }[]) {
  const counts = new Map<string, number>();
  for (const entry of entries)
    if (entry.participating && entry.band) counts.set(entry.band, (counts.get(entry.band) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count }));
}

interface PapiPoint {
  year: number;
  rank: number | null;
  ranked: number;
  total: number | null;
}

/**
 * Every year's computed PAPI results, once per process and database: they are reference data loaded at
 * the first start, which nothing in the product changes (7 years × 63 provinces took most of a cold answer).
 */
const papiMemo = new WeakMap<object, Promise<Map<number, ProvinceResult[]>>>();
function papiByYear(db: DbOrTx): Promise<Map<number, ProvinceResult[]>> {
  let memo = papiMemo.get(db);
  if (!memo) {
    memo = (async () => {
      const byYear = new Map<number, ProvinceResult[]>();
      for (const year of await papiYears(db)) byYear.set(year, await findPapiResults(db, year));
      return byYear;
    })();
    // A failed read is not remembered.
    memo.catch(() => papiMemo.delete(db));
    papiMemo.set(db, memo);
  }
  return memo;
}

/** PAPI of the old provinces that formed this one: the latest year's rank, and every year's. */
async function papiOf(db: DbOrTx, provinceCode: string | null): Promise<LeaderOverview['papi']> {
  const province = provincesSince2025().find((entry) => entry.code === provinceCode);
  if (!province) return null;
  const byYear = await papiByYear(db);
  const years = [...byYear.keys()];
  const latestYear = years.at(-1);
  if (latestYear === undefined) return null;
  const byProvince = new Map(
    province.predecessors.map((old) => [
      old.code,
      { ...old, trend: [] as PapiPoint[], group: null as number | null },
    ]),
  );
  for (const [year, results] of byYear) {
    const ranked = results.filter((entry) => entry.rank !== null).length;
    for (const entry of results) {
      const old = byProvince.get(entry.unitCode);
      if (!old) continue;
      old.trend.push({ year, rank: entry.rank, ranked, total: round2(entry.total) });
      if (year === latestYear) old.group = entry.group;
    }
  }
  return {
    year: latestYear,
    provinces: [...byProvince.values()].map((old) => {
      const last = old.trend.find((point) => point.year === latestYear);
      return {
        code: old.code,
        name: old.name,
        rank: last?.rank ?? null,
        ranked: last?.ranked ?? 0,
        total: last?.total ?? null,
        group: old.group,
        trend: old.trend,
      };
    }),
  };
}

/**
 * Overdue tasks in the user's scope, by the unit answering for them (taskResponsibility). Counted in
 * the database: a task given to "Tất cả xã, phường" of a province of 3,321 communes is 3,321 (task,
 * unit) pairs, and only the overdue tasks are resolved at all.
 */
async function overdueByUnit(ctx: Context, today: string): Promise<LeaderOverview['overdueTasks']> {
  const inScope = scopeCondition(unitScope(ctx.user.grants, 'plans.read', units.path));
  const overdue = sql`select plan_items.id from plan_items where ${overdueCondition(today)}`;
  const result = await ctx.db.execute(sql`with r as (
      select item_id, unit_id from (${taskResponsibility(today, { units: inScope, items: overdue })}) t
    )
    select u.id as unit_id, u.name, u.type, c.n, (select count(*) from (select distinct item_id from r) i)::int as total
    from (select unit_id, count(*)::int as n from r group by unit_id) c join units u on u.id = c.unit_id`);
  const rows = result.rows as Record<string, unknown>[];
  return {
    total: Number(rows[0]?.total ?? 0),
    byUnit: rows
      .map((row) => ({
        unit: { id: Number(row.unit_id), name: String(row.name), type: String(row.type) },
        count: Number(row.n),
      }))
      .sort((a, b) => b.count - a.count || a.unit.name.localeCompare(b.unit.name, 'vi')),
  };
}

/** The year's petitions through the figures the feedback page shows, with the most overdue units. */
async function feedbackOf(ctx: Context, unitId: number): Promise<LeaderOverview['feedback']> {
  const figures = await feedbackFigures(ctx, { unitId });
  return {
    year: Number(figures.from.slice(0, 4)),
    received: figures.onTime.denominator,
    onTime: figures.onTime,
    resolved: figures.resolved,
    satisfied: figures.satisfied,
    medianDaysToAnswer: figures.medianDaysToAnswer,
    overdue: figures.overdue,
    target: figures.onTimeTarget,
    status: figures.onTimeStatus,
    mostOverdue: figures.units
      .filter((row) => row.overdue > 0)
      .slice(0, MOST_OVERDUE_UNITS)
      .map((row) => ({
        unit: { id: row.unit.id, name: row.unit.name },
        overdue: row.overdue,
        onTime: row.onTime,
      })),
  };
}

/** The latest round the user may read whose results are published. */
async function latestPublishedRound(ctx: Context) {
  const published = (await listRounds(ctx)).find((round) => round.stage === 'published');
  return published ? getResults(ctx, published.id) : null;
}

/** The quarter before the given one ("2026Q1" → "2025Q4"). */
function quarterBefore(year: number, index: number): string {
  return index > 1 ? `${year}Q${index - 1}` : `${year - 1}Q4`;
}

/** The quarter's satisfaction with the questionnaire in use this year, through the results page's service. */
async function satisfactionOf(
  ctx: Context,
  unitId: number,
  today: string,
): Promise<LeaderOverview['satisfaction']> {
  const survey = await publishedSurveyOf(ctx.db, 'SIPAS', Number(today.slice(0, 4)));
  if (!survey) return null;
  const view = await surveyResultsOf(ctx, survey.id, { unitId });
  const index = view.index.unweighted;
  if (index.respondents === 0) return null;
  const weakest = [...view.elements]
    .filter((element) => element.unweighted.rate !== null)
    .sort((a, b) => (a.unweighted.rate ?? 0) - (b.unweighted.rate ?? 0))[0];
  return {
    surveyId: survey.id,
    period: view.period,
    previousPeriod: view.previousPeriod,
    respondents: index.respondents,
    rate: index.rate,
    low: index.low,
    high: index.high,
    weightedRate: view.index.weighted?.rate ?? null,
    enough: index.enough,
    change: view.change.index && {
      difference: view.change.index.difference,
      significant: view.change.index.significant,
    },
    weakestElement: weakest
      ? { nameVi: weakest.nameVi, nameEn: weakest.nameEn, rate: weakest.unweighted.rate }
      : null,
  };
}
