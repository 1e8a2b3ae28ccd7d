import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { PERMISSIONS } from '../../core/auth/roles.ts';
import type { Stage } from '../../core/frameworks/rounds.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import type { DbOrTx } from '../db/engine.ts';
import { roleGrants, roundScores, roundUnits, users } from '../db/schema/index.ts';
import { notify, type Words } from './notification-service.ts';
import { roleHoldersOver, unitPeople } from './recipients.ts';

export interface RoundRef {
  id: number;
  name: string;
  deadlines: Record<string, string>;
}

const sheetLink = (roundId: number, unitId: number) => `/assessment/rounds/${roundId}/units/${unitId}`;
const until = (round: RoundRef, stage: Stage) =>
  round.deadlines[stage] ? ` (hạn ${formatDateVi(round.deadlines[stage])})` : '';
const untilEn = (round: RoundRef, stage: Stage) =>
  round.deadlines[stage] ? ` (due ${formatDateVi(round.deadlines[stage])})` : '';

/** Each unit's own people who fill its sheet (by a grant on the unit itself), told with its sheet's link. */
async function tellUnits(
  tx: DbOrTx,
  round: RoundRef,
  unitIds: readonly number[],
  message: { kind: string; title: Words; body?: Words | null; actorId: number; mail?: boolean },
  link: (unitId: number) => string = (unitId) => sheetLink(round.id, unitId),
) {
  if (unitIds.length === 0) return;
  const people = await tx
    .selectDistinct({ unitId: roleGrants.unitId, userId: users.id })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        inArray(roleGrants.unitId, [...unitIds]),
        inArray(roleGrants.role, [...PERMISSIONS['assessment.self']]),
        eq(users.isActive, true),
      ),
    );
  const byUnit = new Map<number, number[]>();
  for (const person of people) {
    if (person.unitId === null || person.userId === message.actorId) continue;
    byUnit.set(person.unitId, [...(byUnit.get(person.unitId) ?? []), person.userId]);
  }
  for (const [unitId, userIds] of byUnit)
    await notify(tx, {
      userIds,
      kind: message.kind,
      title: message.title,
      body: message.body ?? null,
      link: link(unitId),
      mail: message.mail ?? true,
    });
}

const unitsOfRound = async (tx: DbOrTx, roundId: number) =>
  (
    await tx.select({ unitId: roundUnits.unitId }).from(roundUnits).where(eq(roundUnits.roundId, roundId))
  ).map((row) => row.unitId);

/** Those who manage the round (over its organising unit), not the one who acted. */
async function tellManagers(
  tx: DbOrTx,
  round: RoundRef & { ownerPath: string },
  message: { kind: string; title: Words; body?: Words | null; actorId: number },
) {
  const managers = (
    await Promise.all(
      PERMISSIONS['assessment.manage'].map((role) => roleHoldersOver(tx, round.ownerPath, role)),
    )
  ).flat();
  await notify(tx, {
    userIds: managers.map((person) => person.id).filter((id) => id !== message.actorId),
    kind: message.kind,
    title: message.title,
    body: message.body ?? null,
    link: resultsLink(round.id),
  });
}

const resultsLink = (roundId: number) => `/assessment/rounds/${roundId}/results`;

/**
 * A round's publication: every unit of the round reads its result (in app: nothing is asked of it),
 * and so do the round's managers; withdrawn, the same people are told so, with the reason.
 */
export async function notifyPublication(
  tx: DbOrTx,
  round: RoundRef & { ownerPath: string },
  change: { withdrawn: false } | { withdrawn: true; reason: string },
  actorId: number,
) {
  const message = change.withdrawn
    ? {
        kind: 'round.withdrawn',
        title: {
          vi: `Đợt đánh giá “${round.name}”: kết quả đã thu hồi công bố`,
          en: `Round “${round.name}”: the published results were withdrawn`,
        },
        body: { vi: `Lý do: ${change.reason}`, en: `Reason: ${change.reason}` },
        actorId,
        mail: false,
      }
    : {
        kind: 'round.published',
        title: {
          vi: `Đợt đánh giá “${round.name}” đã công bố kết quả`,
          en: `Round “${round.name}”: results published`,
        },
        actorId,
        mail: false,
      };
  await tellUnits(tx, round, await unitsOfRound(tx, round.id), message, () => resultsLink(round.id));
  await tellManagers(tx, round, message);
}

/** The self-assessment reopened: every unit of the round may change its sheet again, and is asked to. */
export async function notifySelfReopened(tx: DbOrTx, round: RoundRef, reason: string, actorId: number) {
  await tellUnits(tx, round, await unitsOfRound(tx, round.id), {
    kind: 'round.reopen',
    title: {
      vi: `Đợt đánh giá “${round.name}” mở lại giai đoạn tự đánh giá${until(round, 'self')}`,
      en: `Round “${round.name}”: self-assessment reopened${untilEn(round, 'self')}`,
    },
    body: { vi: `Lý do: ${reason}`, en: `Reason: ${reason}` },
    actorId,
  });
}

/** A round just opened (its self-assessment stage): every unit in it is asked to fill its sheet. */
export async function notifyRoundOpened(
  tx: DbOrTx,
  round: RoundRef,
  unitIds: readonly number[],
  actorId: number,
) {
  await tellUnits(tx, round, unitIds, {
    kind: 'round.self',
    title: {
      vi: `Đợt đánh giá “${round.name}” đã mở: mời đơn vị tự đánh giá${until(round, 'self')}`,
      en: `Round “${round.name}” is open: your unit's self-assessment is awaited${untilEn(round, 'self')}`,
    },
    actorId,
  });
}

/**
 * The round moved on: in an appraisal stage the appraisers (over the organising unit, or on a unit
 * of the round) are asked to appraise; in the explanation stage each unit whose criteria the council returned is asked to explain.
 */
export async function notifyStageMoved(
  tx: DbOrTx,
  round: RoundRef & { ownerPath: string },
  to: Stage,
  actorId: number,
) {
  if (to === 'published') await notifyPublication(tx, round, { withdrawn: false }, actorId);
  if (to === 'appraisal1' || to === 'appraisal2') {
    // Appraisers over the organising unit, and those granted on a unit of the round itself.
    const inRound = await tx
      .select({ unitId: roundUnits.unitId })
      .from(roundUnits)
      .where(eq(roundUnits.roundId, round.id));
    const appraisers = [
      ...(await roleHoldersOver(tx, round.ownerPath, 'appraiser')),
      ...(await unitPeople(
        tx,
        inRound.map((row) => row.unitId),
        ['appraiser'],
      )),
    ];
    await notify(tx, {
      userIds: appraisers.map((person) => person.id).filter((id) => id !== actorId),
      kind: 'round.appraise',
      title: {
        vi: `Đợt đánh giá “${round.name}”: phiếu chờ thẩm định${until(round, to)}`,
        en: `Round “${round.name}”: sheets await appraisal${untilEn(round, to)}`,
      },
      link: `/assessment/rounds/${round.id}`,
      mail: true,
    });
  }
  if (to === 'explanation') {
    const returned = await tx
      .selectDistinct({ unitId: roundScores.unitId })
      .from(roundScores)
      .where(
        and(
          eq(roundScores.roundId, round.id),
          isNotNull(roundScores.returnedReason),
          isNull(roundScores.explanation),
        ),
      );
    await tellUnits(
      tx,
      round,
      returned.map((row) => row.unitId),
      {
        kind: 'round.explain',
        title: {
          vi: `Đợt đánh giá “${round.name}”: hội đồng đề nghị giải trình${until(round, 'explanation')}`,
          en: `Round “${round.name}”: the council asks for explanations${untilEn(round, 'explanation')}`,
        },
        actorId,
      },
    );
  }
}
