import { readFileSync } from 'node:fs';
import { typicalYearlyGains } from '../core/indices/levers.ts';
import { papiScales, parsePapiCodebook } from '../core/indices/papi-codebook.ts';
import { parsePapiTable } from '../core/indices/papi-data.ts';
import type { PapiYearScores } from '../core/indices/simulator.ts';

/**
 * The shipped PAPI results 2018–2024 and their codebook, read once for the core's simulator tests
 * (core/indices/*.test.ts): the rows, the years, a year's scores with its scales, the typical gains.
 */
const read = (file: string) => readFileSync(new URL(`../reference/papi/${file}`, import.meta.url), 'utf8');

export const rows = parsePapiTable(read('papi_2018_2024_subdimensions_dimensions.csv'));
export const codebook = parsePapiCodebook(read('papi_codebook_2018_2024.csv'));
export const years = [...new Set(rows.map((row) => row.year))];
export const scoresOf = (year: number): PapiYearScores => ({
  year,
  provinces: rows.filter((row) => row.year === year),
  scales: papiScales(codebook, year),
});
export const gains = typicalYearlyGains(
  years.map((year) => ({ year, provinces: rows.filter((row) => row.year === year) })),
);
