/**
 * Many people with the same content (Luật Tiếp công dân 2013, Điều 29–30; the same numbers in
 * TT 30/2015/TT-BCA Điều 12): they appoint representatives from among themselves — 5 to 10 people, 1 or 2
 * representatives; more than 10, more may be added but no more than 5 (citizen-side reference §2.3).
 */
import { type Msg, msg } from '../errors.ts';

export const GROUP_BASIS = 'Luật Tiếp công dân 2013, Điều 29–30';
const GROUP_BASIS_EN = 'Law on Citizen Reception 2013, Articles 29–30';

/** How many representatives a group of `people` must have: none required below 5. */
export function representativeRange(people: number): { min: number; max: number } {
  if (people > 10) return { min: 1, max: 5 };
  if (people >= 5) return { min: 1, max: 2 };
  // Fewer than 5 need none; a representative, if named, is one of them.
  return { min: 0, max: people };
}

/** Why a line's people and representatives break the rule, naming it; null when they keep it. */
export function representativeIssue(people: number, representatives: number): Msg | null {
  const { min, max } = representativeRange(people);
  if (representatives >= min && representatives <= max) return null;
  if (people > 10)
    return msg(
      `Trên 10 người cùng nội dung thì cử từ 1 đến 5 người đại diện (${GROUP_BASIS}).`,
      `More than 10 people with the same content appoint 1 to 5 representatives (${GROUP_BASIS_EN}).`,
    );
  if (people >= 5)
    return msg(
      `Từ 5 đến 10 người cùng nội dung thì cử 1 hoặc 2 người đại diện (${GROUP_BASIS}).`,
      `5 to 10 people with the same content appoint 1 or 2 representatives (${GROUP_BASIS_EN}).`,
    );
  return msg(
    'Người đại diện phải là người trong số những người cùng nội dung: không nhiều hơn số người.',
    'Representatives are among the people with the same content: no more of them than people.',
  );
}
