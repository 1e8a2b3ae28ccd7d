import { eq, inArray } from 'drizzle-orm';
import type { AuditEventContent, AuditNames } from '../../core/audit/audit-event.ts';
import { walkCriteria } from '../../core/frameworks/framework.ts';
import type { DbOrTx } from '../db/engine.ts';
import {
  assessmentRounds,
  feedbackItems,
  frameworks,
  indicators,
  indicatorTargets,
  planItems,
  plans,
  reports,
  units,
  users,
} from '../db/schema/index.ts';

const ids = (values: (string | number | null | undefined)[]) => [
  ...new Set(values.map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 2_147_483_647)),
];
/** A round score's key, "round/unit/criterion" (assessment-access.ts scoreKey). */
const scoreParts = (key: string | null) => {
  const [round, unit, ...code] = (key ?? '').split('/');
  return { roundId: Number(round), unitId: Number(unit), code: code.join('/') };
};
/** Long task texts are named by their start. */
const short = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

/**
 * The names a page of audit events refers to, read in a few queries for the whole page (never one
 * per event): people, units, plans and tasks, rounds and criteria, reports, frameworks, indicators,
 * citizens' feedback (its tracking code).
 */
export async function auditNames(db: DbOrTx, events: AuditEventContent[]): Promise<AuditNames[]> {
  const of = (type: string) => events.filter((event) => event.entityType === type);
  const scores = of('round_score').map((event) => scoreParts(event.entityId));
  const reportIds = ids(of('report').map((event) => event.entityId));
  const reportRows = reportIds.length
    ? await db
        .select({ id: reports.id, unitId: reports.unitId, periodCode: reports.periodCode })
        .from(reports)
        .where(inArray(reports.id, reportIds))
    : [];
  const unitIds = ids([
    ...events.map((event) => event.unitId),
    ...of('unit').map((event) => event.entityId),
    ...scores.map((score) => score.unitId),
    ...reportRows.map((report) => report.unitId),
  ]);
  const roundIds = ids([
    ...of('assessment_round').map((event) => event.entityId),
    ...scores.map((s) => s.roundId),
  ]);
  const targetIds = ids(of('indicator_target').map((event) => event.entityId));
  const feedbackRows = await select(ids(of('feedback').map((e) => e.entityId)), (list) =>
    db
      .select({ id: feedbackItems.id, name: feedbackItems.code })
      .from(feedbackItems)
      .where(inArray(feedbackItems.id, list)),
  );
  const feedbackCodes = new Map(feedbackRows.map((row) => [row.id, row.name]));
  const [userRows, unitRows, planRows, itemRows, roundRows, frameworkRows, targetRows] = await Promise.all([
    select(ids([...of('user').map((e) => e.entityId), ...events.map((e) => e.actorId)]), (list) =>
      db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, list)),
    ),
    select(unitIds, (list) =>
      db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, list)),
    ),
    select(ids(of('plan').map((e) => e.entityId)), (list) =>
      db.select({ id: plans.id, name: plans.title }).from(plans).where(inArray(plans.id, list)),
    ),
    select(ids(of('plan_item').map((e) => e.entityId)), (list) =>
      db
        .select({ id: planItems.id, name: planItems.text })
        .from(planItems)
        .where(inArray(planItems.id, list)),
    ),
    select(roundIds, (list) =>
      db
        .select({ id: assessmentRounds.id, name: assessmentRounds.name, definition: frameworks.definition })
        .from(assessmentRounds)
        .innerJoin(frameworks, eq(frameworks.id, assessmentRounds.frameworkId))
        .where(inArray(assessmentRounds.id, list)),
    ),
    select(ids(of('framework').map((e) => e.entityId)), (list) =>
      db
        .select({ id: frameworks.id, name: frameworks.nameVi })
        .from(frameworks)
        .where(inArray(frameworks.id, list)),
    ),
    select(targetIds, (list) =>
      db
        .select({ id: indicatorTargets.id, name: indicators.nameVi })
        .from(indicatorTargets)
        .innerJoin(indicators, eq(indicators.code, indicatorTargets.indicatorCode))
        .where(inArray(indicatorTargets.id, list)),
    ),
  ]);
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const [people, unitNames, planNames, items, rounds, frameworkNames, targets, reportsById] = [
    byId(userRows),
    byId(unitRows),
    byId(planRows),
    byId(itemRows),
    byId(roundRows),
    byId(frameworkRows),
    byId(targetRows),
    byId(reportRows),
  ];
  const criterionName = (roundId: number, code: string) => {
    const criterion = walkCriteria(rounds.get(roundId)?.definition.criteria ?? []).find(
      (entry) => entry.criterion.code === code,
    )?.criterion;
    return criterion ? `${criterion.code} ${criterion.nameVi}` : code || null;
  };

  return events.map((event) => {
    const id = Number(event.entityId);
    const names: AuditNames = {
      actor: people.get(event.actorId ?? 0)?.name ?? null,
      entity: null,
      unit: unitNames.get(event.unitId ?? 0)?.name ?? null,
      round: null,
      criterion: null,
      period: null,
    };
    switch (event.entityType) {
      case 'user':
        names.entity = people.get(id)?.name ?? null;
        break;
      case 'unit':
        names.entity = unitNames.get(id)?.name ?? null;
        break;
      case 'plan':
        names.entity = planNames.get(id)?.name ?? null;
        break;
      case 'plan_item': {
        const text = items.get(id)?.name;
        names.entity = text ? short(text) : null;
        break;
      }
      case 'framework':
        names.entity = frameworkNames.get(id)?.name ?? null;
        break;
      case 'indicator_target':
        names.entity = targets.get(id)?.name ?? null;
        break;
      case 'assessment_round':
        names.round = rounds.get(id)?.name ?? null;
        break;
      case 'round_score': {
        const score = scoreParts(event.entityId);
        names.round = rounds.get(score.roundId)?.name ?? null;
        names.unit = unitNames.get(score.unitId)?.name ?? names.unit;
        names.criterion = criterionName(score.roundId, score.code);
        break;
      }
      case 'report': {
        const report = reportsById.get(id);
        names.unit = unitNames.get(report?.unitId ?? 0)?.name ?? names.unit;
        names.period = report?.periodCode ?? null;
        break;
      }
      case 'dossier':
        names.entity = event.entityId;
        break;
      case 'feedback':
        // A citizen's item by its tracking code.
        names.entity = feedbackCodes.get(id) ?? null;
        break;
    }
    return names;
  });
}

async function select<T>(list: number[], query: (list: number[]) => Promise<T[]>): Promise<T[]> {
  return list.length ? query(list) : [];
}
