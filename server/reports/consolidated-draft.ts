import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { periodName } from '../../core/periods/period-names.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import {
  CONSOLIDATED_SECTION_KEYS,
  type ConsolidatedSections,
  type saveConsolidatedDraftSchema,
} from '../../core/reports/consolidated-draft.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import { consolidatedDrafts, users } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { getPlan } from '../plans/plan-queries.ts';
import { loadUnit } from '../units/unit-access.ts';
import { sentReports, type UnitReport } from './consolidated-data.ts';
import { periodOverview, type ReportContext, windowOf } from './report-service.ts';

/**
 * The plan the user consolidates reports on: one it reads (else 404), of a unit where it reviews
 * reports (else 403): a commune's coordinator does not write the province's report.
 */
export async function assertConsolidates(ctx: ReportContext, planId: number): Promise<PlanDetail> {
  const plan = await getPlan(ctx, planId);
  const unit = await loadUnit(ctx.db, plan.unit.id);
  if (!hasPermissionOn(ctx.user.grants, 'reports.review', unit.path)) throw new AppError('FORBIDDEN');
  return plan;
}

/** The units' own words, one line each ("- Sở Nội vụ: …"), as the first version of a section. */
function suggestion(sent: UnitReport[], narrative: string): string | null {
  const lines = sent.flatMap((report) => {
    const text = report.narrative[narrative]?.trim();
    return text ? [`- ${report.unitName}: ${text}`] : [];
  });
  return lines.length > 0 ? lines.join('\n') : null;
}

/** What the sections say before the coordinator writes anything: the units' reports, gathered. */
export async function suggestedSections(
  ctx: ReportContext,
  plan: PlanDetail,
  periodCode: string,
): Promise<ConsolidatedSections> {
  const overview = await periodOverview(ctx, periodCode, {});
  const sent = await sentReports(
    ctx,
    plan,
    overview.period.code,
    overview.units.map((entry) => entry.unit.id),
  );
  return {
    overview: suggestion(sent, 'results'),
    shortcomings: suggestion(sent, 'shortcomings'),
    causes: suggestion(sent, 'causes'),
    nextTasks: suggestion(sent, 'nextTasks'),
    proposals: suggestion(sent, 'proposals'),
  };
}

async function storedDraft(ctx: ReportContext, planId: number, periodCode: string) {
  const [row] = await ctx.db
    .select({ draft: consolidatedDrafts, updatedBy: users.fullName })
    .from(consolidatedDrafts)
    .leftJoin(users, eq(users.id, consolidatedDrafts.updatedBy))
    .where(and(eq(consolidatedDrafts.planId, planId), eq(consolidatedDrafts.periodCode, periodCode)));
  return row;
}

/** The sections the report will carry: the coordinator's saved text, or the suggestion (version 0). */
export async function getConsolidatedDraft(ctx: ReportContext, planId: number, periodCode: string) {
  const plan = await assertConsolidates(ctx, planId);
  const window = await windowOf(ctx, periodCode);
  const row = await storedDraft(ctx, planId, window.code);
  const sections = row
    ? (Object.fromEntries(
        CONSOLIDATED_SECTION_KEYS.map((key) => [key, row.draft.sections[key] ?? null]),
      ) as ConsolidatedSections)
    : await suggestedSections(ctx, plan, window.code);
  return {
    planId,
    periodCode: window.code,
    periodName: periodName(window.code),
    sections,
    version: row?.draft.version ?? 0,
    updatedAt: row?.draft.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** Saves the sections as typed; a stale version is a 409 with the text as it is now. */
export async function saveConsolidatedDraft(
  ctx: ReportContext,
  input: z.output<typeof saveConsolidatedDraftSchema>,
) {
  const plan = await assertConsolidates(ctx, input.planId);
  const code = (await windowOf(ctx, input.periodCode)).code;
  const before = await storedDraft(ctx, plan.id, code);
  await mutate(ctx, async (tx, audit) => {
    const row = await writeVersioned(tx, {
      table: consolidatedDrafts,
      where: and(eq(consolidatedDrafts.planId, plan.id), eq(consolidatedDrafts.periodCode, code)),
      version: input.version,
      set: { sections: input.sections },
      insert: { planId: plan.id, periodCode: code, sections: input.sections },
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (stored) => ({ sections: stored.sections }),
    });
    await audit({
      action: 'consolidated_draft.save',
      entityType: 'consolidated_draft',
      entityId: row.id,
      unitId: plan.unit.id,
      before: before ? { sections: before.draft.sections } : null,
      after: { planId: plan.id, periodCode: code, sections: input.sections },
    });
  });
  return getConsolidatedDraft(ctx, plan.id, code);
}
