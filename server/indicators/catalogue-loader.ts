import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Indicator, parseCatalogue } from '../../core/indicators/catalogue.ts';
import type { TargetOperator } from '../../core/indicators/targets.ts';
import type { Tx } from '../db/engine.ts';
import { indicators, indicatorTargets } from '../db/schema/index.ts';

const CATALOGUE_FILE = new URL('../../reference/indicators/catalogue.json', import.meta.url);
const DEMO_TARGETS_FILE = new URL('../../reference/demo/indicator-targets.json', import.meta.url);

let shipped: Map<string, Indicator> | null = null;

/** The shipped catalogue by code, read once: it also carries rules the table has no column for. */
export function shippedCatalogue(): ReadonlyMap<string, Indicator> {
  shipped ??= new Map(
    parseCatalogue(JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8'))).map((entry) => [entry.code, entry]),
  );
  return shipped;
}

/**
 * Upserts the shipped catalogue on every start, so a new version renames and re-describes indicators
 * in place; values and targets keep pointing at the same codes. Returns how many there are.
 */
export async function loadIndicatorCatalogue(tx: Tx): Promise<number> {
  const rows = [...shippedCatalogue().values()].map((entry, position) => ({
    code: entry.code,
    nameVi: entry.nameVi,
    nameEn: entry.nameEn,
    measureUnit: entry.measureUnit,
    kind: entry.kind,
    source: entry.source,
    frameworkCode: entry.frameworkCode,
    description: entry.description,
    position,
  }));
  await tx
    .insert(indicators)
    .values(rows)
    .onConflictDoUpdate({
      target: indicators.code,
      set: {
        nameVi: sql`excluded.name_vi`,
        nameEn: sql`excluded.name_en`,
        measureUnit: sql`excluded.measure_unit`,
        kind: sql`excluded.kind`,
        source: sql`excluded.source`,
        frameworkCode: sql`excluded.framework_code`,
        description: sql`excluded.description`,
        position: sql`excluded.position`,
      },
    });
  return rows.length;
}

interface DemoTarget {
  indicatorCode: string;
  unitType?: string;
  operator: TargetOperator;
  threshold: number;
  riskMargin: number;
  note: string;
}

/** The demo province's targets from seed 001 (every period, by unit type where the plan sets levels). */
export async function loadDemoTargets(tx: Tx): Promise<number> {
  const { targets } = JSON.parse(readFileSync(DEMO_TARGETS_FILE, 'utf8')) as { targets: DemoTarget[] };
  await tx
    .insert(indicatorTargets)
    .values(targets.map((target) => ({ ...target, unitType: target.unitType ?? null })));
  return targets.length;
}
