import { readFileSync } from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { fieldError, msg } from '../../core/errors.ts';
import { type AreaGeometry, containsPoint, distanceOutside } from '../../core/geo/point-in-area.ts';
import type { DbOrTx } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';

/**
 * The 34 provinces' boundaries (reference/geo, CC BY-SA 4.0, simplified: a border may be off by up to
 * 1.23 km) read once, and the one check the intake needs of them: a map point a citizen's device or an
 * application gives must lie in the installation's province, or within the simplification's margin.
 */
interface ProvinceArea {
  code: string;
  fullName: string;
  geometry: AreaGeometry;
}

const FILE = new URL('../../reference/geo/provinces_2025.geojson', import.meta.url);
/** A point this close outside the simplified border is taken as inside it. */
export const BORDER_MARGIN_M = 2000;

let areas: ProvinceArea[] | null = null;
function provinceAreas(): ProvinceArea[] {
  if (!areas) {
    const collection = JSON.parse(readFileSync(FILE, 'utf8')) as {
      features: { properties: { code: string; full_name: string }; geometry: AreaGeometry }[];
    };
    areas = collection.features.map((feature) => ({
      code: feature.properties.code,
      fullName: feature.properties.full_name,
      geometry: feature.geometry,
    }));
  }
  return areas;
}

/** The province a point lies in, if any. */
export function provinceAt(lat: number, lng: number): { code: string; fullName: string } | null {
  const found = provinceAreas().find((area) => containsPoint(area.geometry, [lng, lat]));
  return found ? { code: found.code, fullName: found.fullName } : null;
}

/**
 * Refuses a map point outside the installation's province(s), naming where it lies; a point given
 * without its pair, or none, passes (the place in words and the commune picked are what count).
 */
export async function assertPointInProvince(db: DbOrTx, lat: number | null, lng: number | null) {
  if ((lat === null) !== (lng === null))
    throw fieldError(
      lat === null ? 'lat' : 'lng',
      msg('Vị trí cần có cả vĩ độ và kinh độ.', 'A map point needs both latitude and longitude.'),
    );
  if (lat === null || lng === null) return;
  const ours = await db
    .select({ code: units.code })
    .from(units)
    .where(and(eq(units.type, 'province'), isNull(units.validTo)));
  const known = provinceAreas().filter((area) => ours.some((province) => province.code === area.code));
  // An installation whose province is not among the 34 (a test tree, another country's codes): no check.
  if (known.length === 0) return;
  if (known.some((area) => distanceOutside(area.geometry, [lng, lat]) <= BORDER_MARGIN_M)) return;
  const elsewhere = provinceAt(lat, lng);
  const here = known.map((area) => area.fullName).join(', ');
  throw fieldError(
    'lat',
    msg(
      `Vị trí trên bản đồ nằm ${elsewhere ? `ở ${elsewhere.fullName}` : 'ngoài lãnh thổ các tỉnh'}, không thuộc ${here}: hãy lấy lại vị trí, hoặc bỏ vị trí và chỉ chọn xã, phường.`,
      `The map point lies ${elsewhere ? `in ${elsewhere.fullName}` : 'outside every province'}, not in ${here}: take the location again, or remove it and just choose the commune.`,
    ),
  );
}
