/**
 * A survey's arithmetic: shares satisfied as numerator over denominator (summed, never averaged
 * percentages), the index the questionnaire defines, 95 % confidence intervals with the sample behind
 * them, weighting by each unit's share of the period's dossiers, and whether a change is real.
 *
 * Every figure is a ratio r = Σy / Σx over respondents i: x_i the respondent's scored answers in the
 * selection, y_i the satisfied ones (index "share") or their rescaled scores (index "mean"). Its
 * variance treats each respondent as a cluster of answers (the linearised ratio estimator), so forty
 * answers from one person do not count as forty people. A single yes/no per respondent reduces to the
 * binomial case, whose interval is Wilson's.
 *
 * Weighting post-stratifies by unit: each response of unit u weighs D_u / n_u (the unit's dossiers per
 * response), so r_w = Σ_u D_u ȳ_u / Σ_u D_u x̄_u. It lies within the units' own figures, equals the
 * unweighted figure when every unit has as many dossiers per response, and a unit with no dossiers in
 * the period weighs nothing (it is named, not hidden).
 */
import {
  isScored,
  optionsOf,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyQuestion,
  satisfiedValues,
} from './survey.ts';

export const Z95 = 1.959963984540054;

export interface SurveyResponseRow {
  unitId: number;
  answers: SurveyAnswers;
}

/** One figure: the ratio, its sample and its interval, in percent. */
export interface Figure {
  /** Σy: satisfied answers (or summed rescaled scores). */
  numerator: number;
  /** Σx: scored answers. */
  denominator: number;
  respondents: number;
  /** 0–100, null without answers. */
  rate: number | null;
  /** Standard error of the rate, in percentage points. */
  se: number | null;
  low: number | null;
  high: number | null;
  /** Whether the sample reaches the questionnaire's minimum: below it the figure is shown, never ranked. */
  enough: boolean;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Wilson's score interval for k successes in n trials, as fractions. */
export function wilson(k: number, n: number, z = Z95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** What one answer adds to y: 1 if satisfied ("share"), or its place on the scale from 0 to 1 ("mean"). */
export function answerScore(definition: SurveyDefinition, question: SurveyQuestion, value: number): number {
  if (definition.indexMethod === 'share') return satisfiedValues(question).includes(value) ? 1 : 0;
  const values = optionsOf(question).map((option) => option.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return max === min ? 0 : (value - min) / (max - min);
}

/**
 * The same as `clusters`, for many selections of one set of responses: every answer is scored once,
 * then each selection only sums (a province's year is tens of thousands of responses).
 */
export function scoredClusters(
  definition: SurveyDefinition,
  responses: readonly SurveyResponseRow[],
): (select: (question: SurveyQuestion) => boolean) => Cluster[] {
  const questions = definition.questions.filter(isScored);
  // Each option's score, worked out once per question.
  const tables = questions.map(
    (question) =>
      new Map(
        optionsOf(question).map((option) => [option.value, answerScore(definition, question, option.value)]),
      ),
  );
  const scores = responses.map((response) =>
    questions.map((question, index) => {
      const value = response.answers[question.code];
      return typeof value === 'number' ? (tables[index]?.get(value) ?? Number.NaN) : Number.NaN;
    }),
  );
  return (select) => {
    const picked = questions.flatMap((question, index) => (select(question) ? [index] : []));
    const result: Cluster[] = [];
    responses.forEach((response, row) => {
      const own = scores[row] as number[];
      let x = 0;
      let y = 0;
      for (const index of picked) {
        const score = own[index] as number;
        if (Number.isNaN(score)) continue;
        x += 1;
        y += score;
      }
      if (x > 0) result.push({ unitId: response.unitId, x, y });
    });
    return result;
  };
}

interface Cluster {
  unitId: number;
  x: number;
  y: number;
}

/** Each respondent's x and y over the selected scored questions (respondents with no such answer left out). */
export function clusters(
  definition: SurveyDefinition,
  responses: readonly SurveyResponseRow[],
  select: (question: SurveyQuestion) => boolean,
): Cluster[] {
  const questions = definition.questions.filter((question) => isScored(question) && select(question));
  const result: Cluster[] = [];
  for (const response of responses) {
    let x = 0;
    let y = 0;
    for (const question of questions) {
      const value = response.answers[question.code];
      if (typeof value !== 'number') continue;
      x += 1;
      y += answerScore(definition, question, value);
    }
    if (x > 0) result.push({ unitId: response.unitId, x, y });
  }
  return result;
}

function figure(
  numerator: number,
  denominator: number,
  respondents: number,
  variance: number | null,
  minimum: number,
  binomial = false,
): Figure {
  if (denominator === 0)
    return {
      numerator,
      denominator,
      respondents,
      rate: null,
      se: null,
      low: null,
      high: null,
      enough: false,
    };
  const rate = numerator / denominator;
  const se = variance === null ? null : Math.sqrt(Math.max(0, variance));
  // One 0/1 answer per respondent is the binomial case: Wilson's interval, which behaves near 0 and 1.
  const bounds = binomial
    ? wilson(numerator, denominator)
    : se === null
      ? null
      : { low: Math.max(0, rate - Z95 * se), high: Math.min(1, rate + Z95 * se) };
  return {
    numerator: round(numerator, 4),
    denominator,
    respondents,
    rate: round(rate * 100),
    se: se === null ? null : round(se * 100, 3),
    low: bounds === null ? null : round(bounds.low * 100),
    high: bounds === null ? null : round(bounds.high * 100),
    enough: respondents >= minimum,
  };
}

/** The unweighted figure over respondents: the pooled ratio and its cluster variance. */
export function unweighted(items: readonly Cluster[], minimum: number): Figure {
  const n = items.length;
  const X = items.reduce((sum, item) => sum + item.x, 0);
  const Y = items.reduce((sum, item) => sum + item.y, 0);
  if (X === 0) return figure(0, 0, 0, null, minimum);
  const r = Y / X;
  const residuals = items.reduce((sum, item) => sum + (item.y - r * item.x) ** 2, 0);
  const variance = n > 1 ? (n / (n - 1)) * (residuals / (X * X)) : null;
  const binomial = items.every((item) => item.x === 1 && (item.y === 0 || item.y === 1));
  return figure(Y, X, n, variance, minimum, binomial);
}

export interface WeightedFigure extends Figure {
  /** Units with responses but no dossiers in the period: they weigh nothing. */
  unweightedUnits: number[];
  /** Share of the period's dossiers (of units with responses or not) held by units that have responses, 0–100. */
  coverage: number | null;
}

/**
 * The weighted figure: each unit's responses weighed by its dossiers in the period, `dossiers` holding
 * every unit of the area (so coverage can say how much of the area's work the sample speaks for).
 */
export function weighted(
  items: readonly Cluster[],
  dossiers: ReadonlyMap<number, number>,
  minimum: number,
): WeightedFigure {
  const byUnit = new Map<number, Cluster[]>();
  for (const item of items) {
    const members = byUnit.get(item.unitId);
    if (members) members.push(item);
    else byUnit.set(item.unitId, [item]);
  }
  let top = 0;
  let bottom = 0;
  const unweightedUnits: number[] = [];
  const strata: { D: number; n: number; xbar: number; ybar: number; members: Cluster[] }[] = [];
  for (const [unitId, members] of byUnit) {
    const D = dossiers.get(unitId) ?? 0;
    if (D <= 0) {
      unweightedUnits.push(unitId);
      continue;
    }
    const n = members.length;
    const xbar = members.reduce((sum, item) => sum + item.x, 0) / n;
    const ybar = members.reduce((sum, item) => sum + item.y, 0) / n;
    top += D * ybar;
    bottom += D * xbar;
    strata.push({ D, n, xbar, ybar, members });
  }
  const allDossiers = [...dossiers.values()].reduce((sum, value) => sum + Math.max(0, value), 0);
  const covered = strata.reduce((sum, stratum) => sum + stratum.D, 0);
  const coverage = allDossiers === 0 ? null : round((covered / allDossiers) * 100, 1);
  const respondents = strata.reduce((sum, stratum) => sum + stratum.n, 0);
  if (bottom === 0)
    return {
      ...figure(0, 0, respondents, null, minimum),
      unweightedUnits: unweightedUnits.sort((a, b) => a - b),
      coverage,
    };
  const r = top / bottom;
  // Residual variance within each unit; a unit of one respondent borrows the pooled residual variance.
  const residual = (item: Cluster) => item.y - r * item.x;
  const pooled = (() => {
    const all = strata.flatMap((stratum) => stratum.members.map(residual));
    if (all.length < 2) return null;
    const mean = all.reduce((sum, value) => sum + value, 0) / all.length;
    return all.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (all.length - 1);
  })();
  let variance: number | null = 0;
  for (const stratum of strata) {
    const values = stratum.members.map(residual);
    const mean = values.reduce((sum, value) => sum + value, 0) / stratum.n;
    const s2 =
      stratum.n > 1 ? values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (stratum.n - 1) : pooled;
    if (s2 === null) {
      variance = null;
      break;
    }
    variance += (stratum.D ** 2 * s2) / stratum.n;
  }
  if (variance !== null) variance /= bottom * bottom;
  // Reported as a weighted share: numerator and denominator scaled back to the number of answers.
  const answers = strata.reduce(
    (sum, stratum) => sum + stratum.members.reduce((s, item) => s + item.x, 0),
    0,
  );
  return {
    ...figure(r * answers, answers, respondents, variance, minimum),
    unweightedUnits: unweightedUnits.sort((a, b) => a - b),
    coverage,
  };
}

export interface ChangeBetween {
  /** Percentage points, later minus earlier. */
  difference: number;
  /** Only when both samples are large enough and the difference's own interval leaves out zero. */
  significant: boolean;
  low: number;
  high: number;
}

/** Whether the change from `before` to `after` is real: the 95 % interval of the difference excludes 0. */
export function changeBetween(before: Figure, after: Figure): ChangeBetween | null {
  if (before.rate === null || after.rate === null || before.se === null || after.se === null) return null;
  const difference = after.rate - before.rate;
  const se = Math.sqrt(before.se ** 2 + after.se ** 2);
  const low = difference - Z95 * se;
  const high = difference + Z95 * se;
  return {
    difference: round(difference),
    significant: before.enough && after.enough && (low > 0 || high < 0),
    low: round(low),
    high: round(high),
  };
}

export interface FigurePair {
  unweighted: Figure;
  /** Null when no dossier counts were given (a single unit needs none). */
  weighted: WeightedFigure | null;
}

export interface SurveyResults {
  index: FigurePair;
  subIndices: ({ code: string } & FigurePair)[];
  elements: ({ code: string } & FigurePair)[];
  questions: ({
    code: string;
    element: string | null;
    answered: number;
    distribution: Record<string, number>;
  } & FigurePair)[];
}

/**
 * Every figure of a set of responses: the index, the sub-indices, each element and each scored question
 * (with how many chose each answer), unweighted and, given the area's dossier counts, weighted.
 */
export function surveyResults(
  definition: SurveyDefinition,
  responses: readonly SurveyResponseRow[],
  dossiers: ReadonlyMap<number, number> | null,
): SurveyResults {
  const minimum = definition.minRespondents;
  const pair = (select: (question: SurveyQuestion) => boolean): FigurePair => {
    const items = clusters(definition, responses, select);
    return {
      unweighted: unweighted(items, minimum),
      weighted: dossiers ? weighted(items, dossiers, minimum) : null,
    };
  };
  const elementOf = new Map(definition.elements.map((element) => [element.code, element]));
  const subIndexCodes = [
    ...new Set(definition.elements.flatMap((element) => (element.subIndex ? [element.subIndex] : []))),
  ];
  const scoredElements = definition.elements.filter((element) =>
    definition.questions.some((question) => question.element === element.code && isScored(question)),
  );
  return {
    index: pair(() => true),
    subIndices: subIndexCodes.map((code) => ({
      code,
      ...pair((question) => question.element !== null && elementOf.get(question.element)?.subIndex === code),
    })),
    elements: scoredElements.map((element) => ({
      code: element.code,
      ...pair((question) => question.element === element.code),
    })),
    questions: definition.questions
      .filter((question) => question.kind !== 'text')
      .map((question) => {
        const distribution: Record<string, number> = {};
        let answered = 0;
        for (const response of responses) {
          const value = response.answers[question.code];
          if (typeof value !== 'number') continue;
          answered += 1;
          distribution[value] = (distribution[value] ?? 0) + 1;
        }
        const scored = isScored(question);
        const figures = scored
          ? pair((other) => other.code === question.code)
          : { unweighted: figure(0, 0, 0, null, minimum), weighted: null };
        return { code: question.code, element: question.element, answered, distribution, ...figures };
      }),
  };
}

/** The scored questions from least to most satisfied, those with too small a sample left out. */
export function weakestQuestions(results: SurveyResults, count = 5): SurveyResults['questions'] {
  return results.questions
    .filter((question) => question.unweighted.rate !== null && question.unweighted.enough)
    .sort((a, b) => (a.unweighted.rate ?? 0) - (b.unweighted.rate ?? 0) || a.code.localeCompare(b.code))
    .slice(0, count);
}
