/**
 * The figures of an area's results page at once: the unit's own results and the period before, and
 * each unit below (and the unit's own desk) with its rank. Pure, so that a large area (a province's
 * year: tens of thousands of responses) can be computed off the server's main thread.
 */
import {
  clusters,
  type FigurePair,
  type SurveyResponseRow,
  type SurveyResults,
  surveyResults,
  unweighted,
  weighted,
} from './results.ts';
import type { SurveyDefinition } from './survey.ts';

export interface AreaInput {
  definition: SurveyDefinition;
  unit: { id: number; name: string; path: string };
  /** Today's units directly below. */
  children: { id: number; name: string; path: string }[];
  /** The period's counted responses; `unitId` is the unit carrying them today, `path` its path. */
  included: (SurveyResponseRow & { path: string })[];
  /** The period before's counted responses. */
  previous: SurveyResponseRow[];
  /** Dossiers received in the period per unit of the area today, with its path (an array: it crosses threads). */
  dossiers: [number, { received: number; path: string }][];
}

export interface AreaFigures {
  results: SurveyResults;
  earlier: SurveyResults;
  units: ({ unitId: number; name: string; rank: number | null } & FigurePair)[];
}

/** The dossier counts of the units under a path: the weights of that part of the tree. */
export function weightsUnder(dossiers: AreaInput['dossiers'], path: string): Map<number, number> {
  return new Map(
    dossiers.filter(([, unit]) => unit.path.startsWith(path)).map(([id, unit]) => [id, unit.received]),
  );
}

export function areaFigures(input: AreaInput): AreaFigures {
  const { definition, unit, included, dossiers } = input;
  const minimum = definition.minRespondents;
  const results = surveyResults(definition, included, weightsUnder(dossiers, unit.path));
  const earlier = surveyResults(definition, input.previous, null);
  const figureOf = (rows: SurveyResponseRow[], area: Map<number, number>): FigurePair => {
    const items = clusters(definition, rows, () => true);
    return { unweighted: unweighted(items, minimum), weighted: weighted(items, area, minimum) };
  };
  const rows = input.children
    .map((child) => ({
      unitId: child.id,
      name: child.name,
      ...figureOf(
        included.filter((row) => row.path.startsWith(child.path)),
        weightsUnder(dossiers, child.path),
      ),
    }))
    .filter((row) => row.unweighted.respondents > 0);
  const own = included.filter((row) => row.unitId === unit.id);
  if (own.length > 0) {
    const received = dossiers.find(([id]) => id === unit.id)?.[1].received ?? 0;
    rows.unshift({ unitId: unit.id, name: unit.name, ...figureOf(own, new Map([[unit.id, received]])) });
  }
  // Ranked best first among the units whose sample says something; the others are shown, not ranked.
  const ranked = rows
    .filter((row) => row.unweighted.enough && row.unweighted.rate !== null)
    .sort((a, b) => (b.unweighted.rate ?? 0) - (a.unweighted.rate ?? 0));
  const rankOf = new Map(ranked.map((row, index) => [row.unitId, index + 1]));
  return { results, earlier, units: rows.map((row) => ({ ...row, rank: rankOf.get(row.unitId) ?? null })) };
}
