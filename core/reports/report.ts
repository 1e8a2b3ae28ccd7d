/**
 * A unit's periodic report and its workflow: the reporter drafts and presents it to the head ("trình
 * thủ trưởng"), the head sends it (or returns it to the reporter with a reason; in a small commune the
 * head may send a draft directly), the coordinator returns it with a reason or accepts it, then locks
 * it; a coordinator may reopen an accepted or locked report with a reason. A presented report is not
 * sent yet: timeliness, the board and the reminders count it as missing. Pure rules; the server
 * stores and enforces them.
 */
import { z } from 'zod';
import type { Permission } from '../auth/roles.ts';
import { idSchema, versionSchema } from '../ids.ts';
import { optionalParagraphs, optionalText } from '../text/fields.ts';

export const REPORT_STATUSES = ['draft', 'presented', 'submitted', 'returned', 'accepted', 'locked'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_NAMES: Record<ReportStatus, { vi: string; en: string }> = {
  draft: { vi: 'Đang soạn', en: 'Draft' },
  presented: { vi: 'Đã trình, chờ thủ trưởng duyệt', en: 'Presented, awaiting the head' },
  submitted: { vi: 'Đã gửi, chờ duyệt', en: 'Submitted' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  locked: { vi: 'Đã khóa', en: 'Locked' },
};

export const REPORT_ACTIONS = {
  present: { from: ['draft', 'returned'], to: 'presented', permission: 'reports.write', needsReason: false },
  submit: {
    from: ['draft', 'returned', 'presented'],
    to: 'submitted',
    permission: 'reports.submit',
    needsReason: false,
  },
  /** The head hands a presented report back to the reporter. */
  sendBack: { from: ['presented'], to: 'returned', permission: 'reports.submit', needsReason: true },
  return: { from: ['submitted'], to: 'returned', permission: 'reports.review', needsReason: true },
  accept: { from: ['submitted'], to: 'accepted', permission: 'reports.review', needsReason: false },
  lock: { from: ['accepted'], to: 'locked', permission: 'reports.review', needsReason: false },
  reopen: { from: ['accepted', 'locked'], to: 'returned', permission: 'reports.review', needsReason: true },
} as const satisfies Record<
  string,
  { from: readonly ReportStatus[]; to: ReportStatus; permission: Permission; needsReason: boolean }
>;
export type ReportAction = keyof typeof REPORT_ACTIONS;

/** Whether an action may be taken on a report in this status (who may take it is checked apart). */
export function canTransition(status: ReportStatus, action: ReportAction): boolean {
  return (REPORT_ACTIONS[action].from as readonly ReportStatus[]).includes(status);
}

/** The statuses in which the province holds the unit's report: a returned one is back with the unit, not sent. */
export const SENT_STATUSES: readonly ReportStatus[] = ['submitted', 'accepted', 'locked'];
export const isSent = (status: string | null | undefined) => SENT_STATUSES.includes(status as ReportStatus);

/** A report's text can be edited only while the unit holds it. */
export const isEditable = (status: ReportStatus) => status === 'draft' || status === 'returned';

/** The sections every Vietnamese report has. */
export const NARRATIVE_SECTIONS = {
  results: { vi: 'Kết quả đạt được', en: 'Results achieved' },
  shortcomings: { vi: 'Tồn tại, hạn chế', en: 'Shortcomings and limitations' },
  causes: { vi: 'Nguyên nhân', en: 'Causes' },
  nextTasks: { vi: 'Nhiệm vụ, giải pháp kỳ tới', en: 'Tasks for the next period' },
  proposals: { vi: 'Đề xuất, kiến nghị', en: 'Proposals' },
} as const;
export type NarrativeSection = keyof typeof NARRATIVE_SECTIONS;

/** A narrative section keeps the lines its writer typed: each becomes a paragraph of the document. */
const narrativeText = optionalParagraphs(20_000);

export const saveReportSchema = z.object({
  narrative: z.object({
    results: narrativeText,
    shortcomings: narrativeText,
    causes: narrativeText,
    nextTasks: narrativeText,
    proposals: narrativeText,
  }),
  tasks: z
    .array(
      z.object({
        itemId: idSchema,
        status: z.enum(['not_started', 'in_progress', 'done', 'cancelled']),
        progress: z.number().min(0).max(100),
        done: optionalParagraphs(4000),
        /** The task's version the writer read: submitting writes its progress only over that version. */
        version: versionSchema,
      }),
    )
    .max(500),
  version: versionSchema,
});

export const transitionSchema = z.object({
  action: z.enum(Object.keys(REPORT_ACTIONS) as [ReportAction, ...ReportAction[]]),
  reason: optionalText(2000),
  version: versionSchema,
});

export type Timeliness = 'on_time' | 'late';

/** Submitted on or before the due date (Vietnam time, by day) is on time. */
export function timeliness(submittedOn: string, due: string): Timeliness {
  return submittedOn <= due ? 'on_time' : 'late';
}

export interface CompletenessEntry {
  unitId: number;
  unitType: string;
  /** null: nothing submitted yet. */
  submittedOn: string | null;
  /** The report's status: one submitted then returned counts as not sent (null: no report). */
  status?: string | null;
}

/** Per unit type and in all: expected, submitted, on time, late, missing (past due, nothing sent). */
export function completeness(entries: readonly CompletenessEntry[], due: string, today: string) {
  const blank = () => ({ expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, pending: 0 });
  const total = blank();
  const byType: Record<string, ReturnType<typeof blank>> = {};
  for (const entry of entries) {
    const counts = byType[entry.unitType] ?? blank();
    byType[entry.unitType] = counts;
    for (const bucket of [total, counts]) {
      bucket.expected += 1;
      // A returned report was sent once, but the province does not hold it: it is chased, not counted.
      const sentOn = entry.status === undefined || isSent(entry.status) ? entry.submittedOn : null;
      if (sentOn) {
        bucket.submitted += 1;
        if (timeliness(sentOn, due) === 'on_time') bucket.onTime += 1;
        else bucket.late += 1;
      } else if (today > due) bucket.missing += 1;
      else bucket.pending += 1;
    }
  }
  return { total, byType };
}
