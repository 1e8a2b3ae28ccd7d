import { eq } from 'drizzle-orm';
import { postingPeriod } from '../../core/disclosures/compliance.ts';
import type { ObligationPublication, PublishObligation } from '../../core/disclosures/disclosure-schemas.ts';
import { AppError, msg } from '../../core/errors.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { disclosureObligations, users } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import {
  assertReadsObligation,
  assertRecordsObligation,
  type DisclosureContext,
} from './disclosure-access.ts';
import { judgeWhere } from './disclosure-judge.ts';
import {
  DISCLOSURES_BASE,
  obligationAnchor,
  previewObligation,
  publicUnits,
  REGISTER_UNIT_TYPES,
} from './disclosure-public.ts';

/**
 * One switch per obligation for the public register: whoever records the unit's disclosures
 * (disclosures.record on it) puts it on `/cong-khai/thong-tin` or takes it off with a reason, audited,
 * over the version they read. Taking it off while the legal posting period still runs is allowed; the
 * confirmation first reads what would become visible, the preview's address and that period
 * (`GET …/publication`).
 */
export async function obligationPublication(
  ctx: DisclosureContext,
  id: number,
): Promise<ObligationPublication> {
  const { obligation, unitName } = await assertReadsObligation(ctx, id);
  const today = todayOf(ctx);
  const [shown, [judged], unitPage, [publisher]] = await Promise.all([
    previewObligation(ctx.db, id, today),
    judgeWhere(ctx.db, eq(disclosureObligations.id, id), today, { withNotes: false }),
    publicUnits(ctx.db, today, REGISTER_UNIT_TYPES).then((list) =>
      list.find((unit) => unit.id === obligation.unitId),
    ),
    obligation.publishedBy === null
      ? Promise.resolve([])
      : ctx.db.select({ name: users.fullName }).from(users).where(eq(users.id, obligation.publishedBy)),
  ]);
  const period = judged?.result ? postingPeriod(judged.result) : ({ runs: false } as const);
  return {
    publishedAt: obligation.publishedAt?.toISOString() ?? null,
    publishedByName: publisher?.name ?? null,
    title: obligation.title,
    unitName,
    itemName: shown?.itemName ?? null,
    decisionNumber: obligation.decisionNumber,
    decisionDate: obligation.decisionDate,
    documentUrl: obligation.documentUrl,
    publicFileName: shown?.file?.fileName ?? null,
    placesStarted: shown?.places.length ?? 0,
    previewPath: `${DISCLOSURES_BASE}/xem-truoc/${id}`,
    // A unit without a page of its own (the province) is read on the register's home list.
    publicPath: unitPage
      ? `${DISCLOSURES_BASE}/${unitPage.slug}#${obligationAnchor(id)}`
      : `${DISCLOSURES_BASE}#${obligationAnchor(id)}`,
    periodRuns: period.runs,
    periodRunsUntil: period.runs ? period.until : null,
    version: obligation.version,
  };
}

export async function publishObligation(
  ctx: DisclosureContext,
  id: number,
  input: PublishObligation,
): Promise<ObligationPublication> {
  const { obligation } = await assertRecordsObligation(ctx, id);
  if (input.published === (obligation.publishedAt !== null))
    throw new AppError(
      'CONFLICT',
      input.published
        ? msg(
            'Nội dung này đã được công khai trên trang công khai.',
            'This item is already on the public register.',
          )
        : msg(
            'Nội dung này chưa được công khai trên trang công khai.',
            'This item is not on the public register.',
          ),
    );
  await mutate(ctx, async (tx, audit) => {
    const at = nowOf(ctx);
    const saved = await writeVersioned(tx, {
      table: disclosureObligations,
      where: eq(disclosureObligations.id, id),
      version: input.version,
      set: input.published
        ? { publishedAt: at, publishedBy: ctx.user.userId }
        : { publishedAt: null, publishedBy: null },
      actorId: ctx.user.userId,
      at,
      present: (row) => ({ publishedAt: row.publishedAt?.toISOString() ?? null, version: row.version }),
    });
    await audit({
      action: input.published ? 'disclosure.publish' : 'disclosure.unpublish',
      entityType: 'disclosure',
      entityId: id,
      unitId: obligation.unitId,
      before: { publishedAt: obligation.publishedAt?.toISOString() ?? null },
      after: input.published
        ? { publishedAt: saved.publishedAt?.toISOString() ?? null }
        : { publishedAt: null, reason: input.reason },
    });
  });
  return obligationPublication(ctx, id);
}
