import type { RatioValue } from './rollup.ts';

/** The counters kept per unit × procedure field × quarter in `dossier_rollups`. */
export const DOSSIER_COUNTERS = [
  'received',
  'receivedOnline',
  'receivedOnlineFull',
  'receivedDigitised',
  'finished',
  'finishedOnTime',
  'finishedEarly',
  'finishedLate',
  'lateApologised',
] as const;
export type DossierCounter = (typeof DOSSIER_COUNTERS)[number];
export type DossierCounters = Record<DossierCounter, number>;

export function emptyCounters(): DossierCounters {
  return Object.fromEntries(DOSSIER_COUNTERS.map((name) => [name, 0])) as DossierCounters;
}

/** Counters add up across fields, units and merged predecessors; rates are derived only at the end. */
export function addCounters(into: DossierCounters, more: Readonly<DossierCounters>): DossierCounters {
  for (const name of DOSSIER_COUNTERS) into[name] += more[name];
  return into;
}

/**
 * Each dossier indicator as roll-up counters: a ratio's numerator over its denominator, a count's one
 * counter. The one place that says what "on time" or "online" means in terms of the roll-ups.
 */
export const DOSSIER_FORMULAS = {
  DOSSIER_ON_TIME: { numerator: 'finishedOnTime', denominator: 'finished' },
  DOSSIER_EARLY: { numerator: 'finishedEarly', denominator: 'finished' },
  DOSSIER_LATE_RATE: { numerator: 'finishedLate', denominator: 'finished' },
  DOSSIER_ONLINE_FULL: { numerator: 'receivedOnlineFull', denominator: 'received' },
  DOSSIER_ONLINE: { numerator: 'receivedOnline', denominator: 'received' },
  DOSSIER_DIGITISED: { numerator: 'receivedDigitised', denominator: 'received' },
  DOSSIER_LATE_APOLOGY: { numerator: 'lateApologised', denominator: 'finishedLate' },
  DOSSIER_RECEIVED: { numerator: 'received', denominator: null },
  DOSSIER_FINISHED: { numerator: 'finished', denominator: null },
  DOSSIER_LATE: { numerator: 'finishedLate', denominator: null },
} as const satisfies Record<string, { numerator: DossierCounter; denominator: DossierCounter | null }>;

export type DossierIndicatorCode = keyof typeof DOSSIER_FORMULAS;
export const DOSSIER_INDICATOR_CODES = Object.keys(DOSSIER_FORMULAS) as DossierIndicatorCode[];

export function isDossierIndicator(code: string): code is DossierIndicatorCode {
  return Object.hasOwn(DOSSIER_FORMULAS, code);
}

export interface IndicatorFigure {
  numerator: number;
  denominator: number | null;
  /** A ratio in % (null when its denominator is 0); a count is its own figure. */
  rate: number | null;
}

export function dossierFigure(
  code: DossierIndicatorCode,
  counters: Readonly<DossierCounters>,
): IndicatorFigure {
  const formula: { numerator: DossierCounter; denominator: DossierCounter | null } = DOSSIER_FORMULAS[code];
  const numerator = counters[formula.numerator];
  if (formula.denominator === null) return { numerator, denominator: null, rate: numerator };
  const denominator = counters[formula.denominator];
  return { numerator, denominator, rate: denominator === 0 ? null : (numerator / denominator) * 100 };
}

export function asRatio(figure: IndicatorFigure): RatioValue {
  return { numerator: figure.numerator, denominator: figure.denominator ?? 0 };
}

export interface DossierTimes {
  dueAt: Date | null;
  finishedAt: Date | null;
}

/** Finished after its due time, or still open past it (as of `asOf`). */
export function isLate(dossier: DossierTimes, asOf: Date): boolean {
  if (!dossier.dueAt) return false;
  if (dossier.finishedAt) return dossier.finishedAt > dossier.dueAt;
  return asOf > dossier.dueAt;
}

/** Whole days past due, a started day counting as one (0 when not late). */
export function daysLate(dossier: DossierTimes, asOf: Date): number {
  if (!isLate(dossier, asOf) || !dossier.dueAt) return 0;
  const end = dossier.finishedAt ?? asOf;
  return Math.ceil((end.getTime() - dossier.dueAt.getTime()) / 86_400_000);
}
