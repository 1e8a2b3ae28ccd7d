import { and, asc, eq, isNull } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import { levers } from '../../core/indices/levers.ts';
import { mergedEstimate, provinceStanding } from '../../core/indices/papi-standing.ts';
import type { PapiSimulateBody, PapiStanding } from '../../core/indices/papi-views.ts';
import { type NationalWeak, papiWeakDimensions } from '../../core/indices/papi-weak.ts';
import type { PapiGroup } from '../../core/indices/ranking.ts';
import { simulate } from '../../core/indices/simulator.ts';
import { type PapiTarget, smallestChangesFor } from '../../core/indices/smallest-changes.ts';
import type { DbOrTx } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { provincesSince2025 } from './index-service.ts';
import { papiReference, papiYearScores } from './papi-reference.ts';

/**
 * "Where we stand" and the rank simulator on the shipped PAPI data (reference/papi, 2018–2024, the 63
 * provinces before the merger), for staff: the same computations as `npx chiso papi`.
 */
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** The installation's province: the root unit's code, when it is one of today's 34. */
async function rootProvinceCode(db: DbOrTx): Promise<string> {
  const [root] = await db
    .select({ code: units.code })
    .from(units)
    .where(and(isNull(units.parentId), isNull(units.validTo), eq(units.type, 'province')))
    .orderBy(asc(units.id))
    .limit(1);
  if (!root?.code)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Chưa biết tỉnh của hệ thống: hãy chọn tỉnh (mã 2 chữ số).',
        'The installation’s province is not known: choose a province (a 2-digit code).',
      ),
    );
  return root.code;
}

/** A province code of the year's data (the old provinces), or a 400 naming it. */
function checkedProvince(year: number, code: string): void {
  const scores = papiYearScores(papiReference(), year);
  if (!scores.provinces.some((province) => province.unitCode === code))
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Không có tỉnh mã ${code} trong kết quả PAPI năm ${year} (63 tỉnh, thành phố trước khi hợp nhất 1/7/2025).`,
        `There is no province with code ${code} in the PAPI results of ${year} (the 63 provinces before the merger of 1 July 2025).`,
      ),
    );
}

export async function findPapiStanding(
  db: DbOrTx,
  { year, province }: { year: number; province?: string },
): Promise<PapiStanding> {
  const data = papiReference();
  papiYearScores(data, year);
  const code = province ?? (await rootProvinceCode(db));
  const today = provincesSince2025().find((entry) => entry.code === code);
  const parts = today
    ? today.predecessors
    : [{ code, name: data.years.at(-1)?.provinces.find((entry) => entry.unitCode === code)?.unit ?? code }];
  for (const part of parts) checkedProvince(year, part.code);
  const standings = parts.map((part) => {
    const standing = provinceStanding(data.years, year, part.code);
    const named = (code: string) => data.codebook.find((entry) => entry.code === code);
    return {
      ...standing,
      subdimensions: standing.subdimensions.map((sub) => ({
        ...sub,
        nameVi: named(sub.code)?.nameVi ?? sub.code,
        nameEn: named(sub.code)?.nameEn ?? sub.code,
      })),
    };
  });
  const estimate =
    standings.length > 1
      ? {
          basis: 'equal-weights' as const,
          note: msg(
            `Ước tính, không phải kết quả công bố: trung bình cộng điểm của ${standings.map((part) => part.unit).join(' và ')} với trọng số bằng nhau (mỗi tỉnh 1/${standings.length}), vì dữ liệu PAPI đi kèm không có dân số hay số người trả lời khảo sát của từng tỉnh. Thứ hạng ước tính là vị trí của điểm trung bình đó giữa các tỉnh còn lại năm ${year}.`,
            `An estimate, not a published result: the mean of the scores of ${standings.map((part) => part.unit).join(' and ')} with equal weights (1/${standings.length} each), as the shipped PAPI data has neither the population nor the number of survey respondents of each province. The estimated rank is where that mean stands among the other provinces of ${year}.`,
          ),
          ...mergedEstimate(data.years, year, standings),
        }
      : null;
  return {
    year,
    province: { code, name: today?.name ?? standings[0]?.unit ?? code },
    predecessors: standings,
    estimate,
  };
}

export function simulatePapi(body: PapiSimulateBody) {
  checkedProvince(body.year, body.province);
  const result = simulate(papiYearScores(papiReference(), body.year), body.province, body.changes);
  return { ...result, totalBefore: round4(result.totalBefore), totalAfter: round4(result.totalAfter) };
}

export function findPapiLevers({ year, province }: { year: number; province: string }) {
  checkedProvince(year, province);
  const data = papiReference();
  const scores = papiYearScores(data, year);
  const unit = scores.provinces.find((entry) => entry.unitCode === province)?.unit ?? province;
  return { province: unit, provinceCode: province, year, items: levers(scores, province, data.gains) };
}

export function findPapiTarget(query: { year: number; province: string; rank?: number; group?: number }) {
  checkedProvince(query.year, query.province);
  const data = papiReference();
  const target: PapiTarget =
    query.rank !== undefined ? { rank: query.rank } : { group: query.group as PapiGroup };
  const plan = smallestChangesFor(papiYearScores(data, query.year), query.province, target, data.gains);
  return {
    ...plan,
    simulation: {
      ...plan.simulation,
      totalBefore: round4(plan.simulation.totalBefore),
      totalAfter: round4(plan.simulation.totalAfter),
    },
  };
}

const lowerFirst = (name: string) => `${name.charAt(0).toLocaleLowerCase('vi')}${name.slice(1)}`;

/** The province's PAPI dimensions below the national median in the latest year shipped; null without one. */
export async function nationalWeakness(db: DbOrTx): Promise<NationalWeak | null> {
  const year = papiReference().years.at(-1)?.year;
  if (year === undefined) return null;
  try {
    const standing = await findPapiStanding(db, { year });
    return {
      index: 'PAPI',
      year,
      province:
        standing.predecessors.length > 1
          ? `${standing.predecessors.map((part) => part.unit).join(' và ')} (nay là ${lowerFirst(standing.province.name)})`
          : standing.province.name,
      predecessors: standing.predecessors.map((part) => part.unit),
      today: standing.province.name,
      ranked: standing.predecessors[0]?.ranked ?? 0,
      dimensions: papiWeakDimensions(standing.predecessors),
    };
  } catch (error) {
    // An installation whose root is not one of the 34 provinces has no national standing.
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return null;
    throw error;
  }
}
