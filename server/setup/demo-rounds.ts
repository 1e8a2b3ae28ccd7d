import { asc, eq, sql } from 'drizzle-orm';
import { type Criterion, type Framework, walkCriteria } from '../../core/frameworks/framework.ts';
import { createRoundSchema } from '../../core/frameworks/rounds.ts';
import { addDays } from '../../core/text/dates.ts';
import { scoreKey } from '../assessment/assessment-access.ts';
import { createRound, submitSelfAssessmentRecord } from '../assessment/round-commands.ts';
import { advanceRound } from '../assessment/round-stages.ts';
import { mutate } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { evidenceFiles, frameworks, roundScores } from '../db/schema/index.ts';
import { storeBlob } from '../files/evidence.ts';

/**
 * The demo's assessment rounds: this year's commune round in its first appraisal, fifteen communes
 * (Phố Hiến among them) having sent their self-assessment and three already appraised; last year's
 * round of twenty communes published, with its ranking. Rounds are created, sent and moved on through
 * the services; a sheet's 28 scores (and their proof) are written as one audited step per sheet, as
 * the scoring service would one by one (a thousand calls would cost a first start many seconds).
 */

const FRAMEWORK = 'HY_CCHC_XA';

export const DEMO_ROUNDS = { selfSubmitted: 15, appraised: 3, lastYearUnits: 20 } as const;

type Unit = { id: number; path: string; name: string };
export type DemoCtx = {
  db: Db;
  actor: { userId: number | null; name: string };
  ip: null;
  user: SessionUser;
  now: Clock;
};

export interface RoundScene {
  today: string;
  year: number;
  coordinator: SessionUser;
  appraiser: SessionUser;
  head: SessionUser;
  phoHien: Unit;
  communes: Unit[];
  as: (user: SessionUser, clock: Clock) => DemoCtx;
  actingFor: (role: 'unit_head' | 'unit_reporter', unit: Unit) => SessionUser;
  at: (date: string, minutes?: number) => Clock;
  random: () => number;
}

const PDF = Buffer.from('%PDF-1.4\n% Bien ban minh hoa\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const COMMENTS = [
  'Đã ban hành đúng hạn, có văn bản kèm theo.',
  'Tự chấm theo kết quả kiểm tra của tỉnh năm trước.',
  'Còn 2 hồ sơ trễ hạn trong kỳ, đã có văn bản xin lỗi.',
];

export async function loadDemoRounds(
  db: Db,
  scene: RoundScene,
): Promise<{ roundId: number; lastRoundId: number }> {
  const { today, year, as, at, phoHien } = scene;
  const [framework] = await db
    .select({ id: frameworks.id, definition: frameworks.definition })
    .from(frameworks)
    .where(eq(frameworks.code, FRAMEWORK))
    .orderBy(asc(frameworks.fromYear));
  if (!framework) throw new Error(`demo year: framework ${FRAMEWORK} is missing`);
  const provinceId = scene.coordinator.grants[0]?.unitId ?? 0;
  const leaves = walkCriteria((framework.definition as Framework).criteria)
    .map((entry) => entry.criterion)
    .filter((criterion) => !criterion.children?.length);
  // What each sheet was given, so the council appraises what the unit sent.
  const given = new Map<string, Map<string, number>>();
  const selfAssess = async (ctx: DemoCtx, roundId: number, unitId: number) =>
    given.set(`${roundId}/${unitId}`, await enterSelfScores(ctx, roundId, unitId, leaves, scene.random));
  const appraise = (ctx: DemoCtx, roundId: number, unitId: number) =>
    enterAppraisal(ctx, roundId, unitId, given.get(`${roundId}/${unitId}`) ?? new Map(), scene.random);
  const others = scene.communes.filter((unit) => unit.id !== phoHien.id);
  const headOf = (unit: Unit) => (unit.id === phoHien.id ? scene.head : scene.actingFor('unit_head', unit));

  // Last year: twenty communes, every stage on schedule, published in October.
  const last = year - 1;
  const lastUnits = [phoHien, ...others.slice(0, DEMO_ROUNDS.lastYearUnits - 1)];
  const lastRound = await createRound(
    as(scene.coordinator, at(`${last}-05-15`)),
    createRoundSchema.parse({
      frameworkId: framework.id,
      ownerUnitId: provinceId,
      name: `Đánh giá cải cách hành chính cấp xã năm ${last}`,
      year: last,
      unitIds: lastUnits.map((unit) => unit.id),
      deadlines: {
        self: `${last}-06-30`,
        appraisal1: `${last}-07-31`,
        explanation: `${last}-08-15`,
        appraisal2: `${last}-08-31`,
        final: `${last}-09-30`,
      },
      bonusCap: 3,
      penaltyCap: 5,
    }),
  );
  for (const [i, unit] of lastUnits.entries())
    await selfAssess(as(headOf(unit), at(`${last}-06-${10 + (i % 15)}`)), lastRound.id, unit.id);
  let version = (await advance(as(scene.coordinator, at(`${last}-07-01`)), lastRound.id, lastRound.version))
    .version;
  for (const [i, unit] of lastUnits.entries())
    await appraise(as(scene.appraiser, at(`${last}-07-${10 + (i % 15)}`)), lastRound.id, unit.id);
  for (const day of [`${last}-08-01`, `${last}-08-16`, `${last}-09-01`, `${last}-10-01`])
    version = (await advance(as(scene.coordinator, at(day)), lastRound.id, version)).version;

  // This year: the self-assessment closed a week ago; the council is at work.
  const selfDue = addDays(today, -7);
  const round = await createRound(
    as(scene.coordinator, at(addDays(today, -60))),
    createRoundSchema.parse({
      frameworkId: framework.id,
      ownerUnitId: provinceId,
      name: `Đánh giá cải cách hành chính cấp xã năm ${year}`,
      year,
      unitType: 'commune',
      deadlines: {
        self: selfDue,
        appraisal1: addDays(today, 21),
        explanation: addDays(today, 35),
        appraisal2: addDays(today, 49),
        final: addDays(today, 63),
      },
      bonusCap: 3,
      penaltyCap: 5,
    }),
  );
  const submitting = [phoHien, ...others.slice(0, DEMO_ROUNDS.selfSubmitted - 1)];
  for (const [i, unit] of submitting.entries())
    await selfAssess(as(headOf(unit), at(addDays(selfDue, -14 + (i % 12)))), round.id, unit.id);
  await advance(
    as(scene.coordinator, at(addDays(selfDue, 1))),
    round.id,
    round.version,
    'Hết hạn tự đánh giá; các xã chưa gửi được xếp "không tham gia" theo quy định của đợt.',
  );
  // The council has appraised three communes (not Phố Hiến: its head still waits for the result).
  for (const [i, unit] of submitting.slice(1, 1 + DEMO_ROUNDS.appraised).entries())
    await appraise(as(scene.appraiser, at(addDays(today, -3 + i))), round.id, unit.id);
  return { roundId: round.id, lastRoundId: lastRound.id };
}

/**
 * The commune scores every criterion (some with a comment) and attaches its proof in one audited step,
 * then sends the sheet through the service, which checks that nothing is missing.
 */
async function enterSelfScores(
  ctx: DemoCtx,
  roundId: number,
  unitId: number,
  leaves: Criterion[],
  random: () => number,
): Promise<Map<string, number>> {
  const quality = 0.62 + random() * 0.36;
  const scores = leaves.map((criterion) => {
    const max = criterion.maxPoints ?? 0;
    const share = Math.min(1, Math.max(0, quality + (random() - 0.5) * 0.3));
    const comment = random() < 0.12 ? (COMMENTS[Math.floor(random() * COMMENTS.length)] ?? null) : null;
    return {
      code: criterion.code,
      selfScore: Math.round(max * share * 2) / 2,
      selfComment: comment,
      needsProof: criterion.evidenceRequired === true,
    };
  });
  await mutate(ctx, async (tx, audit) => {
    const sha256 = await storeBlob(tx, PDF);
    await tx.insert(roundScores).values(
      scores.map((score) => ({
        roundId,
        unitId,
        criterionCode: score.code,
        selfScore: score.selfScore,
        selfComment: score.selfComment,
        updatedBy: ctx.user.userId,
        updatedAt: ctx.now(),
      })),
    );
    const proven = scores.filter((score) => score.needsProof && score.selfScore > 0);
    if (proven.length > 0)
      await tx.insert(evidenceFiles).values(
        proven.map((score) => ({
          ownerType: 'round_score',
          ownerKey: scoreKey(roundId, unitId, score.code),
          fileName: `minh-chung-${score.code}.pdf`,
          contentType: 'application/pdf',
          size: PDF.length,
          sha256,
          uploadedBy: ctx.user.userId,
          uploadedAt: ctx.now(),
        })),
      );
    await audit({
      action: 'round.score.self',
      entityType: 'assessment_round',
      entityId: roundId,
      unitId,
      after: {
        scores: Object.fromEntries(scores.map((score) => [score.code, score.selfScore])),
        evidence: proven.length,
      },
    });
  });
  await submitSelfAssessmentRecord(ctx, roundId, unitId);
  return new Map(scores.map((score) => [score.code, score.selfScore]));
}

/** The council confirms most scores and lowers a few, with its reason, in one audited step. */
async function enterAppraisal(
  ctx: DemoCtx,
  roundId: number,
  unitId: number,
  selfScores: Map<string, number>,
  random: () => number,
) {
  const appraised = [...selfScores].map(([code, self]) => {
    const lowered = self >= 1 && random() < 0.15;
    return {
      code,
      score: lowered ? self - 1 : self,
      reason: lowered ? 'Tài liệu kiểm chứng chưa chứng minh đủ mức điểm tự chấm.' : null,
    };
  });
  await mutate(ctx, async (tx, audit) => {
    const values = appraised.map(
      (entry) => sql`(${entry.code}::text, ${entry.score}::float8, ${entry.reason}::text)`,
    );
    await tx.execute(sql`update round_scores set appraised_score = v.score, appraisal_reason = v.reason,
        version = round_scores.version + 1, updated_by = ${ctx.user.userId}, updated_at = ${ctx.now().toISOString()}
      from (values ${sql.join(values, sql`, `)}) as v(code, score, reason)
      where round_scores.round_id = ${roundId} and round_scores.unit_id = ${unitId}
        and round_scores.criterion_code = v.code`);
    await audit({
      action: 'round.score.appraisal1',
      entityType: 'assessment_round',
      entityId: roundId,
      unitId,
      after: { scores: Object.fromEntries(appraised.map((entry) => [entry.code, entry.score])) },
    });
  });
}

async function advance(ctx: DemoCtx, roundId: number, version: number, reason?: string) {
  return advanceRound(ctx, roundId, { version, ...(reason && { reason }) });
}
