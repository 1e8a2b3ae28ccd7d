import { FEEDBACK_OUTCOMES, type FeedbackState, step } from '../../../../core/feedback/workflow.ts';

/**
 * Feedback in words: what each step of an item's history is called, and which staff actions the
 * workflow (the core's `step`, the server's own rule) allows at the item's status.
 */
type Pair = { vi: string; en: string };

export const EVENT_NAMES: Record<string, Pair> = {
  received: { vi: 'Tiếp nhận', en: 'Received' },
  accept: { vi: 'Nhận xử lý', en: 'Accepted' },
  start: { vi: 'Bắt đầu xử lý', en: 'Work started' },
  forward: { vi: 'Chuyển đơn vị', en: 'Forwarded' },
  ask_info: { vi: 'Hỏi người gửi bổ sung', en: 'Asked the sender for more' },
  info_given: { vi: 'Người gửi bổ sung', en: 'The sender added more' },
  answer: { vi: 'Trả lời', en: 'Answered' },
  close: { vi: 'Đóng', en: 'Closed' },
  not_competent: { vi: 'Không thuộc thẩm quyền', en: 'Not in our competence' },
  duplicate: { vi: 'Đánh dấu trùng', en: 'Marked as duplicate' },
  spam: { vi: 'Đánh dấu spam', en: 'Marked as spam' },
  note: { vi: 'Ghi chú nội bộ', en: 'Internal note' },
  file: { vi: 'Đính kèm tệp', en: 'File attached' },
  rated: { vi: 'Người gửi đánh giá', en: 'The sender rated the answer' },
  reopened: { vi: 'Người gửi mở lại', en: 'The sender reopened it' },
};
const UNKNOWN_EVENT: Pair = { vi: 'Bước khác', en: 'Other step' };
export const eventName = (action: string): Pair => EVENT_NAMES[action] ?? UNKNOWN_EVENT;

export const RATING_NAMES: Record<string, Pair> = {
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  not_satisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

/** What an event's note says in words: a rating is a code, the rest is what a person wrote. */
export const eventNote = (action: string, note: string | null, locale: 'vi' | 'en') =>
  action === 'rated' && note ? (RATING_NAMES[note]?.[locale] ?? note) : note;

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
} as const satisfies Record<StaffAction, Parameters<typeof step>[1]>;

/** The actions the workflow allows at this state, in the order they are offered. */
export function allowedActions(state: FeedbackState, today: string): StaffAction[] {
  return STAFF_ACTIONS.filter((action) => step(state, PROBES[action], today).ok);
}
