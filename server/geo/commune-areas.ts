import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { type AreaGeometry, containsPoint, distanceOutside } from '../../core/geo/point-in-area.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { settings, units } from '../db/schema/index.ts';
import type { SettingsContext } from '../db/settings.ts';
import { writeVersioned } from '../db/versioned.ts';

/**
 * The communes' boundaries, which the province loads itself (the state's 2025 list carries codes and
 * names only; a province has its own from its land and mapping office): a GeoJSON FeatureCollection
 * whose features carry the commune's official code. With them, the citizen's form finds the commune
 * from the point the phone gives. Kept as one installation setting (read once, cached by its version);
 * the audit records what was loaded, not the shapes.
 */
const KEY = 'feedback_commune_areas';
/** A point this close outside every loaded commune (a border drawn a little off) still finds the nearest. */
export const COMMUNE_MARGIN_M = 300;

interface StoredArea {
  code: string;
  geometry: AreaGeometry;
}

/** Parsed once per database and version of the setting (a process may hold several databases: tests). */
const cache = new WeakMap<object, { version: number; areas: StoredArea[] }>();

/** The loaded boundaries and the setting's version (0: none loaded yet). */
async function storedAreas(db: DbOrTx): Promise<{ version: number; areas: StoredArea[] }> {
  const [row] = await db
    .select({ version: settings.version, value: settings.value })
    .from(settings)
    .where(eq(settings.key, KEY));
  if (!row) return { version: 0, areas: [] };
  const cached = cache.get(db);
  if (cached?.version === row.version) return cached;
  const loaded = { version: row.version, areas: JSON.parse(row.value) as StoredArea[] };
  cache.set(db, loaded);
  return loaded;
}

async function communesInForce(db: DbOrTx): Promise<{ code: string; name: string }[]> {
  const rows = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.type, 'commune'), isNull(units.validTo), isNotNull(units.code)));
  return rows.map((row) => ({ code: row.code ?? '', name: row.name }));
}

/** The commune in force whose loaded boundary holds the point (or lies within the margin of it), if any. */
export async function communeAt(db: DbOrTx, lat: number, lng: number) {
  const { areas } = await storedAreas(db);
  if (areas.length === 0) return null;
  const point = [lng, lat] as const;
  let found = areas.find((area) => containsPoint(area.geometry, point));
  if (!found) {
    const nearest = areas
      .map((area) => ({ area, metres: distanceOutside(area.geometry, point) }))
      .sort((a, b) => a.metres - b.metres)[0];
    if (nearest && nearest.metres <= COMMUNE_MARGIN_M) found = nearest.area;
  }
  if (!found) return null;
  const [commune] = await db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.type, 'commune'), isNull(units.validTo), eq(units.code, found.code)));
  return commune ? { code: found.code, name: commune.name } : null;
}

/** What is loaded, for the settings screen: how many communes have a boundary, and which lack one. */
export async function communeAreasStatus(ctx: SettingsContext) {
  assertManages(ctx);
  const { version, areas } = await storedAreas(ctx.db);
  const loaded = new Set(areas.map((area) => area.code));
  const communes = await communesInForce(ctx.db);
  return {
    loaded: communes.filter((unit) => loaded.has(unit.code)).length,
    communes: communes.length,
    missing: communes.filter((unit) => !loaded.has(unit.code)),
    version,
  };
}

function assertManages(ctx: SettingsContext) {
  if (!hasInstallationPermission(ctx.user.grants, 'feedback.manage'))
    throw new AppError('INSTALLATION_WIDE_ONLY');
}

const isPosition = (value: unknown) =>
  Array.isArray(value) &&
  value.length >= 2 &&
  typeof value[0] === 'number' &&
  typeof value[1] === 'number' &&
  Math.abs(value[0]) <= 180 &&
  Math.abs(value[1]) <= 90;
const isRing = (value: unknown) => Array.isArray(value) && value.length >= 4 && value.every(isPosition);
const isPolygon = (value: unknown) => Array.isArray(value) && value.length >= 1 && value.every(isRing);

/**
 * Loads the communes' boundaries from a GeoJSON FeatureCollection, all or nothing: each feature names
 * its commune by `code` (or `ma_xa`, `maXa`) in the 2025 list, and is a Polygon or MultiPolygon in
 * longitude/latitude. Every problem names the feature (its place in the file) and why; a commune of
 * another province or a code that is not a commune is refused. Replaces what was loaded before.
 */
export async function saveCommuneAreas(ctx: SettingsContext, text: string) {
  assertManages(ctx);
  const refuse = (vi: string, en: string) => fieldError('file', msg(vi, en));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse('Tệp không phải JSON (GeoJSON) hợp lệ.', 'The file is not valid JSON (GeoJSON).');
  }
  const features = (parsed as { type?: unknown; features?: unknown })?.features;
  if ((parsed as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features))
    throw refuse(
      'Tệp phải là một GeoJSON FeatureCollection, mỗi đối tượng là ranh giới một xã, phường.',
      'The file must be a GeoJSON FeatureCollection, one feature per commune.',
    );
  const communes = new Map((await communesInForce(ctx.db)).map((unit) => [unit.code, unit.name]));
  const areas: StoredArea[] = [];
  const problems: string[] = [];
  const problemsEn: string[] = [];
  features.forEach(
    (
      feature: { properties?: Record<string, unknown>; geometry?: { type?: unknown; coordinates?: unknown } },
      index,
    ) => {
      const where = `Đối tượng ${index + 1}`;
      const whereEn = `Feature ${index + 1}`;
      const props = feature?.properties ?? {};
      const raw = props.code ?? props.ma_xa ?? props.maXa;
      const code =
        typeof raw === 'number' ? String(raw).padStart(5, '0') : typeof raw === 'string' ? raw.trim() : '';
      const geometry = feature?.geometry;
      if (!code) {
        problems.push(`${where}: thiếu mã xã, phường (thuộc tính "code").`);
        problemsEn.push(`${whereEn}: no commune code (property "code").`);
      } else if (!communes.has(code)) {
        problems.push(`${where}: mã ${code} không phải xã, phường đang hoạt động của tỉnh.`);
        problemsEn.push(`${whereEn}: ${code} is not a commune of the province in force.`);
      } else if (
        !geometry ||
        !(
          (geometry.type === 'Polygon' && isPolygon(geometry.coordinates)) ||
          (geometry.type === 'MultiPolygon' &&
            Array.isArray(geometry.coordinates) &&
            geometry.coordinates.length > 0 &&
            geometry.coordinates.every(isPolygon))
        )
      ) {
        problems.push(
          `${where} (${communes.get(code)}): hình phải là Polygon hoặc MultiPolygon theo kinh độ, vĩ độ.`,
        );
        problemsEn.push(
          `${whereEn} (${communes.get(code)}): the shape must be a Polygon or MultiPolygon in longitude/latitude.`,
        );
      } else if (areas.some((area) => area.code === code)) {
        problems.push(`${where}: ${communes.get(code)} đã có ranh giới ở đối tượng trước.`);
        problemsEn.push(`${whereEn}: ${communes.get(code)} already has a boundary in an earlier feature.`);
      } else areas.push({ code, geometry: geometry as AreaGeometry });
    },
  );
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Chưa nạp: ${problems.slice(0, 10).join(' ')}${problems.length > 10 ? ` (và ${problems.length - 10} lỗi khác)` : ''}`,
        `Nothing loaded: ${problemsEn.slice(0, 10).join(' ')}${problemsEn.length > 10 ? ` (and ${problemsEn.length - 10} more)` : ''}`,
      ),
    );
  if (areas.length === 0)
    throw refuse('Tệp không có ranh giới xã, phường nào.', 'The file holds no commune boundary.');
  // A new file replaces the old one (the screen asks first): written over the version there now.
  const { version } = await storedAreas(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const value = JSON.stringify(areas);
    await writeVersioned(tx, {
      table: settings,
      where: eq(settings.key, KEY),
      version,
      set: { value },
      insert: { key: KEY, value },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    await audit({
      action: 'feedback.commune_areas',
      entityType: 'settings',
      entityId: KEY,
      after: { communes: areas.map((area) => area.code) },
    });
  });
  return communeAreasStatus(ctx);
}
