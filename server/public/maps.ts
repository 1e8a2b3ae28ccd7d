import { readFileSync } from 'node:fs';
import type { AreaGeometry } from '../../core/geo/point-in-area.ts';
import { type DrawnMap, drawMap } from '../../core/geo/svg-map.ts';
import type { PapiGroup } from '../../core/indices/papi.ts';
import { type Html, html } from './html.ts';
import type { Lang } from './site-words.ts';

/**
 * The provinces' maps of the public site, drawn once per process from the shipped boundaries
 * (reference/geo: the 34 units since 1 July 2025, the 63 provinces before) and coloured by quartile
 * group. The map is a picture for sighted readers (`role="img"` with a title); the table beside it
 * carries the same figures for everyone.
 */
export type MapKind = 'provinces2025' | 'provinces63';

interface Feature {
  properties: { code: string; name: string };
  geometry: AreaGeometry;
}

const FILES: Record<MapKind, URL> = {
  provinces2025: new URL('../../reference/geo/provinces_2025.geojson', import.meta.url),
  provinces63: new URL('../../reference/geo/provinces_2008_2025.geojson', import.meta.url),
};

const drawn = new Map<MapKind, DrawnMap & { names: Map<string, string> }>();

/** The drawing 480 px wide (a phone's width at most; it scales down with the page). */
export function provinceMap(kind: MapKind): DrawnMap & { names: Map<string, string> } {
  let map = drawn.get(kind);
  if (!map) {
    const features = (JSON.parse(readFileSync(FILES[kind], 'utf8')) as { features: Feature[] }).features;
    map = {
      ...drawMap(
        features.map((feature) => ({ key: feature.properties.code, geometry: feature.geometry })),
        480,
      ),
      // A province without figures is still named where the pointer rests.
      names: new Map(features.map((feature) => [feature.properties.code, feature.properties.name])),
    };
    drawn.set(kind, map);
  }
  return map;
}

/** The map for results of a year: the 63 provinces before 2025, the 34 units from 2025. */
export const mapKindOfYear = (year: number): MapKind => (year >= 2025 ? 'provinces2025' : 'provinces63');

/** Colours of the four groups (highest darkest) and of a province without figures: 3:1 against white borders. */
export const GROUP_FILL: Record<PapiGroup, string> = {
  1: '#0b5d3b',
  2: '#3f9a5f',
  3: '#9fd09a',
  4: '#eaf2c4',
};
const NO_DATA_FILL = '#c4c8ce';

export interface MapValue {
  group: PapiGroup | null;
  /** What a pointer over the province reads ("Hưng Yên: 44,12 · hạng 12"). */
  label: string;
}

export const ATTRIBUTION: Record<Lang, string> = {
  vi: 'Ranh giới hành chính: © Open Development Vietnam, bộ dữ liệu "Địa phận tỉnh" (nguồn gốc: Cục Đo đạc và Bản đồ), giấy phép CC BY-SA 4.0; đã đơn giản hoá hình học.',
  en: 'Boundaries: © Open Development Vietnam, "Địa phận tỉnh" dataset (originally Dept of Survey and Mapping), CC BY-SA 4.0; geometry simplified.',
};

/** The map as inline SVG: each province filled by its group, the `highlight`ed ones outlined. */
export function choropleth(
  kind: MapKind,
  values: ReadonlyMap<string, MapValue>,
  options: { id: string; title: string; highlight: ReadonlySet<string> },
): Html {
  const map = provinceMap(kind);
  const shapes = [...map.paths.entries()];
  // The outlined provinces last, so their borders are drawn over their neighbours'.
  shapes.sort(([a], [b]) => Number(options.highlight.has(a)) - Number(options.highlight.has(b)));
  return html`<svg viewBox="0 0 ${map.width} ${map.height}" role="img" aria-labelledby="${options.id}" focusable="false">
<title id="${options.id}">${options.title}</title>
${shapes.map(([code, d]) => {
  const value = values.get(code);
  const fill = value?.group ? GROUP_FILL[value.group] : NO_DATA_FILL;
  const outlined = options.highlight.has(code);
  return html`<path d="${d}" fill="${fill}" stroke="${outlined ? '#c2410c' : '#fff'}" stroke-width="${outlined ? 2 : 0.6}"><title>${value?.label ?? map.names.get(code) ?? code}</title></path>`;
})}
</svg>`;
}
