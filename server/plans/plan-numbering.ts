import { eq, sql } from 'drizzle-orm';
import type { SourceKind } from '../../core/documents/register.ts';
import { fieldError, msg } from '../../core/errors.ts';
import type { Audit } from '../audit/audit-log.ts';
import type { Tx } from '../db/engine.ts';
import { type plans, units } from '../db/schema/index.ts';
import {
  allocateNumber,
  liveEntryOf,
  recordHandNumber,
  unitAbbreviation,
  voidEntryOf,
} from '../documents/register-commands.ts';

/**
 * A unit's plan takes its number from the unit's register of outgoing documents when it is issued:
 * the next KH number of the year, unless the plan has a number already (an imported plan keeps its
 * own, recorded in the register as taken by hand when free) or the clerk took one for it. Withdrawn,
 * its entry is voided ("Thu hồi để sửa"): the number is never given again, and the draft loses it.
 */
type Plan = typeof plans.$inferSelect;

export const WITHDRAWN_REASON = 'Thu hồi để sửa';

const sourceOf = (plan: Plan): { kind: SourceKind; sourceId: string } => ({
  kind: plan.remediatesRoundId === null ? 'plan' : 'remediation',
  sourceId: String(plan.id),
});

/** The register entry an issued plan carries (inside the transaction), with its number. */
export async function numberPlan(tx: Tx, audit: Audit, actorId: number | null, plan: Plan, issuedOn: string) {
  const { kind, sourceId } = sourceOf(plan);
  const written = plan.number?.trim() || null;
  // The clerk and the head at once: numbering in the unit's register is serialised by its lock.
  await tx.execute(sql`select pg_advisory_xact_lock(7302, ${plan.unitId})`);
  const taken = await liveEntryOf(tx, plan.unitId, kind, sourceId);
  if (taken) {
    if (written && written !== taken.number)
      throw fieldError(
        'number',
        msg(
          `Kế hoạch đã được cấp số ${taken.number} trong sổ văn bản đi: để trống số hoặc ghi đúng số đó.`,
          `The plan was given number ${taken.number} in the register: leave the number empty or write that one.`,
        ),
      );
    return taken;
  }
  const [unit] = await tx
    .select({ name: units.name, type: units.type, shortName: units.shortName })
    .from(units)
    .where(eq(units.id, plan.unitId));
  if (!unit) throw new Error('plan without its unit');
  const particulars = {
    unitId: plan.unitId,
    type: plan.type ?? 'KH',
    title: plan.title,
    issuedOn,
    signerName: plan.signer,
    recipients: [],
    sourceKind: kind,
    sourceId,
  };
  return written
    ? recordHandNumber(tx, audit, actorId, { ...particulars, written })
    : allocateNumber(tx, audit, actorId, {
        ...particulars,
        abbreviation: unitAbbreviation(unit, plan.issuer),
      });
}

/** Voids a withdrawn plan's entry (inside the withdrawal's transaction); null when it had none. */
export function voidPlanNumber(tx: Tx, audit: Audit, who: { actorId: number | null; at: Date }, plan: Plan) {
  const { kind, sourceId } = sourceOf(plan);
  return voidEntryOf(tx, audit, who, { unitId: plan.unitId, kind, sourceId }, WITHDRAWN_REASON);
}
