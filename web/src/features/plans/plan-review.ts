import type { CreatePlanInput } from '../../../../core/plans/plan-views.ts';
import type { PlanParts, PlanSection, PlanTask } from '../../../../core/plans/types.ts';
import { formatDateVi, parseDate } from '../../../../core/text/dates.ts';
import { formatNumber } from '../../i18n/locale.tsx';
import { isGroupValue } from '../units/UnitPicker.tsx';
import type { PlanPreview } from './api.ts';

/**
 * What the review screen edits before a plan is saved, whether read from a document (ImportPlanPage)
 * or drafted from an assessment round's weak criteria (RemediationPlanPage): one draft, one save.
 */

/** A task as the page edits it: the due date as typed (dd/mm/yyyy). */
export type DraftTask = PlanTask & { dueText: string };

export interface DraftAgency {
  name: string;
  /** A unit's id, or a group's key ("UBND cấp xã" → "type:commune"). */
  unitId: string | null;
  unitName: string | undefined;
  source: string | null;
  /** Several units, as suggested for a district closed in 2025 (its successor communes); cleared by a pick. */
  unitIds?: { id: string; name: string }[];
  /** Why the preview suggested the mapping (a successor), or why it left the name unmapped. */
  reason?: { vi: string; en: string } | null;
}

/** The document's parts as typed: one paragraph a line. */
export type DraftParts = Record<keyof PlanParts, string>;

export interface Draft {
  number: string;
  issuedOn: string;
  issuer: string;
  signer: string;
  title: string;
  year: number;
  unitId: string | null;
  unitName: string | undefined;
  agencies: DraftAgency[];
  tasks: DraftTask[];
  parts: DraftParts | null;
}

export function draftOf(
  preview: PlanPreview,
  owner: { id: number; name: string } | null,
  year?: number,
): Draft {
  const { document } = preview.plan;
  const parts = preview.plan.parts;
  return {
    number: document.number ?? '',
    issuedOn: formatDateVi(document.issuedOn),
    issuer: document.issuer ?? '',
    signer: document.signer ?? '',
    title: document.title ?? '',
    year: year ?? Number(document.issuedOn?.slice(0, 4) ?? new Date().getFullYear()),
    unitId: owner ? String(owner.id) : null,
    unitName: owner?.name,
    agencies: preview.agencies.map((agency) => ({
      name: agency.name,
      unitId: agency.unit ? String(agency.unit.id) : (agency.group?.key ?? null),
      unitName:
        agency.unit?.name ??
        (agency.group ? `${agency.group.name} (${formatNumber(agency.group.memberCount)})` : undefined),
      source: agency.source,
      // A suggestion of several units (a district's communes) is pre-filled as they are, for the person to accept.
      unitIds:
        !agency.unit && agency.suggestion && agency.suggestion.units.length > 1
          ? agency.suggestion.units.map((unit) => ({ id: String(unit.id), name: unit.name }))
          : undefined,
      reason: agency.suggestion?.reason ?? agency.note ?? null,
    })),
    tasks: preview.plan.tasks.map((task) => ({ ...task, dueText: formatDateVi(task.due) })),
    parts: parts
      ? {
          basis: parts.basis.join('\n'),
          purposes: parts.purposes.join('\n'),
          organisation: parts.organisation.join('\n'),
          recipients: parts.recipients.join('\n'),
        }
      : null,
  };
}

/** Every agency the tasks name has a row to map it: a lead typed in the review joins the table. */
export function withAgenciesOf(draft: Draft): DraftAgency[] {
  const known = new Set(draft.agencies.map((agency) => agency.name));
  const added = [...new Set(draft.tasks.flatMap((task) => [...task.lead, ...task.support]))]
    .filter((name) => !known.has(name))
    .map((name) => ({ name, unitId: null, unitName: undefined, source: null }));
  return added.length > 0 ? [...draft.agencies, ...added] : draft.agencies;
}

/** The headings to show above a task: those it sits under that the previous task did not. */
export function headingsBefore(
  sections: PlanSection[],
  previousRef: string | null,
  ref: string,
): PlanSection[] {
  const above = (of: string | null) => {
    if (!of) return new Set<string>();
    const parts = of.split('.');
    return new Set(parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.')));
  };
  const shown = above(previousRef);
  const mine = above(ref);
  return sections.filter((section) => mine.has(section.ref) && !shown.has(section.ref));
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** What POST /api/plans receives for the reviewed draft. */
export function planInputOf(
  preview: PlanPreview,
  draft: Draft,
  remediatesRoundId: number | null,
  asDraft = false,
): CreatePlanInput {
  return {
    unitId: Number(draft.unitId ?? 0),
    number: draft.number || null,
    type: preview.plan.document.type,
    issuedOn: draft.issuedOn ? (parseDate(draft.issuedOn) ?? draft.issuedOn) : null,
    place: preview.plan.document.place,
    issuer: draft.issuer || null,
    signer: draft.signer || null,
    title: draft.title,
    year: draft.year,
    indices: preview.plan.indices,
    sections: preview.plan.sections,
    tasks: draft.tasks.map(({ dueText, lead, support, ...task }) => ({
      ...task,
      leadNames: lead,
      supportNames: support,
      due: dueText ? (parseDate(dueText) ?? dueText) : null,
    })),
    // A target whose task was removed goes with it.
    targets: preview.plan.targets.filter(
      (target) =>
        !preview.plan.tasks.some((task) => task.ref === target.ref) ||
        draft.tasks.some((task) => task.ref === target.ref),
    ),
    warnings: preview.plan.warnings,
    agencies: withAgenciesOf(draft).map((agency) => {
      const isGroup = agency.unitId !== null && isGroupValue(agency.unitId);
      return {
        name: agency.name,
        unitId: agency.unitId && !isGroup ? Number(agency.unitId) : null,
        unitIds: agency.unitId === null ? (agency.unitIds ?? []).map((unit) => Number(unit.id)) : [],
        groupKey: isGroup ? agency.unitId : null,
      };
    }),
    parts: draft.parts
      ? {
          basis: lines(draft.parts.basis),
          purposes: lines(draft.parts.purposes),
          organisation: lines(draft.parts.organisation),
          recipients: lines(draft.parts.recipients),
        }
      : null,
    remediatesRoundId,
    asDraft,
  };
}
