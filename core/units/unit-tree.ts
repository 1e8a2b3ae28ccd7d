/** Materialised paths ("/1/5/23/") for the organisation tree: subtree queries become prefix matches. */

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** A unit cannot move under itself or under one of its own descendants. */
export function isMoveAllowed(unitPath: string, newParentPath: string): boolean {
  return !newParentPath.startsWith(unitPath);
}

/** The ids along a path, root first: "/1/5/23/" → [1, 5, 23]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

export interface SuccessionLink {
  predecessorId: number;
  successorId: number;
}

/**
 * Follows successor links from a unit to the units that carry its history today: a 2023 commune
 * merged in 2025 rolls up into the 2025 commune. Cycles in bad data stop the walk instead of looping.
 */
export function currentSuccessors(
  unitId: number,
  links: readonly SuccessionLink[],
  isActive: (id: number) => boolean,
): number[] {
  const next = new Map<number, number[]>();
  for (const link of links)
    next.set(link.predecessorId, [...(next.get(link.predecessorId) ?? []), link.successorId]);
  const result = new Set<number>();
  const seen = new Set<number>();
  const walk = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    const successors = next.get(id) ?? [];
    if (successors.length === 0 || isActive(id)) {
      result.add(id);
      return;
    }
    successors.forEach(walk);
  };
  walk(unitId);
  return [...result].sort((a, b) => a - b);
}
