import { readFileSync } from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import { computePapi, type ProvinceResult, type ProvinceScores } from '../../core/indices/papi.ts';
import { type ProvinceMerge, parseProvinceMerge, predecessorsOf } from '../../core/indices/province-merge.ts';
import type { DbOrTx } from '../db/engine.ts';
import { indexResults } from '../db/schema/index.ts';

/** PAPI results of a year, computed by the core from the published sub-dimension scores. */
export async function findPapiResults(db: DbOrTx, year: number): Promise<ProvinceResult[]> {
  const rows = await db
    .select()
    .from(indexResults)
    .where(and(eq(indexResults.frameworkCode, 'PAPI'), eq(indexResults.year, year)))
    .orderBy(asc(indexResults.provinceCode));
  if (rows.length === 0)
    throw new AppError(
      'NOT_FOUND',
      msg(`Chưa có kết quả PAPI năm ${year}.`, `There are no PAPI results for ${year} yet.`),
    );
  const provinces = new Map<string, ProvinceScores>();
  for (const row of rows) {
    const province = provinces.get(row.provinceCode) ?? {
      unit: row.provinceName,
      unitCode: row.provinceCode,
      subdimensions: {},
    };
    province.subdimensions[row.criterionCode] = row.value;
    provinces.set(row.provinceCode, province);
  }
  return computePapi(year, [...provinces.values()]);
}

export async function papiYears(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: indexResults.year })
    .from(indexResults)
    .where(eq(indexResults.frameworkCode, 'PAPI'))
    .orderBy(asc(indexResults.year));
  return rows.map((row) => row.year);
}

/** One province's results over every year: rank, total, group and each dimension with its group. */
export async function papiHistory(
  db: DbOrTx,
  provinceCode: string,
): Promise<(ProvinceResult & { year: number; ranked: number })[]> {
  const history: (ProvinceResult & { year: number; ranked: number })[] = [];
  for (const year of await papiYears(db)) {
    const results = await findPapiResults(db, year);
    const result = results.find((entry) => entry.unitCode === provinceCode);
    if (result)
      history.push({ ...result, year, ranked: results.filter((entry) => entry.rank !== null).length });
  }
  if (history.length === 0)
    throw new AppError(
      'NOT_FOUND',
      msg(
        `Không có kết quả PAPI của tỉnh mã ${provinceCode}.`,
        `There are no PAPI results for the province with code ${provinceCode}.`,
      ),
    );
  return history;
}

const MERGES: ProvinceMerge[] = parseProvinceMerge(
  readFileSync(new URL('../../reference/dvhc/provinces_merge_2025.csv', import.meta.url), 'utf8'),
);

/** The 34 provinces of today, each with the old provinces that formed it. */
export function provincesSince2025(): {
  code: string;
  name: string;
  predecessors: { code: string; name: string }[];
}[] {
  const codes = [...new Set(MERGES.map((merge) => merge.newCode))].sort();
  return codes.map((code) => ({
    code,
    name: MERGES.find((merge) => merge.newCode === code)?.newName ?? code,
    predecessors: predecessorsOf(MERGES, code).map((merge) => ({ code: merge.oldCode, name: merge.oldName })),
  }));
}
