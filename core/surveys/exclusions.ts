/**
 * Why a response is held out of the figures. The public page flags, never refuses: the citizen is not
 * told, the response is kept, and a coordinator sees the reason in words and may restore it.
 */
import type { Msg } from '../errors.ts';

export const EXCLUSION_REASONS = {
  repeat: {
    vi: 'Cùng một người gửi đã trả lời phiếu này cho đơn vị trong ngày',
    en: 'The same sender already answered this survey for the unit that day',
  },
  too_fast: {
    vi: 'Trả lời quá nhanh (dưới 2 giây cho mỗi câu được tính điểm)',
    en: 'Answered too fast (under 2 seconds per scored question)',
  },
  burst: {
    vi: 'Nhiều phiếu dồn dập từ một nơi trong thời gian ngắn',
    en: 'Many responses from one place in a short time',
  },
  straight_line: {
    vi: 'Mọi câu chọn cùng một mức',
    en: 'The same level chosen for every question',
  },
} as const satisfies Record<string, Msg>;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

/** Seconds a citizen needs at least for each scored answer: less for the whole survey is "too_fast". */
export const MIN_SECONDS_PER_ANSWER = 2;

/** The reason in words; a coordinator's own reason (free text) is shown as written. */
export function exclusionReasonText(reason: string): Msg {
  return reason in EXCLUSION_REASONS
    ? EXCLUSION_REASONS[reason as ExclusionReason]
    : { vi: reason, en: reason };
}
