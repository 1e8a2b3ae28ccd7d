/**
 * How an agency name of a document is compared with a unit's name, in one place. Documents abbreviate
 * ("Văn phòng UBND tỉnh" is the unit "Văn phòng Ủy ban nhân dân tỉnh", "TT Phục vụ hành chính công" the
 * "Trung tâm …") and name a district or commune by its committee ("UBND huyện Tiên Lữ" is the unit
 * "Huyện Tiên Lữ"): the key folds the name and writes every such form one way.
 *
 * The steps are data so the database can apply them to `units.name_search` (already folded) with the
 * same result (server/plans/plan-agencies.ts `agencyKeySql`): plain POSIX patterns, no look-arounds, no
 * back-references, each applied to the name padded with one space either side.
 */
import { foldVietnamese } from '../text/vietnamese.ts';

/** [pattern, replacement], applied in order, every occurrence. */
export const AGENCY_KEY_STEPS: readonly (readonly [pattern: string, replacement: string])[] = [
  // Punctuation and dashes ("Lao động - Thương binh", "Lao động – Thương binh", "TN&MT") are spaces.
  ['[^a-z0-9]+', ' '],
  [' uy ban nhan dan ', ' ubnd '],
  [' hoi dong nhan dan ', ' hdnd '],
  // "TT" is "Trung tâm" only as a name's first word ("Sở TT&TT" is Thông tin và Truyền thông).
  ['^ trung tam ', ' tt '],
  // A district or commune is its people's committee: "UBND huyện X" and "Huyện X" are one unit.
  ...['huyen', 'quan', 'thi xa', 'thanh pho', 'thi tran', 'xa', 'phuong', 'dac khu'].map(
    (level) => [`^ ubnd ${level} `, ` ${level} `] as const,
  ),
];

const STEPS = AGENCY_KEY_STEPS.map(
  ([pattern, replacement]) => [new RegExp(pattern, 'g'), replacement] as const,
);

/** "Văn phòng Ủy ban nhân dân tỉnh" → "van phong ubnd tinh"; "UBND huyện Tiên Lữ" → "huyen tien lu". */
export function agencyKey(name: string): string {
  let key = ` ${foldVietnamese(name)} `;
  for (const [pattern, replacement] of STEPS) key = key.replace(pattern, replacement);
  return key.trim();
}
