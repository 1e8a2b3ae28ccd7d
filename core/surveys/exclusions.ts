/** Why a response is held out of the figures: flagged on arrival, or by a coordinator (with their words). */
import type { Msg } from '../errors.ts';

export const EXCLUSION_REASONS = {
  repeat: {
    vi: 'Cùng một thiết bị đã gửi phiếu cho đơn vị này trong ngày',
    en: 'The same device already answered for this unit that day',
  },
  too_fast: {
    vi: 'Trả lời quá nhanh so với số câu hỏi',
    en: 'Answered too fast for the number of questions',
  },
  burst: { vi: 'Nhiều phiếu dồn dập từ một nơi gửi', en: 'A burst of responses from one sender' },
} as const satisfies Record<string, Msg>;
export type FlagReason = keyof typeof EXCLUSION_REASONS;

/** The reason in words: a flag's name, or the coordinator's own text. */
export function exclusionText(reason: string): Msg {
  return reason in EXCLUSION_REASONS ? EXCLUSION_REASONS[reason as FlagReason] : { vi: reason, en: reason };
}
