import { type PapiLever, topLevers } from '../../core/indices/levers.ts';
import { type LeaderOverview, TOP_LEVERS } from '../../core/overview/leader-overview.ts';
import { provincesSince2025 } from '../indices/index-service.ts';
import { papiReference } from '../indices/papi-reference.ts';
import { findPapiLevers } from '../indices/papi-simulator-service.ts';

/** Reference data nothing in the product changes: each old province's levers are worked out once a process. */
const memo = new Map<string, PapiLever[]>();
function topLeversOf(year: number, code: string): PapiLever[] {
  const key = `${year}:${code}`;
  let items = memo.get(key);
  if (!items) {
    items = topLevers(findPapiLevers({ year, province: code }).items, TOP_LEVERS);
    memo.set(key, items);
  }
  return items;
}

/**
 * What moves each province that formed this one most, in the latest PAPI year shipped: the levers of
 * the simulator's tab, the first few with headroom in the order the target search takes them, with the
 * rank of that year from the results the PAPI card shows.
 */
export function leversOf(
  provinceCode: string | null,
  papi: LeaderOverview['papi'],
): LeaderOverview['levers'] {
  const province = provincesSince2025().find((entry) => entry.code === provinceCode);
  const year = papiReference().years.at(-1)?.year;
  if (!province || year === undefined) return null;
  return {
    year,
    provinces: province.predecessors.map((old) => ({
      code: old.code,
      name: old.name,
      rank:
        papi?.provinces.find((entry) => entry.code === old.code)?.trend.find((point) => point.year === year)
          ?.rank ?? null,
      items: topLeversOf(year, old.code),
    })),
  };
}
