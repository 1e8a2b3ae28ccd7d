import { eq, inArray } from 'drizzle-orm';
import { clusters, unweighted } from '../../core/surveys/results.ts';
import { surveyPeriod } from '../../core/surveys/survey-periods.ts';
import type { Db } from '../db/engine.ts';
import { surveys, units } from '../db/schema/index.ts';
import type { UnitRef } from '../indicators/indicator-access.ts';
import { loadResponses } from './results-service.ts';

/** The whole installation, for reads that serve every unit at once. */
const EVERYTHING = { id: 0, name: '', type: 'province', path: '/', validTo: null } satisfies UnitRef;

/** A survey indicator's figure as sums: satisfied answers over scored answers, and who gave them. */
export interface SurveySums {
  numerator: number;
  denominator: number;
  respondents: number;
}

/** One unit's own figures (responses about it, or about units it carries today) per indicator code. */
export interface UnitSurveyFigures {
  unitId: number;
  path: string;
  type: string | null;
  figures: Map<string, SurveySums>;
}

/**
 * The figures the published questionnaires give the indicator catalogue (a questionnaire names its
 * indicator, e.g. SATISFACTION_SERVICE) for a quarter, half or year, per unit carrying them today.
 * One read serves a whole consolidated report; a unit's report form reads only its subtree (`area`).
 * A month, or a period no survey covers, gives nothing.
 */
export async function surveyFiguresByUnit(
  db: Db,
  periodCode: string,
  area: UnitRef = EVERYTHING,
): Promise<UnitSurveyFigures[]> {
  const period = surveyPeriod(periodCode);
  if (!period) return [];
  const rows = await db
    .select({ code: surveys.code, definition: surveys.definition, revision: surveys.revision })
    .from(surveys)
    .where(eq(surveys.status, 'published'));
  // The newest published revision of each code speaks for the code.
  const byCode = new Map<string, (typeof rows)[number]>();
  for (const row of rows)
    if (row.definition.indicatorCode && (byCode.get(row.code)?.revision ?? 0) < row.revision)
      byCode.set(row.code, row);
  const perUnit = new Map<number, UnitSurveyFigures>();
  for (const { code, definition } of byCode.values()) {
    const responses = (await loadResponses(db, code, area, period)).filter(
      (row) => row.excludedReason === null,
    );
    // Each response already carries the path of the unit carrying it today.
    const pathOf = new Map(responses.map((row) => [row.unitId, row.path]));
    const indicator = definition.indicatorCode as string;
    for (const item of clusters(definition, responses, () => true)) {
      const entry = perUnit.get(item.unitId) ?? {
        unitId: item.unitId,
        path: pathOf.get(item.unitId) ?? '',
        type: null,
        figures: new Map(),
      };
      const sums = entry.figures.get(indicator) ?? { numerator: 0, denominator: 0, respondents: 0 };
      sums.numerator += item.y;
      sums.denominator += item.x;
      sums.respondents += 1;
      entry.figures.set(indicator, sums);
      perUnit.set(item.unitId, entry);
    }
  }
  if (perUnit.size === 0) return [];
  // Only the types are missing (a target may name a level): read for these units alone.
  const types = await db
    .select({ id: units.id, type: units.type })
    .from(units)
    .where(inArray(units.id, [...perUnit.keys()]));
  const typeOf = new Map(types.map((row) => [row.id, row.type]));
  return [...perUnit.values()].map((entry) => ({ ...entry, type: typeOf.get(entry.unitId) ?? null }));
}

/** The subtree's figure for an indicator (optionally only units of some types), as sums and a rate. */
export function subtreeSurveyFigure(
  list: readonly UnitSurveyFigures[],
  code: string,
  path: string,
  unitTypes: string[] | null = null,
): (SurveySums & { rate: number | null }) | null {
  const total: SurveySums = { numerator: 0, denominator: 0, respondents: 0 };
  for (const unit of list) {
    if (!unit.path.startsWith(path)) continue;
    if (unitTypes && !(unit.type && unitTypes.includes(unit.type))) continue;
    const sums = unit.figures.get(code);
    if (!sums) continue;
    total.numerator += sums.numerator;
    total.denominator += sums.denominator;
    total.respondents += sums.respondents;
  }
  if (total.denominator === 0) return null;
  return {
    ...total,
    numerator: Math.round(total.numerator * 100) / 100,
    rate: Math.round((total.numerator / total.denominator) * 10_000) / 100,
  };
}

/** What a questionnaire measured for one criterion of its framework (a SIPAS element for SIPAS.1…). */
export interface CriterionSurveyFigure {
  surveyId: number;
  rate: number | null;
  respondents: number;
  enough: boolean;
}

/**
 * The figures the published questionnaires of a framework (`frameworkCode`) give its survey-derived
 * criteria for a unit's subtree in a year: each element names the criterion it measures.
 */
export async function criterionSurveyFigures(
  db: Db,
  frameworkCode: string,
  unit: UnitRef,
  year: number,
): Promise<Map<string, CriterionSurveyFigure>> {
  const result = new Map<string, CriterionSurveyFigure>();
  const period = surveyPeriod(String(year));
  if (!period) return result;
  const rows = await db
    .select({
      id: surveys.id,
      code: surveys.code,
      definition: surveys.definition,
      revision: surveys.revision,
    })
    .from(surveys)
    .where(eq(surveys.status, 'published'));
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows)
    if (
      row.definition.frameworkCode === frameworkCode &&
      (newest.get(row.code)?.revision ?? 0) < row.revision
    )
      newest.set(row.code, row);
  for (const survey of newest.values()) {
    const { definition } = survey;
    const measured = definition.elements.filter((element) => element.criterion);
    if (measured.length === 0) continue;
    const responses = (await loadResponses(db, survey.code, unit, period)).filter(
      (row) => row.excludedReason === null,
    );
    for (const element of measured) {
      const figure = unweighted(
        clusters(definition, responses, (question) => question.element === element.code),
        definition.minRespondents,
      );
      if (figure.denominator > 0)
        result.set(element.criterion as string, {
          surveyId: survey.id,
          rate: figure.rate,
          respondents: figure.respondents,
          enough: figure.enough,
        });
    }
  }
  return result;
}
