import { addNationalCounters, emptyNationalCounters, type NationalCounters } from './national-indicators.ts';

/** A province's unit as it shares it: its key (official code or "u<id>") and its parent's key. */
export interface SharedUnit {
  unitKey: string;
  parentKey: string | null;
}

/**
 * Each unit's counters summed over its subtree (a commune with the offices under it): every unit's
 * own counters are added to it and to each of its ancestors. A key with no unit row counts for itself
 * only; a parent loop stops at the first repeat.
 */
export function subtreeTotals(
  units: readonly SharedUnit[],
  own: ReadonlyMap<string, Readonly<Partial<NationalCounters>>>,
): Map<string, NationalCounters> {
  const parentOf = new Map(units.map((unit) => [unit.unitKey, unit.parentKey]));
  const totals = new Map<string, NationalCounters>();
  for (const [unitKey, counters] of own) {
    const seen = new Set<string>();
    let current: string | null | undefined = unitKey;
    while (current != null && !seen.has(current)) {
      seen.add(current);
      let total = totals.get(current);
      if (!total) {
        total = emptyNationalCounters();
        totals.set(current, total);
      }
      addNationalCounters(total, counters);
      current = parentOf.get(current);
    }
  }
  return totals;
}
