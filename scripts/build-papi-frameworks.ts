import { readFileSync, writeFileSync } from 'node:fs';
import type { Criterion, Framework } from '../core/frameworks/framework.ts';
import { PAPI_DIMENSIONS, papiStructure } from '../core/indices/papi.ts';
import { papiScales, parsePapiCodebook } from '../core/indices/papi-codebook.ts';

/**
 * Writes the PAPI framework versions (reference/frameworks/PAPI-*.json) from the PAPI codebook, one
 * file per methodology: 2018 (e-governance with two sub-dimensions), 2019–2020, 2021–2024 (no 5.2).
 * Run once after the codebook changes: `node scripts/build-papi-frameworks.ts`.
 */
const root = new URL('..', import.meta.url);
const codebook = parsePapiCodebook(
  readFileSync(new URL('reference/papi/papi_codebook_2018_2024.csv', root), 'utf8'),
);
const byCode = new Map(codebook.map((entry) => [entry.code, entry]));

function nameOf(code: string) {
  const entry = byCode.get(code);
  return { nameVi: entry?.nameVi || code, nameEn: entry?.nameEn || undefined };
}

function version(fromYear: number, toYear: number): Framework {
  const structure = papiStructure(fromYear);
  const scales = papiScales(codebook, fromYear);
  const criteria: Criterion[] = PAPI_DIMENSIONS.map((dimension) => ({
    code: dimension,
    ...nameOf(dimension),
    maxPoints: 10,
    minPoints: 1,
    method: 'survey',
    children: structure[dimension].map((code) => {
      const { min, max } = scales[code] as { min: number; max: number };
      return { code, ...nameOf(code), maxPoints: max, minPoints: min, method: 'survey' as const };
    }),
  }));
  return {
    code: 'PAPI',
    nameVi: 'Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)',
    nameEn: 'Provincial Governance and Public Administration Performance Index (PAPI)',
    fromYear,
    toYear,
    status: 'confirmed',
    source: 'CECODES, RTA, UNDP — papi.org.vn; cấu trúc và thang điểm theo dữ liệu công bố 2018–2024',
    unit: 'points',
    grouping: 'quartiles',
    bands: [],
    criteria,
  };
}

for (const [fromYear, toYear] of [
  [2018, 2018],
  [2019, 2020],
  [2021, 2024],
] as const) {
  const file = new URL(
    `reference/frameworks/PAPI-${fromYear}${toYear !== fromYear ? `-${toYear}` : ''}.json`,
    root,
  );
  writeFileSync(file, `${JSON.stringify(version(fromYear, toYear), null, 2)}\n`);
  console.log(`wrote ${file.pathname}`);
}
