import { eq } from 'drizzle-orm';
import { periodName } from '../../core/periods/period-names.ts';
import type { ReportAction } from '../../core/reports/report.ts';
import type { DbOrTx } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { notify } from './notification-service.ts';
import { unitCoordinators, unitHeads, unitReporters } from './recipients.ts';

export interface ReportStep {
  action: ReportAction;
  reportId: number;
  unitId: number;
  periodCode: string;
  reason: string | null;
  /** Who took the step: not told of their own action. */
  actorId: number;
}

/** The title of what happened to a unit's report, as the people concerned read it, in both languages. */
export function reportStepTitle(
  step: Pick<ReportStep, 'action' | 'periodCode' | 'reason'>,
  unitName: string,
): { vi: string; en: string } {
  const period = periodName(step.periodCode, 'vi', { inSentence: true });
  const periodEn = periodName(step.periodCode, 'en', { inSentence: true });
  const report = `Báo cáo ${period} của ${unitName}`;
  const reportEn = `The report of ${unitName} for ${periodEn}`;
  const reason = step.reason ? `: ${step.reason}` : '';
  switch (step.action) {
    case 'present':
      return { vi: `${report} chờ thủ trưởng duyệt`, en: `${reportEn} awaits the head's approval` };
    case 'sendBack':
      return {
        vi: `${report} được thủ trưởng trả lại${reason}`,
        en: `${reportEn} was sent back by the head${reason}`,
      };
    case 'submit':
      return {
        vi: `${unitName} đã gửi báo cáo ${period}`,
        en: `${unitName} sent its report for ${periodEn}`,
      };
    case 'return':
      return { vi: `${report} bị trả lại${reason}`, en: `${reportEn} was returned${reason}` };
    case 'accept':
      return { vi: `${report} đã được tiếp nhận`, en: `${reportEn} was accepted` };
    case 'reopen':
      return { vi: `${report} được mở lại${reason}`, en: `${reportEn} was reopened${reason}` };
    case 'lock':
      return { vi: `${report} đã khóa`, en: `${reportEn} is locked` };
  }
}

/** Who is told of each step: the next person to act, or the unit when its report comes back. */
async function recipientsOf(tx: DbOrTx, step: ReportStep, unitPath: string) {
  switch (step.action) {
    case 'present':
      return unitHeads(tx, step.unitId);
    case 'submit':
      return unitCoordinators(tx, unitPath);
    default:
      return unitReporters(tx, step.unitId);
  }
}

/** The steps that hand the report to someone who must act (also e-mailed); the rest only inform. */
const HANDOFFS: ReadonlySet<ReportAction> = new Set(['present', 'sendBack', 'submit', 'return', 'reopen']);

/**
 * Called inside the transaction of a report's step: a presented report tells the unit's head, a
 * sent one the coordinators over the unit; one returned (by the head or the coordinator), accepted
 * or reopened tells the unit's reporters and head. Locking tells nobody (nothing is asked of anyone).
 */
export async function notifyReportStep(tx: DbOrTx, step: ReportStep): Promise<void> {
  if (step.action === 'lock') return;
  const [unit] = await tx
    .select({ name: units.name, path: units.path })
    .from(units)
    .where(eq(units.id, step.unitId));
  if (!unit) return;
  const people = await recipientsOf(tx, step, unit.path);
  await notify(tx, {
    userIds: people.map((person) => person.id).filter((id) => id !== step.actorId),
    kind: `report.${step.action}`,
    title: reportStepTitle(step, unit.name),
    body: step.reason,
    link: `/reports/${step.reportId}`,
    mail: HANDOFFS.has(step.action),
  });
}
