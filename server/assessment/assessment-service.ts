import { and, asc, desc, eq, inArray, isNull, like, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hasPermissionOn, scopeRoots } from '../../core/auth/roles.ts';
import { AppError, fieldError } from '../../core/errors.ts';
import {
  type Criterion,
  type Framework,
  frameworkMaximum,
  walkCriteria,
} from '../../core/frameworks/framework.ts';
import {
  type FrameworkMeta,
  frameworkFromTable,
  frameworkToTable,
} from '../../core/frameworks/framework-table.ts';
import {
  type adjustmentsSchema,
  type createRoundSchema,
  effectiveScore,
  INPUT_STAGES,
  type InputStage,
  isStageOpen,
  needsReason,
  nextStage,
  type Stage,
  type updateRoundSchema,
  type updateScoreSchema,
} from '../../core/frameworks/rounds.ts';
import { scoreRound, type UnitScore, yearOnYear } from '../../core/frameworks/scoring.ts';
import { validateFramework } from '../../core/frameworks/validate-framework.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { assertPermissionOn } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { nowOf, todayOf } from '../clock.ts';
import {
  assessmentRounds,
  frameworks,
  roundScores,
  roundUnits,
  unitSuccessions,
  units,
} from '../db/schema/index.ts';
import {
  attachEvidence,
  detachEvidence,
  type EvidenceMeta,
  type EvidenceOwner,
  evidenceCounts,
  evidenceFile,
  evidenceMeta,
  listEvidence,
} from '../files/evidence.ts';

export type AssessmentContext = ServiceContext & { user: SessionUser };

// ---- Frameworks ------------------------------------------------------------------------------------

export interface FrameworkSummary {
  id: number;
  code: string;
  nameVi: string;
  fromYear: number;
  toYear: number | null;
  status: string;
  builtIn: boolean;
  criteria: number;
  maximum: number | null;
}

export async function listFrameworks(ctx: AssessmentContext): Promise<FrameworkSummary[]> {
  const rows = await ctx.db
    .select()
    .from(frameworks)
    .orderBy(asc(frameworks.code), desc(frameworks.fromYear));
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    nameVi: row.nameVi,
    fromYear: row.fromYear,
    toYear: row.toYear,
    status: row.status,
    builtIn: row.builtIn,
    criteria: walkCriteria(row.definition.criteria).length,
    maximum: frameworkMaximum(row.definition),
  }));
}

export async function getFramework(ctx: AssessmentContext, id: number) {
  const [row] = await ctx.db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return { id: row.id, builtIn: row.builtIn, version: row.version, definition: row.definition };
}

/** A province's own framework (or a new version of one), refused with every problem named. */
export async function createFramework(ctx: AssessmentContext, definition: Framework) {
  const issues = validateFramework(definition);
  if (issues.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Khung chỉ số chưa hợp lệ.', {
      fields: issues.map((issue) => ({ path: issue.at, message: issue.message })),
    });
  const [exists] = await ctx.db
    .select({ id: frameworks.id })
    .from(frameworks)
    .where(and(eq(frameworks.code, definition.code), eq(frameworks.fromYear, definition.fromYear)));
  if (exists)
    throw new AppError('DUPLICATE', `Đã có khung ${definition.code} áp dụng từ năm ${definition.fromYear}.`);
  const id = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(frameworks)
      .values({
        code: definition.code,
        fromYear: definition.fromYear,
        toYear: definition.toYear,
        nameVi: definition.nameVi,
        status: definition.status,
        definition,
      })
      .returning({ id: frameworks.id });
    if (!row) throw new Error('framework insert returned nothing');
    await audit({
      action: 'framework.create',
      entityType: 'framework',
      entityId: row.id,
      after: {
        code: definition.code,
        fromYear: definition.fromYear,
        criteria: walkCriteria(definition.criteria).length,
      },
    });
    return row.id;
  });
  return getFramework(ctx, id);
}

/** Frameworks from a spreadsheet of criteria: all or nothing, every bad row named. */
export async function importFramework(
  ctx: AssessmentContext,
  meta: FrameworkMeta,
  table: { headers: string[]; rows: string[][] },
) {
  const { framework, issues } = frameworkFromTable(meta, table.headers, table.rows);
  if (!framework)
    throw new AppError('IMPORT_REJECTED', `Tệp có ${issues.length} lỗi, chưa có gì được ghi.`, {
      rows: issues,
    });
  return createFramework(ctx, framework);
}

/**
 * Edits a framework version (names, points, guidance; completing an unconfirmed template) as long as
 * no round uses it: a methodology already applied changes by a new version, never in place.
 */
export async function updateFramework(
  ctx: AssessmentContext,
  id: number,
  definition: Framework,
  version: number,
) {
  const [row] = await ctx.db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  if (definition.code !== row.code || definition.fromYear !== row.fromYear)
    throw fieldError('code', 'Không đổi mã hoặc năm áp dụng của một phiên bản: hãy tạo phiên bản mới.');
  const [used] = await ctx.db
    .select({ id: assessmentRounds.id })
    .from(assessmentRounds)
    .where(eq(assessmentRounds.frameworkId, id));
  if (used)
    throw new AppError(
      'CONFLICT',
      'Khung đã được dùng trong một đợt đánh giá: hãy tạo phiên bản mới thay vì sửa.',
    );
  const issues = validateFramework(definition);
  if (issues.length > 0)
    throw new AppError('VALIDATION_FAILED', 'Khung chỉ số chưa hợp lệ.', {
      fields: issues.map((issue) => ({ path: issue.at, message: issue.message })),
    });
  const next = definition;
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(frameworks)
      .set({
        definition: next,
        nameVi: next.nameVi,
        toYear: next.toYear,
        status: next.status,
        version: sql`${frameworks.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(frameworks.id, id), eq(frameworks.version, version)))
      .returning({ id: frameworks.id });
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'framework.update',
      entityType: 'framework',
      entityId: id,
      before: frameworkToTable(row.definition).rows,
      after: frameworkToTable(next).rows,
    });
  });
  return getFramework(ctx, id);
}

// ---- Rounds ----------------------------------------------------------------------------------------

type RoundRow = typeof assessmentRounds.$inferSelect;

async function roundOf(ctx: AssessmentContext, id: number) {
  const [row] = await ctx.db
    .select({ round: assessmentRounds, framework: frameworks.definition, ownerPath: units.path })
    .from(assessmentRounds)
    .innerJoin(frameworks, eq(frameworks.id, assessmentRounds.frameworkId))
    .innerJoin(units, eq(units.id, assessmentRounds.ownerUnitId))
    .where(eq(assessmentRounds.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Managers and appraisers of the owner's subtree see the whole round; units see it if they are in it. */
async function readableRound(ctx: AssessmentContext, id: number) {
  const row = await roundOf(ctx, id);
  if (
    hasPermissionOn(ctx.user.grants, 'assessment.manage', row.ownerPath) ||
    hasPermissionOn(ctx.user.grants, 'assessment.appraise', row.ownerPath)
  )
    return { ...row, seesAll: true };
  const mine = await unitsOfRoundInScope(ctx, id);
  if (mine.length === 0) throw new AppError('NOT_FOUND');
  return { ...row, seesAll: false };
}

async function unitsOfRoundInScope(ctx: AssessmentContext, roundId: number): Promise<number[]> {
  const roots = scopeRoots(ctx.user.grants, 'assessment.read');
  if (roots.length === 0) return [];
  const rows = await ctx.db
    .select({ id: units.id, path: units.path })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(eq(roundUnits.roundId, roundId));
  return rows.filter((row) => roots.some((root) => row.path.startsWith(root))).map((row) => row.id);
}

const leavesOf = (framework: Framework): Criterion[] =>
  walkCriteria(framework.criteria)
    .map((entry) => entry.criterion)
    .filter((criterion) => !criterion.children?.length);

export async function createRound(ctx: AssessmentContext, input: z.output<typeof createRoundSchema>) {
  const [owner] = await ctx.db.select().from(units).where(eq(units.id, input.ownerUnitId));
  if (!owner) throw fieldError('ownerUnitId', 'Đơn vị tổ chức đánh giá không tồn tại.');
  assertPermissionOn(ctx.user, 'assessment.manage', owner.path);
  const [framework] = await ctx.db.select().from(frameworks).where(eq(frameworks.id, input.frameworkId));
  if (!framework) throw fieldError('frameworkId', 'Khung chỉ số không tồn tại.');
  if (leavesOf(framework.definition).some((criterion) => criterion.maxPoints === null))
    throw fieldError(
      'frameworkId',
      'Khung chỉ số còn tiêu chí chưa có điểm tối đa (chưa xác nhận): hãy hoàn thiện trước.',
    );
  const deadlines = input.deadlines;
  for (let i = 1; i < INPUT_STAGES.length; i++) {
    const stage = INPUT_STAGES[i] as InputStage;
    const previous = INPUT_STAGES[i - 1] as InputStage;
    if (deadlines[stage] < deadlines[previous])
      throw fieldError(
        `deadlines.${stage}`,
        'Hạn của giai đoạn sau không được trước hạn của giai đoạn trước.',
      );
  }
  const candidates = input.unitIds?.length
    ? await ctx.db
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(and(inArray(units.id, input.unitIds), isNull(units.validTo)))
    : await ctx.db
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(
          and(
            like(units.path, `${owner.path}%`),
            isNull(units.validTo),
            input.unitType ? eq(units.type, input.unitType) : sql`${units.id} <> ${owner.id}`,
          ),
        );
  if (input.unitIds?.length && candidates.length !== new Set(input.unitIds).size)
    throw fieldError('unitIds', 'Có đơn vị không tồn tại hoặc đã giải thể.');
  if (candidates.some((unit) => !unit.path.startsWith(owner.path)))
    throw fieldError('unitIds', 'Đơn vị được đánh giá phải thuộc đơn vị tổ chức đánh giá.');
  if (candidates.length === 0) throw fieldError('unitIds', 'Chưa chọn đơn vị nào để đánh giá.');
  const id = await mutate(ctx, async (tx, audit) => {
    const [round] = await tx
      .insert(assessmentRounds)
      .values({
        frameworkId: framework.id,
        ownerUnitId: owner.id,
        name: input.name,
        year: input.year,
        deadlines,
        bonusCap: input.bonusCap,
        penaltyCap: input.penaltyCap,
        createdBy: ctx.user.userId,
      })
      .returning();
    if (!round) throw new Error('round insert returned nothing');
    for (let i = 0; i < candidates.length; i += 1000)
      await tx
        .insert(roundUnits)
        .values(candidates.slice(i, i + 1000).map((unit) => ({ roundId: round.id, unitId: unit.id })));
    await audit({
      action: 'round.create',
      entityType: 'assessment_round',
      entityId: round.id,
      unitId: owner.id,
      after: {
        name: round.name,
        framework: framework.code,
        year: round.year,
        units: candidates.length,
        deadlines,
      },
    });
    return round.id;
  });
  return getRound(ctx, id);
}

function presentRound(round: RoundRow, framework: Framework) {
  return {
    id: round.id,
    name: round.name,
    year: round.year,
    frameworkId: round.frameworkId,
    frameworkName: framework.nameVi,
    ownerUnitId: round.ownerUnitId,
    stage: round.stage as Stage,
    deadlines: round.deadlines,
    bonusCap: round.bonusCap,
    penaltyCap: round.penaltyCap,
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
    const manages =
      hasPermissionOn(ctx.user.grants, 'assessment.manage', row.ownerPath) ||
      hasPermissionOn(ctx.user.grants, 'assessment.appraise', row.ownerPath);
    if (manages || (await unitsOfRoundInScope(ctx, row.round.id)).length > 0)
      visible.push(presentRound(row.round, row.framework));
  }
  return visible;
}

/** The round and its dashboard: each unit's progress in the current stage and its score so far. */
export async function getRound(ctx: AssessmentContext, id: number) {
  const { round, framework, seesAll } = await readableRound(ctx, id);
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
async function entriesByUnit(ctx: AssessmentContext, roundId: number): Promise<Map<number, UnitEntries>> {
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
  const { round, framework, seesAll } = await readableRound(ctx, roundId);
  if (!seesAll && !(await unitsOfRoundInScope(ctx, roundId)).includes(unitId))
    throw new AppError('NOT_FOUND');
  const [member] = await ctx.db
    .select({ unit: roundUnits, name: units.name })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
  if (!member) throw new AppError('NOT_FOUND');
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
  const [result] = scoreRound(
    framework,
    [{ unitId, leaves: leafScores, adjustments: { bonus: member.unit.bonus, penalty: member.unit.penalty } }],
    rules(round),
  );
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
        score: result ? round2(result.scores[criterion.code] ?? 0) : 0,
        evidenceCount: isLeaf ? (evidence.get(scoreKey(roundId, unitId, criterion.code)) ?? 0) : 0,
      };
    }),
    total: result ? round2(result.total) : 0,
    percent: result ? round2(result.percent) : 0,
    band: result?.band?.label ?? null,
  };
}

const scoreKey = (roundId: number, unitId: number, code: string) => `${roundId}/${unitId}/${code}`;

/** Who may enter what now: the unit in its stages, the council in its, each only while the stage is open. */
async function scoreAccess(ctx: AssessmentContext, roundId: number, unitId: number, code: string) {
  const { round, framework } = await roundOf(ctx, roundId);
  const [unit] = await ctx.db
    .select({ path: units.path })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
  if (!unit) throw new AppError('NOT_FOUND');
  const criterion = leavesOf(framework).find((leaf) => leaf.code === code);
  if (!criterion)
    throw fieldError('criterion', `Tiêu chí ${code} không có trong khung hoặc không phải tiêu chí lá.`);
  const stage = round.stage as Stage;
  const today = todayOf(ctx);
  const asUnit = hasPermissionOn(ctx.user.grants, 'assessment.self', unit.path);
  const asCouncil = hasPermissionOn(ctx.user.grants, 'assessment.appraise', unit.path);
  if (!asUnit && !asCouncil) throw new AppError('FORBIDDEN');
  const open = stage !== 'published' && isStageOpen({ stage, deadlines: round.deadlines }, stage, today);
  return { round, stage, criterion, asUnit, asCouncil, open };
}

export async function updateScore(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  input: z.output<typeof updateScoreSchema>,
) {
  const { stage, criterion, asUnit, asCouncil, open } = await scoreAccess(ctx, roundId, unitId, code);
  const [current] = await ctx.db
    .select()
    .from(roundScores)
    .where(
      and(
        eq(roundScores.roundId, roundId),
        eq(roundScores.unitId, unitId),
        eq(roundScores.criterionCode, code),
      ),
    );
  const max = criterion.maxPoints ?? 0;
  const set: Partial<typeof roundScores.$inferInsert> = {};
  const refuse = (message: string) => new AppError('FORBIDDEN', message);
  const given = Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (given.length === 0) throw fieldError('selfScore', 'Không có gì để lưu.');
  if (!open) throw refuse('Giai đoạn này đã hết hạn hoặc chưa mở: không thể sửa điểm.');
  const allowed: Record<string, string[]> = {
    self: asUnit ? ['selfScore', 'selfComment'] : [],
    appraisal1: asCouncil ? ['appraisedScore', 'appraisalReason', 'returnedReason'] : [],
    explanation: asUnit && current?.returnedReason ? ['explanation', 'selfScore', 'selfComment'] : [],
    appraisal2: asCouncil ? ['appraisedScore', 'appraisalReason'] : [],
    final: [],
  };
  const forbidden = given.filter((key) => !(allowed[stage] ?? []).includes(key));
  if (forbidden.length > 0)
    throw refuse(
      stage === 'explanation' && asUnit
        ? 'Chỉ giải trình các tiêu chí hội đồng đã trả lại.'
        : 'Vai trò của bạn không được nhập nội dung này ở giai đoạn hiện tại.',
    );
  for (const key of ['selfScore', 'appraisedScore'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null && value > max)
      throw fieldError(key, `Điểm tối đa của tiêu chí ${code} là ${String(max).replace('.', ',')}.`);
  }
  if (input.selfScore !== undefined) set.selfScore = input.selfScore;
  if (input.selfComment !== undefined) set.selfComment = input.selfComment;
  if (input.explanation !== undefined) set.explanation = input.explanation;
  if (input.returnedReason !== undefined) {
    if (!input.returnedReason) throw fieldError('returnedReason', 'Nêu lý do trả lại tiêu chí.');
    set.returnedReason = input.returnedReason;
  }
  if (input.appraisedScore !== undefined) {
    const reason = input.appraisalReason ?? current?.appraisalReason ?? null;
    if (needsReason(current?.selfScore ?? null, input.appraisedScore) && !reason)
      throw fieldError('appraisalReason', 'Điểm thẩm định khác điểm tự chấm: phải nêu lý do.');
    set.appraisedScore = input.appraisedScore;
    set.appraisalReason = reason;
  } else if (input.appraisalReason !== undefined) set.appraisalReason = input.appraisalReason;

  await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(roundScores)
      .values({ roundId, unitId, criterionCode: code, ...set, updatedBy: ctx.user.userId })
      .onConflictDoUpdate({
        target: [roundScores.roundId, roundScores.unitId, roundScores.criterionCode],
        set: {
          ...set,
          updatedBy: ctx.user.userId,
          updatedAt: new Date(),
          version: sql`${roundScores.version} + 1`,
        },
      })
      .returning();
    await audit({
      action: `round.score.${stage}`,
      entityType: 'round_score',
      entityId: scoreKey(roundId, unitId, code),
      unitId,
      before: current ? pick(current, Object.keys(set)) : null,
      after: row ? pick(row, Object.keys(set)) : null,
    });
  });
  return getSheet(ctx, roundId, unitId);
}

const pick = (row: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key]]));

/** The unit sends its self-assessment: every leaf must carry a score, evidence where required. */
export async function submitSelfAssessment(ctx: AssessmentContext, roundId: number, unitId: number) {
  const sheet = await getSheet(ctx, roundId, unitId);
  const { round } = await roundOf(ctx, roundId);
  const [unit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!unit || !hasPermissionOn(ctx.user.grants, 'assessment.self', unit.path))
    throw new AppError('FORBIDDEN');
  if (!isStageOpen({ stage: round.stage as Stage, deadlines: round.deadlines }, 'self', todayOf(ctx)))
    throw new AppError('FORBIDDEN', 'Giai đoạn tự đánh giá đã hết hạn hoặc đã đóng.');
  const missing = sheet.criteria.filter((criterion) => criterion.isLeaf && criterion.selfScore === null);
  const unproven = sheet.criteria.filter(
    (criterion) =>
      criterion.isLeaf &&
      criterion.evidenceRequired &&
      criterion.evidenceCount === 0 &&
      (criterion.selfScore ?? 0) > 0,
  );
  if (missing.length > 0 || unproven.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'Chưa thể gửi: còn tiêu chí chưa chấm điểm hoặc thiếu tài liệu kiểm chứng.',
      {
        fields: [
          ...missing.map((criterion) => ({ path: criterion.code, message: 'Chưa chấm điểm.' })),
          ...unproven.map((criterion) => ({ path: criterion.code, message: 'Thiếu tài liệu kiểm chứng.' })),
        ],
      },
    );
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(roundUnits)
      .set({ selfSubmittedAt: nowOf(ctx), version: sql`${roundUnits.version} + 1` })
      .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
    await audit({
      action: 'round.self.submit',
      entityType: 'assessment_round',
      entityId: roundId,
      unitId,
      after: { total: sheet.total },
    });
  });
  return getSheet(ctx, roundId, unitId);
}

async function managedRound(ctx: AssessmentContext, roundId: number) {
  const row = await roundOf(ctx, roundId);
  assertPermissionOn(ctx.user, 'assessment.manage', row.ownerPath);
  return row;
}

/** The coordinator moves the round on; publishing fixes the ranking. */
export async function advanceRound(ctx: AssessmentContext, roundId: number, version: number) {
  const { round } = await managedRound(ctx, roundId);
  const next = nextStage(round.stage as Stage);
  if (!next) throw new AppError('CONFLICT', 'Đợt đánh giá đã công bố.');
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(assessmentRounds)
      .set({
        stage: next,
        ...(next === 'published' && { publishedAt: nowOf(ctx) }),
        version: sql`${assessmentRounds.version} + 1`,
      })
      .where(and(eq(assessmentRounds.id, roundId), eq(assessmentRounds.version, version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'round.advance',
      entityType: 'assessment_round',
      entityId: roundId,
      before: { stage: round.stage },
      after: { stage: next },
    });
  });
  return getRound(ctx, roundId);
}

export async function updateRound(
  ctx: AssessmentContext,
  roundId: number,
  input: z.output<typeof updateRoundSchema>,
) {
  const { round } = await managedRound(ctx, roundId);
  const deadlines = { ...round.deadlines, ...input.deadlines };
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(assessmentRounds)
      .set({ deadlines, version: sql`${assessmentRounds.version} + 1` })
      .where(and(eq(assessmentRounds.id, roundId), eq(assessmentRounds.version, input.version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'round.update',
      entityType: 'assessment_round',
      entityId: roundId,
      before: { deadlines: round.deadlines },
      after: { deadlines },
    });
  });
  return getRound(ctx, roundId);
}

/** Bonus and penalty points, in the final stage, within the round's caps. */
export async function setAdjustments(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  input: z.output<typeof adjustmentsSchema>,
) {
  const { round } = await managedRound(ctx, roundId);
  if (!isStageOpen({ stage: round.stage as Stage, deadlines: round.deadlines }, 'final', todayOf(ctx)))
    throw new AppError('FORBIDDEN', 'Điểm thưởng, điểm trừ chỉ nhập ở giai đoạn tổng hợp, trước hạn.');
  if (input.bonus > round.bonusCap) throw fieldError('bonus', `Điểm thưởng tối đa là ${round.bonusCap}.`);
  if (input.penalty > round.penaltyCap)
    throw fieldError('penalty', `Điểm trừ tối đa là ${round.penaltyCap}.`);
  if ((input.bonus > 0 || input.penalty > 0) && !input.reason)
    throw fieldError('reason', 'Nêu căn cứ cộng hoặc trừ điểm.');
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(roundUnits)
      .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
    if (!before) throw new AppError('NOT_FOUND');
    await tx
      .update(roundUnits)
      .set({
        bonus: input.bonus,
        penalty: input.penalty,
        adjustmentReason: input.reason,
        version: sql`${roundUnits.version} + 1`,
      })
      .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
    await audit({
      action: 'round.adjust',
      entityType: 'assessment_round',
      entityId: roundId,
      unitId,
      before: { bonus: before.bonus, penalty: before.penalty, reason: before.adjustmentReason },
      after: input,
    });
  });
  return getSheet(ctx, roundId, unitId);
}

/** Before publication the ranking is for the council and coordinators; after it, for everyone in it. */
export async function assertResultsVisible(ctx: AssessmentContext, roundId: number): Promise<void> {
  const { round, seesAll } = await readableRound(ctx, roundId);
  if (!seesAll && round.stage !== 'published') throw new AppError('FORBIDDEN', 'Kết quả chưa được công bố.');
}

/** The ranking of a round (whoever asks has passed assertResultsVisible). */
export async function getResults(ctx: AssessmentContext, roundId: number) {
  const { round, framework } = await roundOf(ctx, roundId);
  const { members, results } = await scoredRound(ctx, round, framework);
  const change = await changeSincePreviousRound(ctx, round, framework, results);
  const names = new Map(members.map(({ unit, name }) => [unit.unitId, name]));
  const topLevel = framework.criteria.map((criterion) => ({
    code: criterion.code,
    nameVi: criterion.nameVi,
    maxPoints: criterion.maxPoints,
  }));
  const average = Object.fromEntries(
    topLevel.map((criterion) => [
      criterion.code,
      round2(
        results.reduce((sum, result) => sum + (result.scores[criterion.code] ?? 0), 0) /
          Math.max(1, results.length),
      ),
    ]),
  );
  return {
    round: presentRound(round, framework),
    previousRound: change.previous,
    criteria: topLevel,
    average,
    units: results
      .sort(
        (a, b) =>
          (a.rank ?? 0) - (b.rank ?? 0) ||
          (names.get(a.unitId) ?? '').localeCompare(names.get(b.unitId) ?? '', 'vi'),
      )
      .map((result: UnitScore) => ({
        unitId: result.unitId,
        name: names.get(result.unitId) ?? '',
        total: round2(result.total),
        percent: round2(result.percent),
        band: result.band?.label ?? null,
        rank: result.rank,
        change: change.byUnit.get(result.unitId) ?? null,
        bonus: result.bonus,
        penalty: result.penalty,
        areas: Object.fromEntries(
          topLevel.map((criterion) => [criterion.code, round2(result.scores[criterion.code] ?? 0)]),
        ),
        gaps: result.gaps.slice(0, 10).map((gap) => ({ ...gap, lost: round2(gap.lost) })),
      })),
  };
}

async function scoredRound(ctx: AssessmentContext, round: RoundRow, framework: Framework) {
  const members = await ctx.db
    .select({ unit: roundUnits, name: units.name })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(eq(roundUnits.roundId, round.id));
  const entries = await entriesByUnit(ctx, round.id);
  const results = scoreRound(
    framework,
    members.map(({ unit }) => inputOf(unit, entries)),
    rules(round),
  );
  return { members, results };
}

/**
 * Change in % of the maximum since the last published round of the same index run by the same unit
 * in an earlier year; a unit formed by a merger is compared with its predecessors' mean.
 */
async function changeSincePreviousRound(
  ctx: AssessmentContext,
  round: RoundRow,
  framework: Framework,
  results: UnitScore[],
): Promise<{
  previous: { id: number; name: string; year: number } | null;
  byUnit: Map<number, number | null>;
}> {
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
  if (!previous) return { previous: null, byUnit: new Map() };
  const before = await scoredRound(ctx, previous.round, previous.framework);
  const links = await ctx.db
    .select({ predecessorId: unitSuccessions.predecessorId, successorId: unitSuccessions.successorId })
    .from(unitSuccessions)
    .where(
      inArray(
        unitSuccessions.successorId,
        results.map((result) => result.unitId),
      ),
    );
  const byUnit = yearOnYear(
    new Map(results.map((result) => [result.unitId, result.percent])),
    new Map(before.results.map((result) => [result.unitId, result.percent])),
    (unitId) => links.filter((link) => link.successorId === unitId).map((link) => link.predecessorId),
  );
  for (const [unitId, value] of byUnit) byUnit.set(unitId, value === null ? null : round2(value));
  return {
    previous: { id: previous.round.id, name: previous.round.name, year: previous.round.year },
    byUnit,
  };
}

// ---- Evidence on a criterion -----------------------------------------------------------------------

const criterionOwner = (roundId: number, unitId: number, code: string): EvidenceOwner => ({
  type: 'round_score',
  key: scoreKey(roundId, unitId, code),
});

/** The unit attaches proof while it may enter its own score (self-assessment, explanation). */
export async function addCriterionEvidence(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  file: { fileName: string; data: Buffer },
): Promise<EvidenceMeta> {
  const { stage, asUnit, open } = await scoreAccess(ctx, roundId, unitId, code);
  if (!asUnit || !open || (stage !== 'self' && stage !== 'explanation'))
    throw new AppError(
      'FORBIDDEN',
      'Chỉ đơn vị được đính kèm tài liệu kiểm chứng, khi tự đánh giá hoặc giải trình.',
    );
  const owner = criterionOwner(roundId, unitId, code);
  const id = await mutate(ctx, (tx, audit) => attachEvidence(tx, audit, owner, file, ctx.user.userId));
  return evidenceMeta(ctx.db, owner, id);
}

export async function removeCriterionEvidence(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  evidenceId: number,
) {
  const { stage, asUnit, open } = await scoreAccess(ctx, roundId, unitId, code);
  if (!asUnit || !open || (stage !== 'self' && stage !== 'explanation')) throw new AppError('FORBIDDEN');
  await mutate(ctx, (tx, audit) =>
    detachEvidence(tx, audit, criterionOwner(roundId, unitId, code), evidenceId),
  );
}

export async function listCriterionEvidence(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
) {
  await getSheet(ctx, roundId, unitId);
  return listEvidence(ctx.db, criterionOwner(roundId, unitId, code));
}

export async function getCriterionEvidenceFile(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  evidenceId: number,
) {
  await getSheet(ctx, roundId, unitId);
  return evidenceFile(ctx.db, criterionOwner(roundId, unitId, code), evidenceId);
}
