import { and, gte, lte } from 'drizzle-orm';
import {
  addTallies,
  type ComplianceTally,
  emptyTally,
  onTimeRatio,
} from '../../core/disclosures/compliance.ts';
import { ratePercent } from '../../core/indicators/rollup.ts';
import { addDays } from '../../core/text/dates.ts';
import type { Db } from '../db/engine.ts';
import { disclosureObligations } from '../db/schema/index.ts';
import { currentPaths } from '../indicators/indicator-access.ts';
import { judgeWhere } from './disclosure-judge.ts';

/** The indicator the register fills (reference/indicators/catalogue.json, source "disclosures"). */
export const DISCLOSURE_ON_TIME = 'DISCLOSURE_ON_TIME';

export interface UnitDisclosureTally {
  unitId: number;
  /** The path of the unit carrying the figures today (a merged commune's under its successor). */
  path: string;
  type: string;
  tally: ComplianceTally;
}

/**
 * The obligations due in a date range (a reporting period's window), judged on `asOf`, tallied per
 * unit carrying them today: one read serves a report form, the consolidated report or a board. The
 * longest deadline in the catalogue is well under a year, so decisions from 400 days before the range
 * are enough to find every obligation due in it.
 */
export async function disclosureTallies(
  db: Db,
  range: { from: string; to: string },
  asOf: string,
): Promise<UnitDisclosureTally[]> {
  const judged = await judgeWhere(
    db,
    and(
      gte(disclosureObligations.decisionDate, addDays(range.from, -400)),
      lte(disclosureObligations.decisionDate, range.to),
    ),
    asOf,
    { withNotes: false },
  );
  const due = judged.filter(
    (entry) => entry.result?.due && entry.result.due >= range.from && entry.result.due <= range.to,
  );
  if (due.length === 0) return [];
  const paths = await currentPaths(db, [...new Set(due.map((entry) => entry.unit.id))]);
  const byPath = new Map<string, UnitDisclosureTally>();
  for (const entry of due) {
    const path = paths.get(entry.unit.id) ?? entry.unit.path;
    const found = byPath.get(path) ?? {
      unitId: entry.unit.id,
      path,
      type: entry.unit.type,
      tally: emptyTally(),
    };
    found.tally[entry.result?.status ?? 'not_due'] += 1;
    byPath.set(path, found);
  }
  return [...byPath.values()];
}

/**
 * DISCLOSURE_ON_TIME for a subtree (optionally only units of some types): on-time obligations over
 * those judged, numerators and denominators summed across the units, never rates averaged.
 */
export function subtreeDisclosureFigure(
  tallies: readonly UnitDisclosureTally[],
  path: string,
  unitTypes: readonly string[] | null = null,
) {
  const total = emptyTally();
  for (const entry of tallies) {
    if (!entry.path.startsWith(path)) continue;
    if (unitTypes && !unitTypes.includes(entry.type)) continue;
    addTallies(total, entry.tally);
  }
  const ratio = onTimeRatio(total);
  const rate = ratePercent(ratio);
  return { ...ratio, rate: rate === null ? null : Math.round(rate * 100) / 100, counts: total };
}
