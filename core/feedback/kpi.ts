/**
 * The figures a unit is held to, each as numerator over denominator so they roll up like every other
 * indicator. "Closed" is never "resolved": the resolution rate counts only answers whose outcome was
 * resolved. Items that were spam, duplicates or not in the unit's competence are outside every figure.
 * The on-time rate follows the 766 formula: answered by the deadline, or still within it, over all the
 * unit's items (citizen-side reference §1.3).
 */
import type { FeedbackOutcome, FeedbackStatus } from './workflow.ts';

export interface KpiItem {
  status: FeedbackStatus;
  outcome: FeedbackOutcome | null;
  receivedOn: string;
  /** The answer's deadline under the rule in force on receipt. */
  answerDueOn: string;
  /** The (last) answer, if any. */
  answeredOn: string | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface FeedbackKpis {
  /** Answered by the deadline, or not yet due on `asOf`, over the unit's items. */
  onTime: Ratio;
  /** Answered with the outcome "resolved", over the answered ones. */
  resolved: Ratio;
  /** Median calendar days from receipt to answer, over the answered ones (null: none answered). */
  medianDaysToAnswer: number | null;
  /** Items past their deadline without an answer on `asOf`. */
  overdue: number;
}

const OUTSIDE: readonly (FeedbackOutcome | null)[] = ['spam', 'duplicate', 'not_competent'];

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A unit's figures over the items it received in a period, as they stand on `asOf` (ISO date). */
export function feedbackKpis(items: readonly KpiItem[], asOf: string): FeedbackKpis {
  const own = items.filter((item) => !OUTSIDE.includes(item.outcome));
  // A reopened item is not answered until it is answered again.
  const isAnswered = (item: KpiItem) =>
    item.answeredOn !== null && (item.status === 'answered' || item.status === 'closed');
  const answered = own.filter(isAnswered);
  const onTime = own.filter((item) =>
    isAnswered(item) ? (item.answeredOn as string) <= item.answerDueOn : asOf <= item.answerDueOn,
  ).length;
  const spans = answered
    .map((item) => days(item.receivedOn, item.answeredOn as string))
    .sort((a, b) => a - b);
  const middle = Math.floor(spans.length / 2);
  const median =
    spans.length === 0
      ? null
      : spans.length % 2 === 1
        ? (spans[middle] as number)
        : ((spans[middle - 1] as number) + (spans[middle] as number)) / 2;
  return {
    onTime: { numerator: onTime, denominator: own.length },
    resolved: {
      numerator: answered.filter((item) => item.outcome === 'resolved').length,
      denominator: answered.length,
    },
    medianDaysToAnswer: median,
    overdue: own.filter((item) => !isAnswered(item) && item.answerDueOn < asOf).length,
  };
}
