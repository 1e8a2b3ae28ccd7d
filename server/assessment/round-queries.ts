import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Framework, frameworkMaximum, walkCriteria } from '../../core/frameworks/framework.ts';
import { effectiveScore, type Stage } from '../../core/frameworks/rounds.ts';
import {
  averageScores,
  type NonSubmitterRule,
  scoreRound,
  type UnitScore,
  yearOnYear,
} from '../../core/frameworks/scoring.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { todayOf } from '../clock.ts';
import {
  assessmentRounds,
  frameworks,
  roundScores,
  roundUnits,
  unitSuccessions,
  units,
} from '../db/schema/index.ts';
import { evidenceCounts } from '../files/evidence.ts';
import { findUnit } from '../indicators/indicator-access.ts';
import { criterionSurveyFigures } from '../surveys/survey-indicators.ts';
import {
  type AssessmentContext,
  assertReadsRound,
  assertReadsSheet,
  canReadRoundInFull,
  leavesOf,
  loadRound,
  type RoundRow,
  scoreKey,
  unitsOfRoundInScope,
} from './assessment-access.ts';

// ---- Rounds ----------------------------------------------------------------------------------------

function presentRound(round: RoundRow, framework: Framework) {
  return {
    id: round.id,
    name: round.name,
    year: round.year,
    frameworkId: round.frameworkId,
    frameworkName: framework.nameVi,
    frameworkNameEn: framework.nameEn || null,
    ownerUnitId: round.ownerUnitId,
    stage: round.stage as Stage,
    deadlines: round.deadlines,
    bonusCap: round.bonusCap,
    penaltyCap: round.penaltyCap,
    nonSubmitters: round.nonSubmitters as NonSubmitterRule,
    publishedAt: round.publishedAt?.toISOString() ?? null,
    version: round.version,
  };
}

export async function listRounds(ctx: AssessmentContext) {
  const rows = await ctx.db
    .select({ round: assessmentRounds, framework: frameworks.definition, ownerPath: units.path })
    .from(assessmentRounds)
    .innerJoin(frameworks, eq(frameworks.id, assessmentRounds.frameworkId))
    .innerJoin(units, eq(units.id, assessmentRounds.ownerUnitId))
    .orderBy(desc(assessmentRounds.year), desc(assessmentRounds.id));
  const visible = [];
  for (const row of rows) {
    if (
      canReadRoundInFull(ctx.user, row.ownerPath) ||
      (await unitsOfRoundInScope(ctx, row.round.id)).length > 0
    )
      visible.push(presentRound(row.round, row.framework));
  }
  return visible;
}

/** The round and its dashboard: each unit's progress in the current stage and its score so far. */
export async function getRound(ctx: AssessmentContext, id: number) {
  const { round, framework, seesAll } = await assertReadsRound(ctx, id);
  const mine = seesAll ? null : new Set(await unitsOfRoundInScope(ctx, id));
  const members = await ctx.db
    .select({ unit: roundUnits, name: units.name, code: units.code })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(eq(roundUnits.roundId, id))
    .orderBy(sql`${units.name} collate vi`);
  const entries = await entriesByUnit(ctx, id);
  const leaves = leavesOf(framework);
  const results = scoreRound(
    framework,
    members.map(({ unit }) => inputOf(unit, entries)),
    rules(round),
  );
  const resultOf = new Map(results.map((result) => [result.unitId, result]));
  const today = todayOf(ctx);
  return {
    ...presentRound(round, framework),
    leafCount: leaves.length,
    maximum: frameworkMaximum(framework),
    overdue: round.stage !== 'published' && today > (round.deadlines[round.stage] ?? '9999-12-31'),
    units: members
      .filter(({ unit }) => mine === null || mine.has(unit.unitId))
      .map(({ unit, name, code }) => {
        const own = entries.get(unit.unitId);
        const result = resultOf.get(unit.unitId);
        return {
          unitId: unit.unitId,
          name,
          code,
          selfSubmittedAt: unit.selfSubmittedAt?.toISOString() ?? null,
          selfScored: own?.selfScored ?? 0,
          appraised: own?.appraised ?? 0,
          returned: own?.returned ?? 0,
          total: result ? round2(result.total) : null,
        };
      }),
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const rules = (round: RoundRow) => ({ bonusCap: round.bonusCap, penaltyCap: round.penaltyCap });

type MemberRow = typeof roundUnits.$inferSelect;

interface UnitEntries {
  leaves: Record<string, number | null>;
  selfScored: number;
  appraised: number;
  returned: number;
}

/**
 * Every unit's entries in a round, grouped by unit in one pass over one query (a round of 3,321
 * communes × 120 criteria is 400,000 rows).
 */
async function entriesByUnit(ctx: ServiceContext, roundId: number): Promise<Map<number, UnitEntries>> {
  const { rows } = await ctx.db.execute<{
    unit_id: number;
    code: string;
    self: number | null;
    appraised: number | null;
    awaiting: boolean;
  }>(sql`select unit_id, criterion_code as code, self_score as self, appraised_score as appraised,
           returned_reason is not null and explanation is null as awaiting
         from round_scores where round_id = ${roundId}`);
  const byUnit = new Map<number, UnitEntries>();
  for (const { unit_id: unitId, code, self: selfScore, appraised: appraisedScore, awaiting } of rows) {
    let entries = byUnit.get(unitId);
    if (!entries) {
      entries = { leaves: {}, selfScored: 0, appraised: 0, returned: 0 };
      byUnit.set(unitId, entries);
    }
    entries.leaves[code] = effectiveScore({ selfScore, appraisedScore });
    if (selfScore !== null) entries.selfScored += 1;
    if (appraisedScore !== null) entries.appraised += 1;
    if (awaiting) entries.returned += 1;
  }
  return byUnit;
}

function inputOf(unit: MemberRow, entries: Map<number, UnitEntries>) {
  return {
    unitId: unit.unitId,
    leaves: entries.get(unit.unitId)?.leaves ?? {},
    adjustments: { bonus: unit.bonus, penalty: unit.penalty },
  };
}

/** A unit's assessment sheet: every leaf with the unit's and the council's entries and evidence count. */
export async function getSheet(ctx: AssessmentContext, roundId: number, unitId: number) {
  const { round, framework, unit } = await assertReadsSheet(ctx, roundId, unitId);
  const member = { unit: unit.member, name: unit.name };
  const scores = await ctx.db
    .select()
    .from(roundScores)
    .where(and(eq(roundScores.roundId, roundId), eq(roundScores.unitId, unitId)));
  const byCode = new Map(scores.map((row) => [row.criterionCode, row]));
  const evidence = await evidenceCounts(
    ctx.db,
    'round_score',
    leavesOf(framework).map((criterion) => scoreKey(roundId, unitId, criterion.code)),
  );
  const leafScores = Object.fromEntries(scores.map((row) => [row.criterionCode, effectiveScore(row)]));
  // Survey-derived criteria show what the province's satisfaction surveys measured for the unit that year.
  const surveyed = leavesOf(framework).some((criterion) => criterion.method === 'survey')
    ? await criterionSurveyFigures(ctx.db, framework.code, await findUnit(ctx.db, unitId), round.year)
    : new Map();
  // Once the self-assessment stage is over, a unit that never sent its sheet is scored as the results are.
  const submitted = member.unit.selfSubmittedAt !== null || round.stage === 'self';
  const [result] = scoreRound(
    framework,
    [
      {
        unitId,
        leaves: leafScores,
        adjustments: { bonus: member.unit.bonus, penalty: member.unit.penalty },
        submitted,
      },
    ],
    rules(round),
    round.nonSubmitters as NonSubmitterRule,
  );
  const participating = result?.participating ?? false;
  return {
    round: presentRound(round, framework),
    unit: { id: unitId, name: member.name },
    selfSubmittedAt: member.unit.selfSubmittedAt?.toISOString() ?? null,
    bonus: member.unit.bonus,
    penalty: member.unit.penalty,
    adjustmentReason: member.unit.adjustmentReason,
    version: member.unit.version,
    criteria: walkCriteria(framework.criteria).map(({ criterion, parent, depth }) => {
      const row = byCode.get(criterion.code);
      const isLeaf = !criterion.children?.length;
      return {
        code: criterion.code,
        parent,
        depth,
        nameVi: criterion.nameVi,
        maxPoints: criterion.maxPoints,
        evidenceRequired: criterion.evidenceRequired ?? false,
        guidance: criterion.guidance ?? null,
        isLeaf,
        selfScore: row?.selfScore ?? null,
        selfComment: row?.selfComment ?? null,
        appraisedScore: row?.appraisedScore ?? null,
        appraisalReason: row?.appraisalReason ?? null,
        returnedReason: row?.returnedReason ?? null,
        explanation: row?.explanation ?? null,
        version: row?.version ?? 0,
        score: result && participating ? round2(result.scores[criterion.code] ?? 0) : null,
        evidenceCount: isLeaf ? (evidence.get(scoreKey(roundId, unitId, criterion.code)) ?? 0) : 0,
        method: criterion.method,
        survey: isLeaf && criterion.method === 'survey' ? (surveyed.get(criterion.code) ?? null) : null,
      };
    }),
    participating,
    total: result && participating ? round2(result.total) : null,
    percent: result && participating ? round2(result.percent) : null,
    band: result?.band?.label ?? null,
  };
}

/** The ranking of a round (whoever asks has passed assertResultsVisible). */
/** A round's results; `allGaps`: every criterion below full marks (the screen shows a unit's ten largest). */
export async function getResults(ctx: ServiceContext, roundId: number, options: { allGaps?: boolean } = {}) {
  const { round, framework } = await loadRound(ctx, roundId);
  const { members, results } = await scoredRound(ctx, round, framework);
  const change = await changeSincePreviousRound(ctx, round, framework, results);
  const names = new Map(members.map(({ unit, name }) => [unit.unitId, name]));
  const topLevel = framework.criteria.map((criterion) => ({
    code: criterion.code,
    nameVi: criterion.nameVi,
    maxPoints: criterion.maxPoints,
  }));
  const average = averageScores(
    results,
    topLevel.map((criterion) => criterion.code),
  );
  // Ranked units first, then those left out ("không tham gia"), each by name.
  const order = (result: UnitScore) => (result.rank === null ? Number.MAX_SAFE_INTEGER : result.rank);
  return {
    round: presentRound(round, framework),
    previousRound: change.previous,
    criteria: topLevel,
    average: Object.fromEntries(Object.entries(average).map(([code, value]) => [code, round2(value)])),
    participating: results.filter((result) => result.participating).length,
    units: results
      .sort(
        (a, b) =>
          order(a) - order(b) || (names.get(a.unitId) ?? '').localeCompare(names.get(b.unitId) ?? '', 'vi'),
      )
      .map((result: UnitScore) => {
        const shown = <T>(value: T) => (result.participating ? value : null);
        return {
          unitId: result.unitId,
          name: names.get(result.unitId) ?? '',
          participating: result.participating,
          total: shown(round2(result.total)),
          percent: shown(round2(result.percent)),
          band: result.band?.label ?? null,
          rank: result.rank,
          change: change.byUnit.get(result.unitId) ?? null,
          bonus: result.bonus,
          penalty: result.penalty,
          areas: result.participating
            ? Object.fromEntries(
                topLevel.map((criterion) => [criterion.code, round2(result.scores[criterion.code] ?? 0)]),
              )
            : {},
          gaps: result.participating
            ? result.gaps
                .slice(0, options.allGaps ? undefined : 10)
                .map((gap) => ({ ...gap, lost: round2(gap.lost) }))
            : [],
        };
      }),
  };
}

export async function scoredRound(ctx: ServiceContext, round: RoundRow, framework: Framework) {
  const members = await ctx.db
    .select({ unit: roundUnits, name: units.name })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(eq(roundUnits.roundId, round.id));
  const entries = await entriesByUnit(ctx, round.id);
  const results = scoreRound(
    framework,
    members.map(({ unit }) => ({ ...inputOf(unit, entries), submitted: unit.selfSubmittedAt !== null })),
    rules(round),
    round.nonSubmitters as NonSubmitterRule,
  );
  return { members, results };
}

/** The last published round of the same index run by the same unit in an earlier year, scored; or null. */
export async function previousScoredRound(ctx: ServiceContext, round: RoundRow, framework: Framework) {
  const [previous] = await ctx.db
    .select({ round: assessmentRounds, framework: frameworks.definition })
    .from(assessmentRounds)
    .innerJoin(frameworks, eq(frameworks.id, assessmentRounds.frameworkId))
    .where(
      and(
        eq(frameworks.code, framework.code),
        eq(assessmentRounds.ownerUnitId, round.ownerUnitId),
        eq(assessmentRounds.stage, 'published'),
        lt(assessmentRounds.year, round.year),
      ),
    )
    .orderBy(desc(assessmentRounds.year), desc(assessmentRounds.id))
    .limit(1);
  if (!previous) return null;
  const { results } = await scoredRound(ctx, previous.round, previous.framework);
  return { round: previous.round, framework: previous.framework, results };
}

/** Each unit's predecessors (the units whose history it carries since a merger). */
export async function predecessorsOf(ctx: ServiceContext, unitIds: number[]) {
  const links = await ctx.db
    .select({ predecessorId: unitSuccessions.predecessorId, successorId: unitSuccessions.successorId })
    .from(unitSuccessions)
    .where(inArray(unitSuccessions.successorId, unitIds));
  return (unitId: number) =>
    links.filter((link) => link.successorId === unitId).map((link) => link.predecessorId);
}

/**
 * Change in % of the maximum since the last published round of the same index run by the same unit
 * in an earlier year; a unit formed by a merger is compared with its predecessors' mean.
 */
async function changeSincePreviousRound(
  ctx: ServiceContext,
  round: RoundRow,
  framework: Framework,
  results: UnitScore[],
): Promise<{
  previous: { id: number; name: string; year: number } | null;
  byUnit: Map<number, number | null>;
}> {
  const before = await previousScoredRound(ctx, round, framework);
  if (!before) return { previous: null, byUnit: new Map() };
  const earlier = await predecessorsOf(
    ctx,
    results.map((result) => result.unitId),
  );
  // A unit left out of either round has nothing to compare.
  const percents = (scored: UnitScore[]) =>
    new Map(scored.filter((result) => result.participating).map((result) => [result.unitId, result.percent]));
  const byUnit = yearOnYear(percents(results), percents(before.results), earlier);
  for (const [unitId, value] of byUnit) byUnit.set(unitId, value === null ? null : round2(value));
  return {
    previous: { id: before.round.id, name: before.round.name, year: before.round.year },
    byUnit,
  };
}
