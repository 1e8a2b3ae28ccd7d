import { parseCsv } from '../open-data/table-schema.ts';
import { PAPI_DIMENSIONS, type PapiDimension, papiStructure } from './papi.ts';

/**
 * The PAPI codebook (reference/papi/papi_codebook_2018_2024.csv): names and point scales of the eight
 * dimensions (chỉ số nội dung) and their sub-dimensions (chỉ số nội dung thành phần). A sub-dimension's
 * scale changed with the number of its dimension's sub-dimensions, so the codebook lists variants
 * ("0.25-2.5 | 0.33-3.33") and the scale of a year is the variant that fills the dimension's 1–10.
 */
export interface PapiScale {
  min: number;
  max: number;
}

export interface PapiCodebookEntry {
  /** "PAPI.5" for a dimension, "PAPI.5.1" for a sub-dimension. */
  code: string;
  level: 'dimension' | 'sub-dimension';
  nameVi: string;
  nameEn: string;
  scales: PapiScale[];
  years: number[];
}

/** Code → the bounds a score can take: the dimensions and that year's sub-dimensions. */
export type PapiScales = Record<string, PapiScale>;

export function parsePapiCodebook(csv: string): PapiCodebookEntry[] {
  const [header = [], ...records] = parseCsv(csv.replace(/^\uFEFF/, '')).filter((record) =>
    record.some((cell) => cell.trim() !== ''),
  );
  const column = (record: string[], name: string) => record[header.indexOf(name)]?.trim() ?? '';
  const first = (variants: string) => variants.split('|')[0]?.trim() ?? '';
  return records.map((record) => ({
    // "D5" → "PAPI.5", "SD5.1" → "PAPI.5.1"
    code: `PAPI.${column(record, 'code').replace(/^S?D/, '')}`,
    level: column(record, 'level') === 'dimension' ? 'dimension' : 'sub-dimension',
    nameVi: first(column(record, 'name_vi_variants')),
    nameEn: first(column(record, 'name_en')),
    scales: column(record, 'scale_variants')
      .split('|')
      .map((variant) => {
        const [min = Number.NaN, max = Number.NaN] = variant.trim().split('-').map(Number);
        return { min, max };
      }),
    years: column(record, 'years_with_data_2018_2024').split(',').map(Number),
  }));
}

/**
 * The bounds of every dimension and of the year's sub-dimensions. Of a sub-dimension's variants the one
 * whose maximum, times the number of sub-dimensions of its dimension that year, comes to the dimension's
 * maximum (4 × 2.5, 3 × 3.33, 2 × 5.0): the codebook writes a third as 0.33 and 3.33, and those bounds are
 * kept as written.
 */
export function papiScales(codebook: readonly PapiCodebookEntry[], year: number): PapiScales {
  const byCode = new Map(codebook.map((entry) => [entry.code, entry]));
  const structure = papiStructure(year);
  const scales: PapiScales = {};
  for (const dimension of PAPI_DIMENSIONS) {
    const scale = byCode.get(dimension)?.scales[0];
    if (!scale) throw new Error(`The PAPI codebook has no scale for ${dimension}.`);
    scales[dimension] = scale;
    const children = structure[dimension];
    for (const code of children) {
      const variant = byCode
        .get(code)
        ?.scales.find((candidate) => Math.abs(candidate.max * children.length - scale.max) < 0.05);
      if (!variant) throw new Error(`The PAPI codebook has no scale for ${code} in ${year}.`);
      scales[code] = variant;
    }
  }
  return scales;
}

/** The Vietnamese name of a dimension or sub-dimension, its code when the codebook has none. */
export function papiName(codebook: readonly PapiCodebookEntry[], code: PapiDimension | string): string {
  return codebook.find((entry) => entry.code === code)?.nameVi || code;
}
