import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { CatalogueItem, DisclosurePlace } from '../../core/disclosures/catalogue.ts';
import { ruleInForce } from '../../core/disclosures/catalogue.ts';
import { judgeObligation, type ObligationResult } from '../../core/disclosures/compliance.ts';
import type { DbOrTx } from '../db/engine.ts';
import { disclosureItems, disclosureObligations, disclosureRecords, units } from '../db/schema/index.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';

/**
 * Obligations read with their records and judged by the catalogue version in force on each decision's
 * day, against the province's working-day calendar: one read serves a list, the board, the indicator
 * and the public pages (which pass `withNotes: false`, so the staff's notes are never even read).
 */
export type ItemRow = typeof disclosureItems.$inferSelect;
export type Rule = Pick<
  CatalogueItem,
  'code' | 'nameVi' | 'nameEn' | 'basis' | 'article' | 'places' | 'period' | 'loudspeakerDays' | 'deadline'
> & { id: number; validFrom: string; validTo: string | null; unconfirmed: boolean; note: string | null };

export interface JudgedRecord {
  id: number;
  place: DisclosurePlace;
  placeDetail: string | null;
  from: string;
  to: string | null;
  note?: string | null;
  version: number;
}

export interface JudgedObligation {
  obligation: typeof disclosureObligations.$inferSelect;
  unit: { id: number; name: string; path: string; type: string };
  rule: Rule | null;
  records: JudgedRecord[];
  result: ObligationResult | null;
}

export async function loadCatalogueRules(db: DbOrTx): Promise<Rule[]> {
  const rows = await db
    .select()
    .from(disclosureItems)
    .orderBy(asc(disclosureItems.position), asc(disclosureItems.id));
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    basis: row.basis,
    article: row.article,
    places: row.places,
    period: row.period,
    loudspeakerDays: row.loudspeakerDays,
    deadline: row.deadline,
    validFrom: row.validFrom,
    validTo: row.validTo,
    unconfirmed: row.unconfirmed,
    note: row.note,
  }));
}

export async function judgeWhere(
  db: DbOrTx,
  where: SQL | undefined,
  today: string,
  options: { withNotes: boolean },
): Promise<JudgedObligation[]> {
  const rows = await db
    .select({
      obligation: disclosureObligations,
      unit: { id: units.id, name: units.name, path: units.path, type: units.type },
      loudspeaker: units.hasLoudspeaker,
    })
    .from(disclosureObligations)
    .innerJoin(units, eq(units.id, disclosureObligations.unitId))
    .where(where);
  if (rows.length === 0) return [];
  const rules = await loadCatalogueRules(db);
  const { calendar } = await loadReportingCalendar(db);
  const ids = rows.map((row) => row.obligation.id);
  const records: (JudgedRecord & { obligationId: number })[] = [];
  // In slices: a province's whole register stays under the driver's parameter limit.
  for (let i = 0; i < ids.length; i += 5000) {
    const slice = ids.slice(i, i + 5000);
    const read = await db
      .select({
        id: disclosureRecords.id,
        obligationId: disclosureRecords.obligationId,
        place: disclosureRecords.place,
        placeDetail: disclosureRecords.placeDetail,
        from: disclosureRecords.fromDate,
        to: disclosureRecords.toDate,
        version: disclosureRecords.version,
        ...(options.withNotes ? { note: disclosureRecords.note } : {}),
      })
      .from(disclosureRecords)
      .where(inArray(disclosureRecords.obligationId, slice))
      .orderBy(asc(disclosureRecords.fromDate), asc(disclosureRecords.id));
    for (const row of read) records.push({ ...row, place: row.place as DisclosurePlace });
  }
  const byObligation = new Map<number, JudgedRecord[]>();
  for (const { obligationId, ...record } of records) {
    const list = byObligation.get(obligationId) ?? [];
    list.push(record);
    byObligation.set(obligationId, list);
  }
  return rows.map(({ obligation, unit, loudspeaker }) => {
    const rule = ruleInForce(rules, obligation.itemCode, obligation.decisionDate);
    const own = byObligation.get(obligation.id) ?? [];
    const result = rule
      ? judgeObligation(
          rule,
          {
            decisionDate: obligation.decisionDate,
            periodFrom: obligation.periodFrom,
            periodTo: obligation.periodTo,
          },
          own,
          today,
          calendar,
          { loudspeaker },
        )
      : null;
    return { obligation, unit, rule, records: own, result };
  });
}
