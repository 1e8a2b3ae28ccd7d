import { currentSuccessors, pathIds, type SuccessionLink } from '../units/unit-tree.ts';

export interface UnitPlace {
  path: string;
  isActive: boolean;
}

/**
 * The unit today that carries each closed unit's figures, following successor links through every
 * reorganisation: a 2024 commune merged in 2025 counts under the 2025 commune. A unit split among
 * several successors cannot be divided without its raw dossiers, so it counts toward the closest unit
 * containing all of them (a split district → the province), never twice. A closed unit with no
 * successor keeps its figures.
 */
export function attributeClosedUnits(
  closedIds: Iterable<number>,
  links: readonly SuccessionLink[],
  units: ReadonlyMap<number, UnitPlace>,
): Map<number, number> {
  const isActive = (id: number) => units.get(id)?.isActive ?? false;
  const result = new Map<number, number>();
  for (const id of closedIds) {
    const successors = currentSuccessors(id, links, isActive);
    if (successors.length === 1) {
      result.set(id, successors[0] ?? id);
      continue;
    }
    const paths = successors.map((successor) => units.get(successor)?.path).filter((p) => p !== undefined);
    result.set(id, paths.length === successors.length ? (commonAncestor(paths) ?? id) : id);
  }
  return result;
}

/** The deepest unit on every path ("/1/5/7/", "/1/5/9/" → 5), or null when they share no root. */
export function commonAncestor(paths: readonly string[]): number | null {
  const [first, ...rest] = paths.map(pathIds);
  if (!first) return null;
  let depth = first.length;
  for (const ids of rest) {
    let shared = 0;
    while (shared < Math.min(depth, ids.length) && ids[shared] === first[shared]) shared += 1;
    depth = shared;
  }
  return depth === 0 ? null : (first[depth - 1] ?? null);
}
