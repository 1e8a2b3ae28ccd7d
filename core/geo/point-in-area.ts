/**
 * Whether a map point lies in an area given as GeoJSON (Polygon or MultiPolygon, holes included), or
 * how far it lies outside it: pure geometry on longitude/latitude, no I/O. Distances are in metres on
 * a local flat approximation, which is exact enough for the few kilometres a simplified border is off.
 */
export type Position = readonly [number, number];
export type Ring = readonly Position[];
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: readonly Ring[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly Ring[])[] };

const polygonsOf = (geometry: AreaGeometry): readonly (readonly Ring[])[] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

/** Ray casting: the point is inside a ring when a ray from it crosses the ring's edges an odd number of times. */
function inRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** In the area: inside a polygon's outer ring and in none of its holes. */
export function containsPoint(geometry: AreaGeometry, point: Position): boolean {
  return polygonsOf(geometry).some(
    ([outer, ...holes]) =>
      outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole)),
  );
}

const METRES_PER_DEGREE = 111_320;

/** The distance in metres from a point to the nearest edge of the area (0 when it is inside). */
export function distanceOutside(geometry: AreaGeometry, point: Position): number {
  if (containsPoint(geometry, point)) return 0;
  const [px, py] = point;
  const scaleX = Math.cos((py * Math.PI) / 180) * METRES_PER_DEGREE;
  let best = Number.POSITIVE_INFINITY;
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1] as Position;
        const [bx, by] = ring[i] as Position;
        // In metres around the point: a = A − P, d = B − A; the nearest point of AB to the origin.
        const a = [(ax - px) * scaleX, (ay - py) * METRES_PER_DEGREE] as const;
        const d = [(bx - ax) * scaleX, (by - ay) * METRES_PER_DEGREE] as const;
        const length = d[0] * d[0] + d[1] * d[1];
        const t = length === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * d[0] + a[1] * d[1]) / length));
        best = Math.min(best, Math.hypot(a[0] + t * d[0], a[1] + t * d[1]));
      }
  return best;
}
