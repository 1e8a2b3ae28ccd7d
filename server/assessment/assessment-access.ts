import { and, eq } from 'drizzle-orm';
import { hasInstallationPermission, hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { type Criterion, type Framework, walkCriteria } from '../../core/frameworks/framework.ts';
import { isStageOpen, type Stage } from '../../core/frameworks/rounds.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { todayOf } from '../clock.ts';
import { assessmentRounds, frameworks, roundUnits, units } from '../db/schema/index.ts';

/**
 * Who may read, manage and score assessment rounds, and change frameworks. A round belongs to its
 * owner unit: read in full by its managers and appraisers, by a unit in it for its own sheet; managed
 * with assessment.manage on the owner; scored by the unit and the council each in their stages.
 */
export type AssessmentContext = ServiceContext & { user: SessionUser };

/**
 * Frameworks (the national templates and a province's own) are installation-wide: every assessment
 * reader reads them; only someone managing assessment on the root of the tree changes them.
 */
export function canChangeFrameworks(user: SessionUser): boolean {
  return hasInstallationPermission(user.grants, 'assessment.manage');
}

export function assertChangesFrameworks(user: SessionUser): void {
  if (!canChangeFrameworks(user)) throw new AppError('INSTALLATION_WIDE_ONLY');
}

export type RoundRow = typeof assessmentRounds.$inferSelect;

/** The round with its framework and owner's path, whoever asks: callers decide who may see it. */
export async function loadRound(ctx: ServiceContext, id: number) {
  const [row] = await ctx.db
    .select({ round: assessmentRounds, framework: frameworks.definition, ownerPath: units.path })
    .from(assessmentRounds)
    .innerJoin(frameworks, eq(frameworks.id, assessmentRounds.frameworkId))
    .innerJoin(units, eq(units.id, assessmentRounds.ownerUnitId))
    .where(eq(assessmentRounds.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Managers and appraisers of the owner's subtree see the whole round (every unit's sheet). */
export function canReadRoundInFull(user: SessionUser, ownerPath: string): boolean {
  return (
    hasPermissionOn(user.grants, 'assessment.manage', ownerPath) ||
    hasPermissionOn(user.grants, 'assessment.appraise', ownerPath)
  );
}

/** A unit's sheet: read by whoever reads the round in full, and by the unit itself (assessment.read on it). */
export function canReadSheet(user: SessionUser, ownerPath: string, unitPath: string): boolean {
  return canReadRoundInFull(user, ownerPath) || hasPermissionOn(user.grants, 'assessment.read', unitPath);
}

/** Moving the round on, its deadlines, bonus and penalty points: assessment.manage on its owner. */
export function canManageRound(user: SessionUser, ownerPath: string): boolean {
  return hasPermissionOn(user.grants, 'assessment.manage', ownerPath);
}

/** The round, read in full by its managers and appraisers, by a unit only if it is in it (else NOT_FOUND). */
export async function assertReadsRound(ctx: AssessmentContext, id: number) {
  const row = await loadRound(ctx, id);
  if (canReadRoundInFull(ctx.user, row.ownerPath)) return { ...row, seesAll: true };
  const mine = await unitsOfRoundInScope(ctx, id);
  if (mine.length === 0) throw new AppError('NOT_FOUND');
  return { ...row, seesAll: false };
}

export async function unitsOfRoundInScope(ctx: AssessmentContext, roundId: number): Promise<number[]> {
  const scope = unitScope(ctx.user.grants, 'assessment.read', units.path);
  if (scope === false) return [];
  const rows = await ctx.db
    .select({ id: units.id })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(and(eq(roundUnits.roundId, roundId), scopeCondition(scope)));
  return rows.map((row) => row.id);
}

export const leavesOf = (framework: Framework): Criterion[] =>
  walkCriteria(framework.criteria)
    .map((entry) => entry.criterion)
    .filter((criterion) => !criterion.children?.length);

export const scoreKey = (roundId: number, unitId: number, code: string) => `${roundId}/${unitId}/${code}`;

/**
 * A unit's sheet in a round, for someone who may read it (canReadSheet); another commune's sheet is as
 * unknown to a commune as a sheet that does not exist: 404 before any 403.
 */
export async function assertReadsSheet(ctx: AssessmentContext, roundId: number, unitId: number) {
  const { round, framework, ownerPath } = await loadRound(ctx, roundId);
  const [member] = await ctx.db
    .select({ member: roundUnits, path: units.path, name: units.name })
    .from(roundUnits)
    .innerJoin(units, eq(units.id, roundUnits.unitId))
    .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
  if (!member || !canReadSheet(ctx.user, ownerPath, member.path)) throw new AppError('NOT_FOUND');
  return { round, framework, ownerPath, unit: member };
}

/** Who may enter what now: the unit in its stages, the council in its, each only while the stage is open. */
export async function scoreAccess(ctx: AssessmentContext, roundId: number, unitId: number, code: string) {
  const { round, framework, unit } = await assertReadsSheet(ctx, roundId, unitId);
  const criterion = leavesOf(framework).find((leaf) => leaf.code === code);
  if (!criterion)
    throw fieldError(
      'criterion',
      msg(
        `Tiêu chí ${code} không có trong khung hoặc không phải tiêu chí lá.`,
        `Criterion ${code} is not in the framework or is not a leaf criterion.`,
      ),
    );
  const stage = round.stage as Stage;
  const today = todayOf(ctx);
  const asUnit = hasPermissionOn(ctx.user.grants, 'assessment.self', unit.path);
  const asCouncil = hasPermissionOn(ctx.user.grants, 'assessment.appraise', unit.path);
  if (!asUnit && !asCouncil) throw new AppError('FORBIDDEN');
  const open = stage !== 'published' && isStageOpen({ stage, deadlines: round.deadlines }, stage, today);
  return { round, stage, criterion, asUnit, asCouncil, open };
}

export async function assertManagesRound(ctx: AssessmentContext, roundId: number) {
  const row = await loadRound(ctx, roundId);
  if (!canManageRound(ctx.user, row.ownerPath)) throw new AppError('FORBIDDEN');
  return row;
}

/** Before publication the ranking is for the council and coordinators; after it, for everyone in it. */
export async function assertResultsVisible(ctx: AssessmentContext, roundId: number): Promise<RoundRow> {
  const { round, seesAll } = await assertReadsRound(ctx, roundId);
  if (!seesAll && round.stage !== 'published')
    throw new AppError('FORBIDDEN', msg('Kết quả chưa được công bố.', 'The results are not published yet.'));
  return round;
}
