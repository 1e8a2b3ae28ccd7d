import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Criterion, Framework } from '../core/frameworks/framework.ts';
import { PAPI_DIMENSIONS, papiStructure } from '../core/indices/papi.ts';

/**
 * Writes the PAPI framework versions (reference/frameworks/PAPI-*.json) from the PAPI codebook, one
 * file per methodology: 2018 (e-governance with two sub-dimensions), 2019–2020, 2021–2024 (no 5.2).
 * Run once after the codebook changes: `node scripts/build-papi-frameworks.ts`.
 */
const root = new URL('..', import.meta.url);
const rows: { code: string; name_en: string; name_vi_variants: string; scale_variants: string }[] = parse(
  readFileSync(new URL('reference/papi/papi_codebook_2018_2024.csv', root), 'utf8'),
  { columns: true },
);
const byCode = new Map(rows.map((row) => [row.code, row]));

function scale(code: string, year: number): { min: number; max: number } {
  const variants = (byCode.get(code)?.scale_variants ?? '').split('|').map((variant) => variant.trim());
  // Dimension 5 moved to three sub-dimensions of 0.33–3.33 in 2021; dimension 8 from two of 0.5–5 in 2018.
  const pick = code.startsWith('SD5')
    ? year <= 2020
      ? '0.25-2.5'
      : '0.33-3.33'
    : code.startsWith('SD8')
      ? year <= 2018
        ? '0.5-5.0'
        : '0.33-3.33'
      : variants[0];
  const [min, max] = (pick ?? '0-0').split('-').map(Number);
  return { min: min ?? 0, max: max ?? 0 };
}

function nameOf(code: string) {
  const row = byCode.get(code);
  return {
    nameVi: (row?.name_vi_variants ?? code).split('|')[0]?.trim() ?? code,
    nameEn: row?.name_en.split('|')[0]?.trim() || undefined,
  };
}

function version(fromYear: number, toYear: number): Framework {
  const structure = papiStructure(fromYear);
  const criteria: Criterion[] = PAPI_DIMENSIONS.map((dimension, index) => ({
    code: dimension,
    ...nameOf(`D${index + 1}`),
    maxPoints: 10,
    minPoints: 1,
    method: 'survey',
    children: structure[dimension].map((code) => {
      const source = `SD${code.slice('PAPI.'.length)}`;
      const { min, max } = scale(source, fromYear);
      return { code, ...nameOf(source), maxPoints: max, minPoints: min, method: 'survey' as const };
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
