/**
 * The figures a unit is held to, each as numerator over denominator so they roll up like every other
 * indicator. "Closed" is never "resolved": the resolution rate counts only answers whose outcome was
 * resolved. Items that were spam, duplicates or not in the unit's competence are outside every figure.
 * The on-time rate follows the 766 formula: answered by the deadline, or still within it, over all the
 * unit's items (citizen-side reference §1.3).
 *
 * A tally holds counters that add across units and periods, plus the days each answer took (a median
 * does not add: it is taken over the merged days at the end).
 */
import type { IndicatorFigure } from '../indicators/dossier-indicators.ts';
import type { FeedbackOutcome, FeedbackStatus } from './workflow.ts';

export interface KpiItem {
  status: FeedbackStatus;
  outcome: FeedbackOutcome | null;
  receivedOn: string;
  /** The answer's deadline under the rule in force on receipt. */
  answerDueOn: string;
  /** The (last) answer, if any. */
  answeredOn: string | null;
  /** The citizen's rating of the answer, if given. */
  rating?: 'satisfied' | 'not_satisfied' | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export const FEEDBACK_COUNTERS = [
  /** Every petition that arrived, spam, duplicates and others' included. */
  'arrived',
  /** Every petition closed, whatever its outcome (never read as "resolved"). */
  'closed',
  'received',
  'onTime',
  'answered',
  'resolved',
  'rated',
  'satisfied',
  'overdue',
] as const;
export type FeedbackCounter = (typeof FEEDBACK_COUNTERS)[number];

export interface FeedbackTally {
  counters: Record<FeedbackCounter, number>;
  /** Calendar days from receipt to answer, one per answered item. */
  spans: number[];
}

export interface FeedbackKpis {
  /** Answered by the deadline, or not yet due on `asOf`, over the unit's items. */
  onTime: Ratio;
  /** Answered with the outcome "resolved", over the answered ones. */
  resolved: Ratio;
  /** Rated "satisfied" by the citizen, over the rated answers. */
  satisfied: Ratio;
  /** Median calendar days from receipt to answer, over the answered ones (null: none answered). */
  medianDaysToAnswer: number | null;
  /** Items past their deadline without an answer on `asOf`. */
  overdue: number;
}

const OUTSIDE: readonly (FeedbackOutcome | null)[] = ['spam', 'duplicate', 'not_competent'];

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function emptyTally(): FeedbackTally {
  return {
    counters: Object.fromEntries(FEEDBACK_COUNTERS.map((name) => [name, 0])) as FeedbackTally['counters'],
    spans: [],
  };
}

/** Counters add; the days of every answer are kept for the median. */
export function addTally(into: FeedbackTally, more: Readonly<FeedbackTally>): FeedbackTally {
  for (const name of FEEDBACK_COUNTERS) into.counters[name] += more.counters[name];
  into.spans.push(...more.spans);
  return into;
}

/** The tally of a unit's items as they stand on `asOf` (ISO date). */
export function tallyFeedback(items: readonly KpiItem[], asOf: string): FeedbackTally {
  const tally = emptyTally();
  const { counters } = tally;
  for (const item of items) {
    counters.arrived += 1;
    if (item.status === 'closed') counters.closed += 1;
    if (OUTSIDE.includes(item.outcome)) continue;
    counters.received += 1;
    // A reopened item is not answered until it is answered again.
    const answered = item.answeredOn !== null && (item.status === 'answered' || item.status === 'closed');
    if (answered) {
      const answeredOn = item.answeredOn as string;
      counters.answered += 1;
      if (answeredOn <= item.answerDueOn) counters.onTime += 1;
      if (item.outcome === 'resolved') counters.resolved += 1;
      if (item.rating) counters.rated += 1;
      if (item.rating === 'satisfied') counters.satisfied += 1;
      tally.spans.push(days(item.receivedOn, answeredOn));
    } else if (asOf <= item.answerDueOn) counters.onTime += 1;
    else counters.overdue += 1;
  }
  return tally;
}

export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function kpisOfTally(tally: Readonly<FeedbackTally>): FeedbackKpis {
  const { counters } = tally;
  return {
    onTime: { numerator: counters.onTime, denominator: counters.received },
    resolved: { numerator: counters.resolved, denominator: counters.answered },
    satisfied: { numerator: counters.satisfied, denominator: counters.rated },
    medianDaysToAnswer: medianOf(tally.spans),
    overdue: counters.overdue,
  };
}

/** A unit's figures over the items it received in a period, as they stand on `asOf` (ISO date). */
export function feedbackKpis(items: readonly KpiItem[], asOf: string): FeedbackKpis {
  return kpisOfTally(tallyFeedback(items, asOf));
}

/**
 * The feedback indicators of the catalogue (source "feedback") as tally formulas: the one place that
 * says what each means. A ratio is a counter over a counter; the median is a value.
 */
export const FEEDBACK_FORMULAS = {
  FEEDBACK_RECEIVED: { numerator: 'received', denominator: null },
  FEEDBACK_ON_TIME: { numerator: 'onTime', denominator: 'received' },
  FEEDBACK_RESOLVED: { numerator: 'resolved', denominator: 'answered' },
  FEEDBACK_SATISFIED: { numerator: 'satisfied', denominator: 'rated' },
  FEEDBACK_OVERDUE: { numerator: 'overdue', denominator: null },
  FEEDBACK_MEDIAN_DAYS: 'median',
} as const satisfies Record<
  string,
  { numerator: FeedbackCounter; denominator: FeedbackCounter | null } | 'median'
>;

export type FeedbackIndicatorCode = keyof typeof FEEDBACK_FORMULAS;
export const FEEDBACK_INDICATOR_CODES = Object.keys(FEEDBACK_FORMULAS) as FeedbackIndicatorCode[];

export function isFeedbackIndicator(code: string): code is FeedbackIndicatorCode {
  return Object.hasOwn(FEEDBACK_FORMULAS, code);
}

export function feedbackFigure(code: FeedbackIndicatorCode, tally: Readonly<FeedbackTally>): IndicatorFigure {
  const formula: (typeof FEEDBACK_FORMULAS)[FeedbackIndicatorCode] = FEEDBACK_FORMULAS[code];
  if (formula === 'median') {
    const median = medianOf(tally.spans);
    return { numerator: median ?? 0, denominator: null, rate: median };
  }
  const numerator = tally.counters[formula.numerator];
  if (formula.denominator === null) return { numerator, denominator: null, rate: numerator };
  const denominator = tally.counters[formula.denominator];
  return { numerator, denominator, rate: denominator === 0 ? null : (numerator / denominator) * 100 };
}

/**
 * The 766 indicators a unit enters by hand that the feedback data can fill in: the on-time rate
 * (766 §5.1) and the satisfaction with feedback handling (766 §5.2).
 */
export const FILLED_FROM_FEEDBACK: Readonly<Record<string, FeedbackIndicatorCode>> = {
  'SERVICE_766.5.1': 'FEEDBACK_ON_TIME',
  'SERVICE_766.5.2': 'FEEDBACK_SATISFIED',
};
