/**
 * A plan as a document in the format of Nghị định 30/2020/NĐ-CP (Phụ lục I), described as plain data
 * (`DocumentSpec`) so one description serves the .docx and the .pdf: the numbered body (Roman parts in
 * bold capitals, numbered sections bold, lettered points bold italic, tasks with their assignment in
 * italics), the parts an imported plan kept, and the recipients. Also the places and issuers of units.
 */

import type { PlanDetail, PlanItem } from '../../core/plans/plan-views.ts';
import { RECURRENCE_NAMES } from '../../core/plans/plan-views.ts';
import type { PlanParts } from '../../core/plans/types.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { assigneeNames } from '../../core/units/groups.ts';
import type { BlockSpec, DocumentSpec, RunSpec } from '../files/document-spec.ts';
import { specToDocx } from '../files/docx-document.ts';

export { issuerAbbreviation, issuerLines, placeDateLine } from '../files/document-spec.ts';

/** "Ủy ban nhân dân tỉnh Hưng Yên" → "Hưng Yên": the place a province's documents are dated from. */
export function placeOfUnit(unitName: string): string | null {
  return /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(unitName)?.[1]?.trim() ?? null;
}

/**
 * The place a commune's own documents are dated from (ND 30/2020, Phụ lục I, II.4.a: the name of the
 * commune where the body sits): "Phường Phố Hiến" → "Phố Hiến"; a name that is a number keeps its
 * word ("Phường 5").
 */
export function placeOfCommune(unitName: string): string {
  const name = unitName.trim();
  const rest = /^(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/iu.exec(name)?.[1]?.trim();
  return rest && !/^\d+$/.test(rest) ? rest : name;
}

/** Where a unit's document is dated: a commune from itself, anything else from its province. */
export function placeOfIssuingUnit(unit: { name: string; type: string }, provinceName: string | null) {
  if (unit.type === 'commune') return placeOfCommune(unit.name);
  return provinceName ? placeOfUnit(provinceName) : null;
}

/** "Phường Phố Hiến" issues as "Ủy ban nhân dân phường Phố Hiến"; a department as itself. */
export function issuerOfUnit(unit: { name: string; type: string }): string {
  if (unit.type !== 'commune' && unit.type !== 'province') return unit.name;
  return `Ủy ban nhân dân ${unit.name.charAt(0).toLocaleLowerCase('vi')}${unit.name.slice(1)}`;
}

/** "II" → "II. ", "1" → "1. ", "a" → "a) ": the label a heading carries in the decree's numbering. */
export function labelOf(ref: string): string {
  const last = ref.split('.').at(-1) ?? '';
  // A repeated Roman number keeps the number the document wrote ("II-2" is its second "II.").
  const roman = /^([IVXLC]+)(?:-\d+)?$/.exec(last)?.[1];
  if (roman) return `${roman}. `;
  if (/^\d+$/.test(last)) return `${last}. `;
  if (/^[a-zđ]$/.test(last)) return `${last}) `;
  return '';
}

/** "(Chủ trì: Sở Nội vụ; phối hợp: …; thời hạn: 31/03/2020; hằng quý)" after a task. */
export function assignmentNote(item: PlanItem): string {
  const lead = assigneeNames(item.lead, item.leadGroups, item.leadNames, { documentFirst: true });
  const support = assigneeNames(item.support, item.supportGroups, item.supportNames, { documentFirst: true });
  const parts = [
    lead.length > 0 && `Chủ trì: ${lead.join(', ')}`,
    support.length > 0 && `phối hợp: ${support.join(', ')}`,
    item.due && `thời hạn: ${formatDateVi(item.due)}`,
    item.recurrence && RECURRENCE_NAMES[item.recurrence].vi.toLocaleLowerCase('vi'),
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * How a task is marked: by its own letter ("II.1.a" → "a) ") or, directly under a Roman section, its
 * number ("II.4" → "4. "); any other trailing number counts dashes the document left unnumbered
 * (core/plans/numbering.ts), so the task keeps its dash.
 */
export function taskMarkerOf(ref: string): string {
  const segments = ref.split('.');
  const last = segments.at(-1) ?? '';
  if (/^[a-zđ]$/.test(last)) return `${last}) `;
  if (/^\d+$/.test(last) && segments.length === 2 && /^[IVXLC]+(?:-\d+)?$/.test(segments[0] ?? ''))
    return `${last}. `;
  return '- ';
}

const body = (...runs: RunSpec[]): RunSpec[] => runs;

function itemParagraph(item: PlanItem, depth: number): RunSpec[] {
  if (item.kind === 'task')
    return body(
      { text: `${taskMarkerOf(item.ref)}${item.text}` },
      { text: assignmentNote(item), italics: true },
    );
  const label = labelOf(item.ref);
  // Roman parts bold capitals, numbered sections bold, lettered points bold italic.
  if (depth === 0) return body({ text: `${label}${item.text.toLocaleUpperCase('vi')}`, bold: true });
  if (depth === 1) return body({ text: `${label}${item.text}`, bold: true });
  return body({ text: `${label}${item.text}`, bold: true, italics: true });
}

const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const romanOf = (ref: string) => ROMANS.indexOf((ref.split('.')[0] ?? '').replace(/-\d+$/, ''));

/** The top-level section of the items that is the organisation section ("III. TỔ CHỨC THỰC HIỆN"). */
function organisationSection(plan: PlanDetail): PlanItem | null {
  return (
    plan.items.find(
      (item) => item.parentId === null && /^to chuc thuc hien\b/.test(foldVietnamese(item.text)),
    ) ?? null
  );
}

/** An item and everything below it. */
function subtreeIds(plan: PlanDetail, top: PlanItem): Set<number> {
  const ids = new Set([top.id]);
  // Items come in document order: a child follows its parent.
  for (const item of plan.items) if (item.parentId !== null && ids.has(item.parentId)) ids.add(item.id);
  return ids;
}

/**
 * A plan with its parts (a drafted or imported plan) as ND 30/2020 plans are laid out: the basis,
 * section I's purposes and requirements (with the targets), the tasks' sections, then the organisation
 * section as the document wrote it — in place of the items of that section when the plan has them,
 * under the same number, else numbered after the last section.
 */
function partsParagraphs(plan: PlanDetail, parts: PlanParts, items: PlanItem[], paragraphs: BlockSpec[]) {
  const organisation = parts.organisation.length > 0 ? organisationSection(plan) : null;
  const replaced = organisation ? subtreeIds(plan, organisation) : new Set<number>();
  const kept = paragraphs.filter((_, at) => !replaced.has(items[at]?.id ?? -1));
  const last = Math.max(
    0,
    ...items
      .filter((item) => item.parentId === null && !replaced.has(item.id))
      .map((item) => romanOf(item.ref)),
  );
  const number = organisation && romanOf(organisation.ref) > last ? romanOf(organisation.ref) : last + 1;
  const heading = (text: string) => body({ text, bold: true });
  return [
    ...parts.basis.map((line) => body({ text: line })),
    ...(parts.purposes.length > 0 || plan.targets.length > 0 ? [heading('I. MỤC ĐÍCH, YÊU CẦU')] : []),
    ...parts.purposes.map((line) => body({ text: line })),
    ...(plan.targets.length > 0
      ? [
          body({ text: 'Chỉ tiêu cụ thể:', italics: true }),
          ...plan.targets.map((target) => body({ text: `- ${target.text}.` })),
        ]
      : []),
    ...kept,
    ...(parts.organisation.length > 0 ? [heading(`${ROMANS[number] ?? ''}. TỔ CHỨC THỰC HIỆN`)] : []),
    ...parts.organisation.map((line) => body({ text: line })),
  ];
}

function bodyParagraphs(plan: PlanDetail): BlockSpec[] {
  const byId = new Map(plan.items.map((item) => [item.id, item]));
  const depthOf = (item: PlanItem) => {
    let depth = 0;
    for (let id = item.parentId; id !== null; id = byId.get(id)?.parentId ?? null) depth += 1;
    return depth;
  };
  const items = plan.items.map((item) => itemParagraph(item, depthOf(item)));
  if (plan.parts) return partsParagraphs(plan, plan.parts, plan.items, items);
  const targets =
    plan.targets.length > 0
      ? [
          body({ text: 'Chỉ tiêu', bold: true }),
          ...plan.targets.map((target) => body({ text: `- ${target.text}` })),
        ]
      : [];
  return [...targets, ...items];
}

/** Recipients: the units that lead tasks, then the archive. */
function recipientsOf(plan: PlanDetail, given?: string[]): string[] {
  if (given && given.length > 0) return given;
  if (plan.parts && plan.parts.recipients.length > 0) return plan.parts.recipients;
  const names = new Set<string>();
  for (const item of plan.items) {
    for (const unit of item.lead) if (unit.id !== plan.unit.id) names.add(unit.name);
    for (const group of item.leadGroups) names.add(group.name);
  }
  return [...names];
}

/** A plan as a document spec: its particulars, body and recipients (given, the document's, or the units that lead tasks). */
export function planToSpec(plan: PlanDetail, options: { recipients?: string[] } = {}): DocumentSpec {
  const { issuer, number, type, place, issuedOn, year, title, signer } = plan;
  return {
    head: { issuer, number, type, place, issuedOn, year, title, signer },
    paragraphs: bodyParagraphs(plan),
    recipients: recipientsOf(plan, options.recipients),
  };
}

export function planToDocx(plan: PlanDetail, options: { recipients?: string[] } = {}): Promise<Buffer> {
  return specToDocx(planToSpec(plan, options));
}
