import type { Msg } from '../errors.ts';
import type { ItemStatus } from '../plans/plan-views.ts';
import { isOverdue } from '../plans/progress.ts';
import { formatDateVi } from '../text/dates.ts';

/**
 * Dialogues a unit holds with residents or businesses, in words; the yearly duty of a commune as dated
 * data (Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 32: the commune's People's Committee, with the
 * Fatherland Front, holds a dialogue conference with the People at least once a year); the title of the
 * plan that carries a dialogue's commitments; and a commitment's state told from its task.
 */
export const DIALOGUE_KINDS = {
  annual_conference: {
    vi: 'Hội nghị đối thoại với Nhân dân (hằng năm)',
    en: 'Annual dialogue conference with the People',
  },
  businesses: { vi: 'Đối thoại với doanh nghiệp', en: 'Dialogue with businesses' },
  decision: {
    vi: 'Đối thoại trước khi ra quyết định hành chính',
    en: 'Dialogue before an administrative decision',
  },
  community: { vi: 'Hội nghị cộng đồng dân cư', en: 'Residential community meeting' },
  other: { vi: 'Đối thoại khác', en: 'Other dialogue' },
} as const satisfies Record<string, Msg>;

export type DialogueKind = keyof typeof DIALOGUE_KINDS;
export const DIALOGUE_KIND_CODES = Object.keys(DIALOGUE_KINDS) as [DialogueKind, ...DialogueKind[]];

/** A duty to hold dialogues, as the law in force states it: which units, which kind, how many a year. */
export interface DialogueDuty {
  unitType: 'commune';
  kind: DialogueKind;
  perYear: number;
  /** First day in force (ISO); `effectiveTo` the last, null while in force. */
  effectiveFrom: string;
  effectiveTo: string | null;
  basis: string;
}

export const DIALOGUE_DUTIES: readonly DialogueDuty[] = [
  {
    unitType: 'commune',
    kind: 'annual_conference',
    perYear: 1,
    effectiveFrom: '2023-07-01',
    effectiveTo: null,
    basis: 'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 32',
  },
];

/** The duty in force during a calendar year (on any of its days), or null when none was. */
export function dutyForYear(year: number, duties: readonly DialogueDuty[] = DIALOGUE_DUTIES) {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return (
    duties.find(
      (duty) => duty.effectiveFrom <= last && (duty.effectiveTo === null || duty.effectiveTo >= first),
    ) ?? null
  );
}

/** Whether a commune that held `count` dialogues of the duty's kind in the year met it. */
export function dutyMet(count: number, duty: DialogueDuty | null): boolean {
  return duty === null || count >= duty.perYear;
}

/** "Thực hiện các cam kết tại Hội nghị đối thoại ngày 15/11/2026": the plan carrying the commitments. */
export function commitmentsPlanTitle(kind: DialogueKind, heldOn: string): string {
  const meeting =
    kind === 'annual_conference'
      ? 'Hội nghị đối thoại'
      : kind === 'community'
        ? 'Hội nghị cộng đồng dân cư'
        : kind === 'businesses'
          ? 'buổi đối thoại với doanh nghiệp'
          : 'buổi đối thoại';
  return `Thực hiện các cam kết tại ${meeting} ngày ${formatDateVi(heldOn)}`;
}

export const COMMITMENT_STATES = {
  not_started: { vi: 'Chưa thực hiện', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  done: { vi: 'Đã thực hiện', en: 'Done' },
  cancelled: { vi: 'Không thực hiện', en: 'Not carried out' },
} as const satisfies Record<string, Msg>;
export type CommitmentState = keyof typeof COMMITMENT_STATES;

/** A commitment's state from its task on `today`: overdue is a task neither done nor cancelled past its deadline. */
export function commitmentState(
  task: { status: ItemStatus; due: string | null },
  today: string,
): CommitmentState {
  if (task.status === 'done') return 'done';
  if (task.status === 'cancelled') return 'cancelled';
  if (isOverdue({ kind: 'task', status: task.status, due: task.due }, today)) return 'overdue';
  return task.status === 'in_progress' ? 'in_progress' : 'not_started';
}

/**
 * Who may lead a commitment recorded at a unit's dialogue: the unit itself and its own subordinate
 * units, or a provincial body (the province, a department) that answered there. Another commune is
 * never given a commitment by a commune's dialogue.
 */
export function mayLeadCommitment(dialogueUnitPath: string, lead: { path: string; type: string }): boolean {
  return lead.path.startsWith(dialogueUnitPath) || lead.type === 'province' || lead.type === 'department';
}
