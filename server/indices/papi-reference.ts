import { readFileSync } from 'node:fs';
import { AppError, msg } from '../../core/errors.ts';
import { type TypicalGains, typicalYearlyGains } from '../../core/indices/levers.ts';
import type { ProvinceScores } from '../../core/indices/papi.ts';
import { type PapiCodebookEntry, papiScales, parsePapiCodebook } from '../../core/indices/papi-codebook.ts';
import { type PapiRow, parsePapiTable } from '../../core/indices/papi-data.ts';
import type { PapiYearScores } from '../../core/indices/simulator.ts';

/**
 * The shipped PAPI data (reference/papi) read once a process: the rank simulator's one source, for the
 * `npx chiso papi` commands and the /api/indices/papi simulator routes alike. It is the published data,
 * which nothing in the product changes.
 */
const reference = (file: string) =>
  readFileSync(new URL(`../../reference/papi/${file}`, import.meta.url), 'utf8');

export interface PapiReference {
  rows: PapiRow[];
  codebook: PapiCodebookEntry[];
  /** Each year's provinces, in year order. */
  years: { year: number; provinces: ProvinceScores[] }[];
  gains: TypicalGains;
}

let loaded: PapiReference | undefined;
export function papiReference(): PapiReference {
  if (!loaded) {
    const rows = parsePapiTable(reference('papi_2018_2024_subdimensions_dimensions.csv'));
    const years = [...new Set(rows.map((row) => row.year))]
      .sort((a, b) => a - b)
      .map((year) => ({ year, provinces: rows.filter((row) => row.year === year) }));
    loaded = {
      rows,
      codebook: parsePapiCodebook(reference('papi_codebook_2018_2024.csv')),
      years,
      gains: typicalYearlyGains(years),
    };
  }
  return loaded;
}

/** A year's scores and scales, or a refusal naming the years shipped. */
export function papiYearScores(data: PapiReference, year: number | string): PapiYearScores {
  const wanted = Number(year);
  const found = data.years.find((entry) => entry.year === wanted);
  if (!found) {
    const span = `${data.years[0]?.year}–${data.years.at(-1)?.year}`;
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Không có kết quả PAPI năm ${year}: dữ liệu đi kèm có các năm ${span}, của 63 tỉnh, thành phố trước khi hợp nhất (1/7/2025).`,
        `There are no PAPI results for ${year}: the shipped data covers ${span}, for the 63 provinces before the merger (1 July 2025).`,
      ),
    );
  }
  return { year: wanted, provinces: found.provinces, scales: papiScales(data.codebook, wanted) };
}
