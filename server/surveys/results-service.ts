import { and, asc, eq, gte, inArray, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm';
import { fieldError, msg } from '../../core/errors.ts';
import type { Period } from '../../core/periods/periods.ts';
import { changeBetween, type SurveyResponseRow, weakestQuestions } from '../../core/surveys/results.ts';
import type { SurveyAnswers, SurveyDefinition } from '../../core/surveys/survey.ts';
import { periodSpan, previousPeriod, quartersOf, surveyPeriod } from '../../core/surveys/survey-periods.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { dossierRollups, surveyResponses, surveys, units } from '../db/schema/index.ts';
import { breadcrumbsOf } from '../indicators/dashboard-service.ts';
import { assertReadsIndicators, currentPaths, type UnitRef } from '../indicators/indicator-access.ts';
import { computeAreaFigures } from './area-figures.ts';
import type { SurveyContext } from './survey-access.ts';
import { getSurvey } from './survey-service.ts';

/** The unit (default: the top of the user's scope) and period (default: this quarter) asked about. */
export interface SurveyArea {
  unitId?: number | undefined;
  period?: string | undefined;
  /** The period to compare with (default: the one just before). */
  compare?: string | undefined;
}

/** This quarter by the app's clock. */
export function defaultPeriod(ctx: SurveyContext): string {
  const today = todayOf(ctx);
  return `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
}

export function surveyPeriodOf(code: string): Period {
  const period = surveyPeriod(code);
  if (!period)
    throw fieldError(
      'period',
      msg(
        'Kỳ không hợp lệ: một quý, sáu tháng hoặc năm (ví dụ 2026Q3, 2026S2, 2026).',
        'Invalid period: a quarter, half or year (e.g. 2026Q3, 2026S2, 2026).',
      ),
    );
  return period;
}

/** The unit asked for (or the top of the user's scope), readable with surveys.read. */
export const surveyUnitOf = (ctx: SurveyContext, unitId: number | undefined): Promise<UnitRef> =>
  assertReadsIndicators(ctx, unitId, 'surveys.read');

export interface LoadedResponse extends SurveyResponseRow {
  id: number;
  /** The unit the response was given about (closed units included). */
  givenUnitId: number;
  /** Path of the unit carrying its figures today. */
  path: string;
  source: string;
  excludedReason: string | null;
  answeredAt: Date;
  procedureCode: string | null;
  dossierChannel: string | null;
}

/**
 * The submitted responses to any revision of the survey's code in the period whose unit — or, for a
 * unit closed since, the unit carrying its figures today — lies in the subtree. `unitId` of each row is
 * that current unit: a 2024 commune merged in 2025 counts under the 2025 commune.
 */
export async function loadResponses(
  db: Db,
  code: string,
  unit: UnitRef,
  period: Period,
): Promise<LoadedResponse[]> {
  const { from, to } = periodSpan(period);
  const rows = await db
    .select({
      id: surveyResponses.id,
      unitId: surveyResponses.unitId,
      answers: surveyResponses.answers,
      source: surveyResponses.source,
      excludedReason: surveyResponses.excludedReason,
      answeredAt: surveyResponses.answeredAt,
      procedureCode: surveyResponses.procedureCode,
      dossierChannel: surveyResponses.dossierChannel,
    })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .innerJoin(units, eq(units.id, surveyResponses.unitId))
    .where(
      and(
        eq(surveys.code, code),
        eq(surveyResponses.status, 'submitted'),
        gte(surveyResponses.answeredAt, from),
        lt(surveyResponses.answeredAt, to),
        or(like(units.path, `${unit.path}%`), isNotNull(units.validTo)),
      ),
    )
    .orderBy(asc(surveyResponses.id));
  const paths = await currentPaths(db, [...new Set(rows.map((row) => row.unitId))]);
  return rows.flatMap((row) => {
    const path = paths.get(row.unitId);
    if (!path?.startsWith(unit.path)) return [];
    return [
      {
        ...row,
        answers: row.answers as SurveyAnswers,
        givenUnitId: row.unitId,
        unitId: pathIds(path).at(-1) ?? row.unitId,
        path,
      },
    ];
  });
}

/**
 * Dossiers received in the period per unit of the subtree today (closed units' counted under their
 * successor), with each unit's path so that any part of the subtree can take its own.
 */
export async function dossiersIn(
  db: Db,
  unit: UnitRef,
  period: Period,
): Promise<Map<number, { received: number; path: string }>> {
  const rows = await db
    .select({ unitId: dossierRollups.unitId, received: sql<number>`sum(${dossierRollups.received})::int` })
    .from(dossierRollups)
    .innerJoin(units, eq(units.id, dossierRollups.unitId))
    .where(
      and(
        inArray(dossierRollups.periodCode, quartersOf(period)),
        or(like(units.path, `${unit.path}%`), isNotNull(units.validTo)),
      ),
    )
    .groupBy(dossierRollups.unitId);
  const paths = await currentPaths(
    db,
    rows.map((row) => row.unitId),
  );
  const result = new Map<number, { received: number; path: string }>();
  for (const row of rows) {
    const path = paths.get(row.unitId);
    if (!path?.startsWith(unit.path)) continue;
    const current = pathIds(path).at(-1) ?? row.unitId;
    result.set(current, { received: (result.get(current)?.received ?? 0) + Number(row.received), path });
  }
  return result;
}

const named = <T extends { code: string }>(definition: SurveyDefinition, items: T[]) =>
  items.map((item) => {
    const element = definition.elements.find((e) => e.code === item.code);
    return {
      ...item,
      nameVi: element?.nameVi ?? item.code,
      nameEn: element?.nameEn ?? element?.nameVi ?? item.code,
    };
  });

/**
 * A unit's results for a period: the index, sub-indices, elements and questions, weighted and not,
 * with intervals; the units below it ranked (those with too small a sample shown, not ranked); the
 * weakest questions; the change from the period before (or another to compare with), called significant only when the interval of
 * the difference leaves out zero; and what was held out and why.
 */
export async function surveyResultsOf(ctx: SurveyContext, surveyId: number, query: SurveyArea) {
  const survey = await getSurvey(ctx.db, surveyId);
  const unit = await surveyUnitOf(ctx, query.unitId);
  const period = surveyPeriodOf(query.period ?? defaultPeriod(ctx));
  const before = query.compare ? surveyPeriodOf(query.compare) : previousPeriod(period);
  const { definition } = survey;
  const [responses, previous, dossiers, children, breadcrumbs] = await Promise.all([
    loadResponses(ctx.db, survey.code, unit, period),
    loadResponses(ctx.db, survey.code, unit, before),
    dossiersIn(ctx.db, unit, period),
    ctx.db
      .select({ id: units.id, name: units.name, path: units.path })
      .from(units)
      .where(and(eq(units.parentId, unit.id), isNull(units.validTo))),
    breadcrumbsOf(ctx, unit, 'surveys.read'),
  ]);
  const included = responses.filter((row) => row.excludedReason === null);
  const {
    results,
    earlier,
    units: rows,
  } = await computeAreaFigures({
    definition,
    unit: { id: unit.id, name: unit.name, path: unit.path },
    children,
    included: included.map(({ unitId, answers, path }) => ({ unitId, answers, path })),
    previous: previous
      .filter((row) => row.excludedReason === null)
      .map(({ unitId, answers }) => ({ unitId, answers })),
    dossiers: [...dossiers],
  });
  const count = (predicate: (row: LoadedResponse) => boolean) => responses.filter(predicate).length;
  const byReason = new Map<string, number>();
  for (const row of responses)
    if (row.excludedReason) byReason.set(row.excludedReason, (byReason.get(row.excludedReason) ?? 0) + 1);
  const comments = new Map<string, number>();
  for (const row of included)
    for (const question of definition.questions)
      if (question.kind === 'text' && typeof row.answers[question.code] === 'string') {
        const key = question.element ?? '';
        comments.set(key, (comments.get(key) ?? 0) + 1);
      }
  const questionText = new Map(
    definition.questions.map((q) => [
      q.code,
      { textVi: q.textVi, textEn: q.textEn ?? q.textVi, unconfirmed: q.unconfirmed ?? false },
    ]),
  );
  const withText = <T extends { code: string }>(items: T[]) =>
    items.map((item) => ({ ...item, ...questionText.get(item.code) }));
  return {
    survey: {
      id: survey.id,
      code: survey.code,
      revision: survey.revision,
      nameVi: survey.nameVi,
      nameEn: survey.nameEn,
      status: survey.status,
    },
    unit: { id: unit.id, name: unit.name, type: unit.type },
    breadcrumbs,
    period: period.code,
    previousPeriod: before.code,
    method: { index: definition.indexMethod, minRespondents: definition.minRespondents },
    responses: {
      counted: included.length,
      excluded: responses.length - included.length,
      bySource: {
        web: count((r) => r.source === 'web'),
        kiosk: count((r) => r.source === 'kiosk'),
        paper: count((r) => r.source === 'paper'),
        import: count((r) => r.source === 'import'),
      },
      excludedByReason: [...byReason].map(([reason, n]) => ({ reason, count: n })),
    },
    index: results.index,
    subIndices: results.subIndices,
    elements: named(definition, results.elements),
    questions: withText(results.questions),
    weakest: withText(weakestQuestions(results)),
    units: rows,
    change: {
      index: changeBetween(earlier.index.unweighted, results.index.unweighted),
      elements: results.elements.map((element) => ({
        code: element.code,
        change: (() => {
          const then = earlier.elements.find((e) => e.code === element.code);
          return then ? changeBetween(then.unweighted, element.unweighted) : null;
        })(),
      })),
      previousRespondents: earlier.index.unweighted.respondents,
    },
    comments: [...comments].map(([element, n]) => ({ element: element || null, count: n })),
  };
}

export type SurveyResultsView = Awaited<ReturnType<typeof surveyResultsOf>>;
