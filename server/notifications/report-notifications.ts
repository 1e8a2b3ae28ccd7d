import { eq } from 'drizzle-orm';
import { periodName } from '../../core/periods/period-names.ts';
import type { ReportAction } from '../../core/reports/report.ts';
import type { DbOrTx } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { notify } from './notification-service.ts';
import { unitCoordinators, unitReporters } from './recipients.ts';

export interface ReportStep {
  action: ReportAction;
  reportId: number;
  unitId: number;
  periodCode: string;
  reason: string | null;
  /** Who took the step: not told of their own action. */
  actorId: number;
}

/** The title of what happened to a unit's report, as the people concerned read it. */
export function reportStepTitle(
  step: Pick<ReportStep, 'action' | 'periodCode' | 'reason'>,
  unitName: string,
) {
  const period = periodName(step.periodCode, 'vi', { inSentence: true });
  const report = `Báo cáo ${period} của ${unitName}`;
  switch (step.action) {
    case 'submit':
      return `${unitName} đã gửi báo cáo ${period}`;
    case 'return':
      return `${report} bị trả lại: ${step.reason ?? ''}`.trim();
    case 'accept':
      return `${report} đã được tiếp nhận`;
    case 'reopen':
      return `${report} được mở lại: ${step.reason ?? ''}`.trim();
    case 'lock':
      return `${report} đã khóa`;
  }
}

/**
 * Called inside the transaction of a report's step: a sent report tells the coordinators over the
 * unit; a returned, accepted or reopened one tells the unit's reporters and head. Locking tells nobody
 * (nothing is asked of anyone).
 */
export async function notifyReportStep(tx: DbOrTx, step: ReportStep): Promise<void> {
  if (step.action === 'lock') return;
  const [unit] = await tx
    .select({ name: units.name, path: units.path })
    .from(units)
    .where(eq(units.id, step.unitId));
  if (!unit) return;
  const people =
    step.action === 'submit' ? await unitCoordinators(tx, unit.path) : await unitReporters(tx, step.unitId);
  await notify(tx, {
    userIds: people.map((person) => person.id).filter((id) => id !== step.actorId),
    kind: `report.${step.action}`,
    title: reportStepTitle(step, unit.name),
    body: step.reason,
    link: `/reports/${step.reportId}`,
  });
}
