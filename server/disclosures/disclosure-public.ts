import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DisclosurePlace } from '../../core/disclosures/catalogue.ts';
import { ruleInForce } from '../../core/disclosures/catalogue.ts';
import { requiredPlaces } from '../../core/disclosures/compliance.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import type { DbOrTx } from '../db/engine.ts';
import {
  disclosureItems,
  disclosureObligations,
  disclosureRecords,
  evidenceFiles,
  units,
} from '../db/schema/index.ts';
import { evidenceFile } from '../files/evidence.ts';
import { slug } from '../public/format.ts';
import { loadCatalogueRules } from './disclosure-judge.ts';

/**
 * What the public reads of the register: only obligations switched public (`published_at`, by whoever
 * records the unit's disclosures), with the item, title, decision, the public link or the file the unit
 * marked public, each place whose posting has begun with its dates, and the day it went on the register;
 * what the catalogue requires of the unit's kind today. Never a staff note (the queries do not select
 * it), never a file that was not marked public.
 */
export const DISCLOSURES_BASE = '/cong-khai/thong-tin';

/** The anchor of one item on its unit's page ("#noi-dung-12"). */
export const obligationAnchor = (id: number) => `noi-dung-${id}`;

export interface PublicUnit {
  id: number;
  name: string;
  type: string;
  slug: string;
  /** The unit has a loudspeaker system (broadcasts are asked of it). */
  loudspeaker: boolean;
}

/** Whose register the public reads: the province's own budget, the communes', the departments'. */
export const REGISTER_UNIT_TYPES = ['province', 'commune', 'department'] as const;

/**
 * Communes and departments in force (and the province, for the register of its own budget), each with
 * an address without diacritics ("phuong-pho-hien").
 */
export async function publicUnits(
  db: DbOrTx,
  today: string,
  types: readonly string[] = ['commune', 'department'],
): Promise<PublicUnit[]> {
  const rows = await db
    .select({
      id: units.id,
      name: units.name,
      type: units.type,
      code: units.code,
      loudspeaker: units.hasLoudspeaker,
    })
    .from(units)
    .where(
      and(
        inArray(units.type, [...types]),
        lte(units.validFrom, today),
        or(isNull(units.validTo), sql`${units.validTo} >= ${today}`),
      ),
    );
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(slug(row.name), (counts.get(slug(row.name)) ?? 0) + 1);
  const collator = new Intl.Collator('vi');
  return rows
    .map((row) => {
      const words = slug(row.name);
      // Two units of one name are told apart by their code.
      return {
        id: row.id,
        name: row.name,
        type: row.type,
        loudspeaker: row.loudspeaker,
        slug: (counts.get(words) ?? 0) > 1 ? `${words}-${row.code ?? row.id}` : words,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}

const published = isNotNull(disclosureObligations.publishedAt);

export interface PublicPlace {
  place: DisclosurePlace;
  placeDetail: string | null;
  from: string;
  to: string | null;
}

export interface PublicObligation {
  id: number;
  unitName: string;
  itemCode: string;
  itemName: { vi: string; en: string } | null;
  article: string | null;
  title: string;
  decisionNumber: string | null;
  decisionDate: string;
  documentUrl: string | null;
  file: { id: number; fileName: string } | null;
  places: PublicPlace[];
  /** The day it went on the public register (Vietnam's date). */
  publishedOn: string;
  /** Still posted somewhere today, or on the register before any posting began. */
  current: boolean;
}

/** The published obligations of a unit (or the latest of every unit, `unitId` null), newest first. */
export async function publicObligations(
  db: DbOrTx,
  options: { unitId: number | null; today: string; limit?: number },
): Promise<PublicObligation[]> {
  const where = and(
    published,
    options.unitId === null ? undefined : eq(disclosureObligations.unitId, options.unitId),
  );
  return readObligations(db, where, options.today, options.limit);
}

/**
 * One obligation exactly as the public would read it, published or not (the staff's preview; the
 * caller checks who asks). Not yet published, it reads as if it went on the register today.
 */
export async function previewObligation(db: DbOrTx, id: number, today: string) {
  const [entry] = await readObligations(db, eq(disclosureObligations.id, id), today);
  return entry ?? null;
}

async function readObligations(
  db: DbOrTx,
  where: SQL | undefined,
  today: string,
  limit?: number,
): Promise<PublicObligation[]> {
  const query = db
    .select({
      id: disclosureObligations.id,
      unitName: units.name,
      itemCode: disclosureObligations.itemCode,
      title: disclosureObligations.title,
      decisionNumber: disclosureObligations.decisionNumber,
      decisionDate: disclosureObligations.decisionDate,
      documentUrl: disclosureObligations.documentUrl,
      fileId: evidenceFiles.id,
      fileName: evidenceFiles.fileName,
      publishedAt: disclosureObligations.publishedAt,
    })
    .from(disclosureObligations)
    .innerJoin(units, eq(units.id, disclosureObligations.unitId))
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, disclosureObligations.publicFileId))
    .where(where)
    .orderBy(desc(disclosureObligations.decisionDate), desc(disclosureObligations.id));
  const rows = limit ? await query.limit(limit) : await query;
  if (rows.length === 0) return [];
  const records = await db
    .select({
      obligationId: disclosureRecords.obligationId,
      place: disclosureRecords.place,
      placeDetail: disclosureRecords.placeDetail,
      from: disclosureRecords.fromDate,
      to: disclosureRecords.toDate,
    })
    .from(disclosureRecords)
    .where(
      and(
        inArray(
          disclosureRecords.obligationId,
          rows.map((row) => row.id),
        ),
        lte(disclosureRecords.fromDate, today),
      ),
    )
    .orderBy(asc(disclosureRecords.fromDate), asc(disclosureRecords.id));
  const rules = await loadCatalogueRules(db);
  return rows.map((row) => {
    const places = records
      .filter((record) => record.obligationId === row.id)
      .map(({ obligationId: _id, ...record }) => ({ ...record, place: record.place as DisclosurePlace }));
    const rule = ruleInForce(rules, row.itemCode, row.decisionDate);
    return {
      id: row.id,
      unitName: row.unitName,
      itemCode: row.itemCode,
      itemName: rule ? { vi: rule.nameVi, en: rule.nameEn } : null,
      article: rule?.article ?? null,
      title: row.title,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate,
      documentUrl: row.documentUrl,
      file: row.fileId !== null && row.fileName !== null ? { id: row.fileId, fileName: row.fileName } : null,
      places,
      publishedOn: row.publishedAt ? todayInVietnam(row.publishedAt) : today,
      current: places.length === 0 || places.some((place) => place.to === null || place.to >= today),
    };
  });
}

/** The catalogue items in force today for a kind of unit: what it must disclose. */
export async function requiredOf(db: DbOrTx, unit: { type: string; loudspeaker: boolean }, today: string) {
  const rows = await db.select().from(disclosureItems).orderBy(asc(disclosureItems.position));
  return rows
    .filter(
      (row) =>
        row.unitTypes.includes(unit.type) &&
        row.validFrom <= today &&
        (row.validTo === null || row.validTo >= today),
    )
    .map((row) =>
      // Where there is no loudspeaker system, no broadcast is asked.
      unit.loudspeaker ? row : { ...row, places: requiredPlaces(row, unit), loudspeakerDays: null },
    );
}

/** A file the public may download: one a published obligation marks public; null otherwise. */
export async function publicFile(db: DbOrTx, fileId: number) {
  const [row] = await db
    .select({ id: disclosureObligations.id })
    .from(disclosureObligations)
    .where(and(eq(disclosureObligations.publicFileId, fileId), published));
  if (!row) return null;
  return evidenceFile(db, { type: 'disclosure', key: String(row.id) }, fileId).catch(() => null);
}
