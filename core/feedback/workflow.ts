/**
 * A petition's way through the units, with its outcome kept apart from its status: "closed" says the
 * work stopped, never that the problem was fixed. Received → accepted → in progress → answered →
 * closed; a unit that is not competent forwards it (the history keeps every hop) or, when the competent
 * body is outside the installation, closes it as "not in our competence"; spam and duplicates are
 * closed with a reason and never deleted; the citizen may rate the answer and reopen it once within 30
 * days.
 */
import { addDays } from '../text/dates.ts';

export const FEEDBACK_STATUSES = {
  received: { vi: 'Đã tiếp nhận', en: 'Received', open311: 'open' },
  accepted: { vi: 'Đã nhận xử lý', en: 'Accepted', open311: 'open' },
  needs_info: { vi: 'Chờ người gửi bổ sung', en: 'Waiting for the sender', open311: 'open' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress', open311: 'open' },
  answered: { vi: 'Đã trả lời', en: 'Answered', open311: 'open' },
  closed: { vi: 'Đã đóng', en: 'Closed', open311: 'closed' },
} as const;
export type FeedbackStatus = keyof typeof FEEDBACK_STATUSES;

export const FEEDBACK_OUTCOMES = {
  resolved: { vi: 'Đã giải quyết', en: 'Resolved' },
  not_resolved: { vi: 'Chưa giải quyết được', en: 'Not resolved' },
  not_competent: { vi: 'Không thuộc thẩm quyền', en: 'Not in our competence' },
  duplicate: { vi: 'Trùng với phản ánh khác', en: 'Duplicate' },
  spam: { vi: 'Không phải phản ánh (spam)', en: 'Spam' },
} as const;
export type FeedbackOutcome = keyof typeof FEEDBACK_OUTCOMES;

/**
 * The steps of an item's history in words, by the action its event records (the staff's workflow
 * action, or the citizen's own: `rated`, `reopened`, `info_given`).
 */
export const FEEDBACK_STEP_NAMES: Record<string, { vi: string; en: string }> = {
  received: { vi: 'Tiếp nhận', en: 'Received' },
  accept: { vi: 'Đơn vị nhận xử lý', en: 'Accepted by the unit' },
  start: { vi: 'Bắt đầu xử lý', en: 'Work started' },
  forward: { vi: 'Chuyển đơn vị có thẩm quyền', en: 'Forwarded to the competent unit' },
  ask_info: { vi: 'Đơn vị đề nghị bổ sung thông tin', en: 'The unit asked for more information' },
  info_given: { vi: 'Người gửi bổ sung thông tin', en: 'The sender added information' },
  answer: { vi: 'Trả lời', en: 'Answered' },
  close: { vi: 'Đóng', en: 'Closed' },
  not_competent: { vi: 'Không thuộc thẩm quyền', en: 'Not in the unit’s competence' },
  duplicate: { vi: 'Trùng với phản ánh khác', en: 'Duplicate of another item' },
  spam: { vi: 'Không phải phản ánh', en: 'Not a petition' },
  reopened: { vi: 'Người gửi mở lại', en: 'Reopened by the sender' },
  rated: { vi: 'Người gửi đánh giá câu trả lời', en: 'The sender rated the answer' },
  note: { vi: 'Ghi chú nội bộ', en: 'Internal note' },
  file: { vi: 'Đính kèm tệp', en: 'File attached' },
  extend: { vi: 'Gia hạn thời hạn giải quyết', en: 'Resolution time extended' },
  due_reminder: { vi: 'Nhắc đơn vị: sắp đến hạn trả lời', en: 'The unit reminded: the answer is nearly due' },
};

export const FEEDBACK_RATINGS = {
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  not_satisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
} as const;
export type FeedbackRating = keyof typeof FEEDBACK_RATINGS;

/** The outcomes an answer can give; the others close an item without answering it. */
export const ANSWER_OUTCOMES = ['resolved', 'not_resolved'] as const;

/** Days after the answer within which the citizen may reopen it, once. */
export const REOPEN_DAYS = 30;

export interface FeedbackState {
  status: FeedbackStatus;
  outcome: FeedbackOutcome | null;
  /** ISO date of the (last) answer. */
  answeredOn: string | null;
  reopened: number;
}

export type FeedbackAction =
  | { type: 'accept' }
  | { type: 'forward'; toUnitId: number; reason: string }
  | { type: 'ask_info'; question: string }
  | { type: 'info_given' }
  | { type: 'start' }
  | { type: 'answer'; outcome: (typeof ANSWER_OUTCOMES)[number]; reason: string | null }
  | { type: 'close'; outcome?: 'not_competent' | 'duplicate' | 'spam'; reason?: string; duplicateOf?: number }
  | { type: 'reopen' }
  /** A complaint or denunciation's resolution is extended (its limits are the clock rules'). */
  | { type: 'extend'; reason: string };

export const WORKFLOW_REFUSALS = {
  not_now: {
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại.',
    en: 'This cannot be done in the current state.',
  },
  reason_required: {
    vi: 'Hãy nêu lý do.',
    en: 'Give a reason.',
  },
  duplicate_of_required: {
    vi: 'Hãy chọn phản ánh mà phản ánh này trùng với.',
    en: 'Choose the item this one duplicates.',
  },
  reopened_already: {
    vi: 'Phản ánh chỉ được mở lại một lần.',
    en: 'An item can be reopened once only.',
  },
  reopen_too_late: {
    vi: `Chỉ mở lại được trong ${REOPEN_DAYS} ngày kể từ khi có trả lời.`,
    en: `An answer can be reopened within ${REOPEN_DAYS} days only.`,
  },
  no_extension: {
    vi: 'Chỉ khiếu nại, tố cáo đã thụ lý mới được gia hạn thời hạn giải quyết.',
    en: 'Only an accepted complaint or denunciation can have its resolution time extended.',
  },
  extended_enough: {
    vi: 'Vụ việc đã được gia hạn đủ số lần luật cho phép.',
    en: 'The case has been extended as often as the law allows.',
  },
  not_answered: {
    vi: 'Chỉ mở lại được phản ánh đã có trả lời.',
    en: 'Only an answered item can be reopened.',
  },
} as const;
export type WorkflowRefusal = keyof typeof WORKFLOW_REFUSALS;

export type Step = { ok: true; state: FeedbackState } | { ok: false; refusal: WorkflowRefusal };

const refuse = (refusal: WorkflowRefusal): Step => ({ ok: false, refusal });
const to = (state: FeedbackState, patch: Partial<FeedbackState>): Step => ({
  ok: true,
  state: { ...state, ...patch },
});
const blank = (value: string | null | undefined) => !value || value.trim() === '';

/** The next state after an action on a day (ISO), or why it is refused. */
export function step(state: FeedbackState, action: FeedbackAction, on: string): Step {
  const { status } = state;
  switch (action.type) {
    case 'accept':
      return status === 'received' ? to(state, { status: 'accepted' }) : refuse('not_now');
    case 'forward':
      if (status !== 'received' && status !== 'accepted') return refuse('not_now');
      if (blank(action.reason)) return refuse('reason_required');
      // It lands with the competent unit as newly received; the hop stays in the history.
      return to(state, { status: 'received' });
    case 'ask_info':
      if (status !== 'received' && status !== 'accepted' && status !== 'in_progress')
        return refuse('not_now');
      if (blank(action.question)) return refuse('reason_required');
      return to(state, { status: 'needs_info' });
    case 'info_given':
      return status === 'needs_info' ? to(state, { status: 'accepted' }) : refuse('not_now');
    case 'start':
      return status === 'accepted' ? to(state, { status: 'in_progress' }) : refuse('not_now');
    case 'answer':
      if (status !== 'accepted' && status !== 'in_progress') return refuse('not_now');
      if (action.outcome === 'not_resolved' && blank(action.reason)) return refuse('reason_required');
      return to(state, { status: 'answered', outcome: action.outcome, answeredOn: on });
    case 'close': {
      if (action.outcome === undefined)
        return status === 'answered' ? to(state, { status: 'closed' }) : refuse('not_now');
      // Closing without an answer: only before the work has started.
      if (status !== 'received' && status !== 'accepted' && status !== 'needs_info') return refuse('not_now');
      if (action.outcome === 'duplicate' && action.duplicateOf === undefined)
        return refuse('duplicate_of_required');
      if (action.outcome !== 'duplicate' && blank(action.reason)) return refuse('reason_required');
      return to(state, { status: 'closed', outcome: action.outcome });
    }
    case 'extend':
      if (status !== 'accepted' && status !== 'in_progress') return refuse('not_now');
      if (blank(action.reason)) return refuse('reason_required');
      return to(state, {});
    case 'reopen':
      if (state.answeredOn === null || (status !== 'answered' && status !== 'closed'))
        return refuse('not_answered');
      if (state.reopened >= 1) return refuse('reopened_already');
      if (on > addDays(state.answeredOn, REOPEN_DAYS)) return refuse('reopen_too_late');
      return to(state, { status: 'in_progress', outcome: null, reopened: state.reopened + 1 });
  }
}

/** Which statuses a citizen may still change something in (rate or reopen): an answer exists. */
export const isAnswered = (state: Pick<FeedbackState, 'status' | 'answeredOn'>) =>
  state.answeredOn !== null && (state.status === 'answered' || state.status === 'closed');

/** An item's text as a list shows it: its first 200 characters. */
export const feedbackExcerpt = (text: string): string =>
  text.length > 200 ? `${text.slice(0, 200)}…` : text;
