import { and, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import {
  addTallies,
  type ComplianceTally,
  emptyTally,
  type ObligationStatus,
  onTimeRatio,
  tallyStatuses,
} from '../../core/disclosures/compliance.ts';
import type { ComplianceBoardQuery, ObligationListQuery } from '../../core/disclosures/disclosure-schemas.ts';
import { ratePercent } from '../../core/indicators/rollup.ts';
import { parseSort } from '../../core/list.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { nowOf, todayOf } from '../clock.ts';
import { disclosureObligations, units } from '../db/schema/index.ts';
import { listEvidence } from '../files/evidence.ts';
import { assertReadsUnit } from '../units/unit-access.ts';
import {
  assertReadsObligation,
  canReadDisclosures,
  canRecordDisclosures,
  type DisclosureContext,
} from './disclosure-access.ts';
import { type JudgedObligation, judgeWhere } from './disclosure-judge.ts';

/**
 * The staff's reading of the register: a unit's obligations judged today (filter by status, item,
 * search without diacritics; sort; pages by the one list contract), one obligation with its records
 * place by place, and the coordinator's compliance board: every commune (or department) in scope with
 * its counts of on time, late, missing and taken down early, the most problems first.
 */
const collator = new Intl.Collator('vi');

export const disclosureOwner = (obligationId: number) => ({
  type: 'disclosure' as const,
  key: String(obligationId),
});

/** An obligation as lists show it. */
export function presentObligation(entry: JudgedObligation) {
  const { obligation, unit, rule, result } = entry;
  return {
    id: obligation.id,
    unitId: unit.id,
    unitName: unit.name,
    itemCode: obligation.itemCode,
    itemName: rule ? { vi: rule.nameVi, en: rule.nameEn } : null,
    title: obligation.title,
    decisionNumber: obligation.decisionNumber,
    decisionDate: obligation.decisionDate,
    periodFrom: obligation.periodFrom,
    periodTo: obligation.periodTo,
    documentUrl: obligation.documentUrl,
    due: result?.due ?? null,
    status: (result?.status ?? 'not_due') as ObligationStatus,
    complete: result?.complete ?? false,
    records: entry.records.length,
    /** On the public register since (null: not public). */
    publishedAt: obligation.publishedAt?.toISOString() ?? null,
    version: obligation.version,
  };
}

async function scopeOf(ctx: DisclosureContext, unitId: number | undefined): Promise<SQL[]> {
  const conditions: SQL[] = [scopeCondition(unitScope(ctx.user.grants, 'disclosures.read', units.path))];
  if (unitId !== undefined) {
    const unit = await assertReadsUnit(ctx, unitId);
    if (!canReadDisclosures(ctx.user, unit.path)) conditions.push(sql`false`);
    conditions.push(like(units.path, `${unit.path}%`));
  }
  return conditions;
}

export async function listObligations(ctx: DisclosureContext, query: ObligationListQuery) {
  const conditions = await scopeOf(ctx, query.unitId);
  if (query.itemCode) conditions.push(eq(disclosureObligations.itemCode, query.itemCode));
  if (query.q) conditions.push(like(disclosureObligations.search, searchPattern(query.q)));
  const judged = (await judgeWhere(ctx.db, and(...conditions), todayOf(ctx), { withNotes: false }))
    .map(presentObligation)
    .filter((entry) => !query.status || entry.status === query.status);
  const { field, direction } = parseSort(query.sort);
  const sign = direction === 'asc' ? 1 : -1;
  judged.sort((a, b) => {
    const order =
      field === 'title'
        ? collator.compare(a.title, b.title)
        : field === 'due'
          ? (a.due ?? '9999').localeCompare(b.due ?? '9999')
          : a.decisionDate.localeCompare(b.decisionDate);
    return sign * order || b.id - a.id;
  });
  const start = (query.page - 1) * query.perPage;
  return {
    items: judged.slice(start, start + query.perPage),
    page: query.page,
    perPage: query.perPage,
    total: judged.length,
  };
}

/** One obligation with its rule (in force on the decision's day), each place judged, its records and file. */
export async function obligationDetail(ctx: DisclosureContext, id: number) {
  const loaded = await assertReadsObligation(ctx, id);
  const [entry] = await judgeWhere(ctx.db, eq(disclosureObligations.id, id), todayOf(ctx), {
    withNotes: true,
  });
  if (!entry) throw new Error('obligation vanished');
  return {
    ...presentObligation(entry),
    rule: entry.rule,
    places:
      entry.result?.places.map((place) => ({ place: place.place, status: place.status, late: place.late })) ??
      [],
    recordList: entry.records.map((record) => {
      const judged = entry.result?.places
        .flatMap((place) => place.records)
        .find(
          (result) => result.from === record.from && result.to === record.to && result.place === record.place,
        );
      return {
        ...record,
        status: judged?.status ?? null,
        late: judged?.late ?? false,
        requiredUntil: judged?.requiredUntil ?? null,
      };
    }),
    publicFileId: entry.obligation.publicFileId,
    files: await listEvidence(ctx.db, disclosureOwner(id), nowOf(ctx)),
    canRecord: canRecordDisclosures(ctx.user, loaded.unitPath),
    updatedAt: entry.obligation.updatedAt.toISOString(),
  };
}

export interface BoardRow {
  unitId: number;
  name: string;
  counts: ComplianceTally;
  problems: number;
  /** On time over judged, in % (null when nothing was due). */
  onTime: number | null;
  numerator: number;
  denominator: number;
}

const problemsOf = (tally: ComplianceTally) => tally.missing + tally.late + tally.taken_down_early;

/**
 * The compliance board: each unit of the type in scope (in force today) with its obligations' counts
 * as judged today, and the total of them all (summed, never averaged). A count opens to the list
 * behind it (the obligations list with the unit and the status).
 */
export async function complianceBoard(ctx: DisclosureContext, query: ComplianceBoardQuery) {
  const today = todayOf(ctx);
  const conditions: SQL[] = [
    scopeCondition(unitScope(ctx.user.grants, 'disclosures.read', units.path)),
    eq(units.type, query.unitType),
    sql`${units.validFrom} <= ${today}`,
    sql`(${units.validTo} is null or ${units.validTo} >= ${today})`,
  ];
  if (query.q) conditions.push(like(units.nameSearch, searchPattern(query.q)));
  const unitRows = await ctx.db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(...conditions));
  const tallies = new Map<number, ComplianceTally>();
  if (unitRows.length > 0) {
    const judged = await judgeWhere(
      ctx.db,
      inArray(
        disclosureObligations.unitId,
        ctx.db
          .select({ id: units.id })
          .from(units)
          .where(and(...conditions)),
      ),
      today,
      { withNotes: false },
    );
    for (const entry of judged) {
      if (!entry.result) continue;
      const tally = tallies.get(entry.unit.id) ?? emptyTally();
      tallies.set(entry.unit.id, tallyStatuses([entry.result.status], tally));
    }
  }
  const total = emptyTally();
  const rows: BoardRow[] = unitRows.map((unit) => {
    const counts = tallies.get(unit.id) ?? emptyTally();
    addTallies(total, counts);
    const ratio = onTimeRatio(counts);
    const rate = ratePercent(ratio);
    return {
      unitId: unit.id,
      name: unit.name,
      counts,
      problems: problemsOf(counts),
      onTime: rate === null ? null : Math.round(rate * 10) / 10,
      ...ratio,
    };
  });
  const { field, direction } = parseSort(query.sort);
  const sign = direction === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const order =
      field === 'name'
        ? collator.compare(a.name, b.name)
        : field === 'onTime'
          ? (a.onTime ?? -1) - (b.onTime ?? -1)
          : a.problems - b.problems;
    return sign * order || collator.compare(a.name, b.name) || a.unitId - b.unitId;
  });
  const start = (query.page - 1) * query.perPage;
  const ratio = onTimeRatio(total);
  const rate = ratePercent(ratio);
  return {
    unitType: query.unitType,
    overall: {
      counts: total,
      problems: problemsOf(total),
      onTime: rate === null ? null : Math.round(rate * 10) / 10,
      ...ratio,
    },
    items: rows.slice(start, start + query.perPage),
    page: query.page,
    perPage: query.perPage,
    total: rows.length,
  };
}
