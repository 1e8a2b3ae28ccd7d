import type { ProvinceScores } from './papi.ts';

/**
 * Reads the shipped PAPI table (reference/papi/papi_2018_2024_subdimensions_dimensions.csv: one row per
 * province and year, columns SDk.j for sub-dimensions) into per-year inputs of computePapi, with the
 * published dimension, total and rank kept beside them for comparison.
 */
export interface PapiRow extends ProvinceScores {
  year: number;
  published: { dimensions: (number | null)[]; total: number | null; rank: number | null };
}

export function parsePapiTable(csv: string): PapiRow[] {
  const [headerLine = '', ...lines] = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const headers = headerLine.split(',');
  const column = (name: string) => headers.indexOf(name);
  const number = (text: string | undefined) =>
    text === undefined || text.trim() === '' ? null : Number(text);
  return lines.map((line) => {
    const cells = line.split(',');
    const subdimensions: Record<string, number | null> = {};
    headers.forEach((header, index) => {
      // "SD5.2" → "PAPI.5.2"
      if (header.startsWith('SD')) subdimensions[`PAPI.${header.slice(2)}`] = number(cells[index]);
    });
    return {
      year: Number(cells[column('year')]),
      unit: cells[column('province_vi')] ?? '',
      unitCode: String(Number(cells[column('province_code_official')])).padStart(2, '0'),
      subdimensions,
      published: {
        dimensions: [1, 2, 3, 4, 5, 6, 7, 8].map((k) => number(cells[column(`D${k}`)])),
        total: number(cells[column('papi_total_unweighted')]),
        rank: number(cells[column('rank_among_scored')]),
      },
    };
  });
}
