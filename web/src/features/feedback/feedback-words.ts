import { mayExtend } from '../../../../core/feedback/clock-rules.ts';
import type { FeedbackKind } from '../../../../core/feedback/kinds.ts';
import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_STEP_NAMES,
  type FeedbackState,
  step,
} from '../../../../core/feedback/workflow.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';

/**
 * Feedback in words: what each step of an item's history is called, and which staff actions the
 * workflow (the core's `step`, the server's own rule) allows at the item's status.
 */
type Pair = { vi: string; en: string };

const UNKNOWN_EVENT: Pair = { vi: 'Bước khác', en: 'Other step' };
// The one list of step names, the citizen's pages and the staff's alike (core/feedback/workflow.ts).
export const eventName = (action: string): Pair => FEEDBACK_STEP_NAMES[action] ?? UNKNOWN_EVENT;

export const RATING_NAMES: Record<string, Pair> = {
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  not_satisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

/** What an event's note says in words: a rating is a code, the rest is what a person wrote. */
export const eventNote = (action: string, note: string | null, locale: 'vi' | 'en') => {
  if (action === 'rated' && note) return RATING_NAMES[note]?.[locale] ?? note;
  // A reminder records the deadline it was about.
  if (action === 'due_reminder' && note)
    return `${locale === 'en' ? 'Due' : 'Hạn trả lời'} ${formatDateVi(note)}`;
  return note;
};

export const outcomeName = (outcome: string | null, locale: 'vi' | 'en') =>
  outcome ? (FEEDBACK_OUTCOMES[outcome as keyof typeof FEEDBACK_OUTCOMES]?.[locale] ?? '') : '';

export const STAFF_ACTIONS = [
  'accept',
  'start',
  'forward',
  'ask_info',
  'info_given',
  'answer',
  'close',
  'not_competent',
  'duplicate',
  'spam',
  'extend',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** The workflow's own question for each action, asked with a stand-in reason (the form asks for the real one). */
const PROBES = {
  accept: { type: 'accept' },
  start: { type: 'start' },
  forward: { type: 'forward', toUnitId: 0, reason: '…' },
  ask_info: { type: 'ask_info', question: '…' },
  info_given: { type: 'info_given' },
  answer: { type: 'answer', outcome: 'resolved', reason: null },
  close: { type: 'close' },
  not_competent: { type: 'close', outcome: 'not_competent', reason: '…' },
  duplicate: { type: 'close', outcome: 'duplicate', duplicateOf: 0 },
  spam: { type: 'close', outcome: 'spam', reason: '…' },
  extend: { type: 'extend', reason: '…' },
} as const satisfies Record<StaffAction, Parameters<typeof step>[1]>;

/**
 * The actions the workflow allows at this state, in the order they are offered; an extension only for a
 * complaint or denunciation with an extension left (the clock rules').
 */
export function allowedActions(
  item: FeedbackState & { kind: FeedbackKind; receivedOn: string; events: { action: string }[] },
  today: string,
): StaffAction[] {
  const extensions = item.events.filter((event) => event.action === 'extend').length;
  return STAFF_ACTIONS.filter(
    (action) =>
      step(item, PROBES[action], today).ok &&
      (action !== 'extend' || mayExtend({ kind: item.kind, receivedOn: item.receivedOn, extensions })),
  );
}
