import { type DossierCounters, emptyCounters } from '../indicators/dossier-indicators.ts';
import type { DossierRow } from './dossier-rows.ts';
import { finishedCounts, ONLINE_CHANNELS } from './dossier-values.ts';

export interface RollupCell {
  unitId: number;
  field: string;
  periodCode: string;
  counts: DossierCounters;
}

export interface RollupTally {
  add(unitId: number, field: string, row: DossierRow): void;
  cells(): RollupCell[];
}

/**
 * Roll-up counts of dossiers as they are read, in memory (a cell per unit, field and quarter: their
 * number does not grow with the file). A dossier counts as received in the quarter of its receipt and
 * as finished — on time, early, late, late with an apology — in the quarter it was finished. The
 * staged import counts the same in SQL (server/dossiers/dossier-staging.ts); the roll-up property test
 * holds both to a recomputation from the stored dossiers.
 */
export function createRollupTally(): RollupTally {
  // Nested by field and quarter (strings the row checks share between rows, their hashes computed
  // once) then unit: a key string built per row cost more than the counting.
  const byField = new Map<string, Map<string, Map<number, RollupCell>>>();
  const list: RollupCell[] = [];
  const cell = (unitId: number, field: string, periodCode: string) => {
    let byPeriod = byField.get(field);
    if (!byPeriod) {
      byPeriod = new Map();
      byField.set(field, byPeriod);
    }
    let byUnit = byPeriod.get(periodCode);
    if (!byUnit) {
      byUnit = new Map();
      byPeriod.set(periodCode, byUnit);
    }
    let found = byUnit.get(unitId);
    if (!found) {
      found = { unitId, field, periodCode, counts: emptyCounters() };
      byUnit.set(unitId, found);
      list.push(found);
    }
    return found.counts;
  };
  const one = (flag: boolean) => (flag ? 1 : 0);
  return {
    add(unitId, field, row) {
      const received = cell(unitId, field, row.receivedPeriod);
      received.received += 1;
      received.receivedOnline += one(ONLINE_CHANNELS.includes(row.channel));
      received.receivedOnlineFull += one(row.channel === 'online_full');
      received.receivedDigitised += one(row.digitised);
      if (row.finishedMs === null || row.finishedPeriod === null) return;
      const finished = cell(unitId, field, row.finishedPeriod);
      const { isOnTime, isEarly, isLate } = finishedCounts(row.finishedMs, row.dueMs);
      finished.finished += 1;
      finished.finishedOnTime += one(isOnTime);
      finished.finishedEarly += one(isEarly);
      finished.finishedLate += one(isLate);
      finished.lateApologised += one(isLate && row.apologyIssued);
    },
    cells: () => list,
  };
}
