import type { AreaGeometry, Position, Ring } from './point-in-area.ts';

/**
 * Areas (GeoJSON Polygon/MultiPolygon in longitude/latitude) drawn as SVG paths for a map in a page:
 * projected once (equirectangular, scaled by the cosine of the middle latitude so shapes keep their
 * proportions at Viet Nam's latitudes), simplified to what the width can show (Douglas–Peucker in
 * pixels) and written as short relative path commands. An islet too small to keep its shape is kept
 * as a small square, so the archipelagos (Hoàng Sa, Trường Sa) are always drawn. Pure: no I/O.
 */
export interface MapArea {
  key: string;
  geometry: AreaGeometry;
}

export interface DrawnMap {
  width: number;
  height: number;
  /** Each area's path (`d`), by key. */
  paths: Map<string, string>;
}

const polygonsOf = (geometry: AreaGeometry): readonly (readonly Ring[])[] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

/** Squared distance from p to the segment a–b. */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on an open polyline (iterative: rings of thousands of points never overflow the stack). */
export function simplify(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const limit = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let distance = limit;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i] as Position, points[first] as Position, points[last] as Position);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}

/** A closed ring as a relative path: "M x y l dx dy … z" with whole pixels (tenths for small shapes). */
function ringPath(ring: readonly Position[]): string {
  let path = '';
  let previous: Position | null = null;
  for (const [x, y] of ring) {
    const point: Position = [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
    if (previous === null) path += `M${point[0]} ${point[1]}l`;
    else {
      const dx = Math.round((point[0] - previous[0]) * 10) / 10;
      const dy = Math.round((point[1] - previous[1]) * 10) / 10;
      if (dx === 0 && dy === 0) continue;
      path += `${dx} ${dy} `;
    }
    previous = point;
  }
  return `${path.trimEnd()}z`;
}

/**
 * Draws `areas` `width` pixels wide; `tolerance` is the simplification in pixels (0.8 keeps borders
 * a reader can follow on a phone at a few kilobytes per province).
 */
export function drawMap(areas: readonly MapArea[], width: number, tolerance = 0.8): DrawnMap {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const area of areas)
    for (const polygon of polygonsOf(area.geometry))
      for (const ring of polygon)
        for (const [lon, lat] of ring) {
          west = Math.min(west, lon);
          east = Math.max(east, lon);
          south = Math.min(south, lat);
          north = Math.max(north, lat);
        }
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = width / ((east - west) * cos);
  const height = Math.ceil((north - south) * scale);
  const project = ([lon, lat]: Position): Position => [(lon - west) * cos * scale, (north - lat) * scale];
  const paths = new Map<string, string>();
  for (const area of areas) {
    const parts: string[] = [];
    for (const polygon of polygonsOf(area.geometry))
      polygon.forEach((ring, index) => {
        const projected = ring.map(project);
        const kept = simplify(projected, tolerance);
        if (kept.length >= 4) parts.push(ringPath(kept));
        else if (index === 0) {
          // An islet below the tolerance: a square of 1.2 px where it lies.
          const [x, y] = projected[0] as Position;
          parts.push(
            ringPath([
              [x - 0.6, y - 0.6],
              [x + 0.6, y - 0.6],
              [x + 0.6, y + 0.6],
              [x - 0.6, y + 0.6],
            ]),
          );
        }
      });
    paths.set(area.key, parts.join(''));
  }
  return { width, height, paths };
}
