/** A parsed plan as a reader checks it on a terminal: particulars, tasks by dimension, targets, notes. */
import { formatDateVi } from '../text/dates.ts';
import type { ParsedPlan, PlanTarget } from './types.ts';

const LEVELS = { province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã' } as const;

function targetLine(target: PlanTarget): string {
  const value = String(target.value).replace('.', ',');
  const unit = target.unit === '%' ? '%' : ` ${target.unit}`;
  const level = target.level ? ` (${LEVELS[target.level]})` : '';
  return `  ${target.ref.padEnd(12)} ${target.op.padEnd(2)} ${value}${unit}${level} — ${target.text}`;
}

export function formatPlanSummary(plan: ParsedPlan): string {
  const { document: doc } = plan;
  const lines = [
    `${doc.type ?? '?'} ${doc.number ?? '(không số)'} — ${doc.place ?? '?'}, ${doc.issuedOn ? formatDateVi(doc.issuedOn) : '?'}`,
    `Cơ quan ban hành: ${doc.issuer ?? '?'}; người ký: ${doc.signer ?? '?'}`,
    `Trích yếu: ${doc.title ?? '?'}`,
    `Chỉ số: ${plan.indices.join(', ') || '—'}`,
    '',
    `${plan.tasks.length} nhiệm vụ:`,
  ];
  for (const task of plan.tasks) {
    const when = [task.due ? `hạn ${formatDateVi(task.due)}` : '', task.recurrence ?? '']
      .filter(Boolean)
      .join(', ');
    const support = task.support.length > 0 ? `; phối hợp: ${task.support.join(', ')}` : '';
    lines.push(
      `  ${task.ref.padEnd(14)} ${(task.dimension ?? '—').padEnd(7)} ${task.lead.join(', ') || '(chưa rõ chủ trì)'}${support}${when ? ` [${when}]` : ''}`,
    );
  }
  lines.push('', `${plan.targets.length} chỉ tiêu:`, ...plan.targets.map(targetLine));
  if (plan.warnings.length > 0) lines.push('', 'Lưu ý:', ...plan.warnings.map((warning) => `  - ${warning}`));
  return lines.join('\n');
}
