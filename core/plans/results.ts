/**
 * Last year's results as plans recall them before setting to work: "Năm 2024, Chỉ số PAPI của tỉnh đạt
 * 42,85 điểm, xếp thứ 25/63, giảm 3 bậc so với năm 2023". A figure there is what was, not what is
 * aimed at: neither a target nor, on its own line, a task.
 */
import { foldSameLength } from './match-key.ts';

// What a target says and a result does not: the aim, the floor, the effort.
const AIM =
  /\b(phan dau|muc tieu|chi tieu|toi thieu|it nhat|tro len|giu vung|nang (?:len|cao)|can dat|phai dat|de ra|du kien|ke hoach)\b/;
// A rank out of all provinces ("xếp thứ 25/63", "xếp hạng 12/34") is only ever reported.
const RANK_OUT_OF = /\bxep (?:thu|hang) \d{1,2}\s*\/\s*\d{2}\b/;
const ACHIEVED_IN = /\bnam (\d{4})\b[^;]*\bdat\b|\bdat\b[^;]*\bnam (\d{4})\b/;

/** Whether a clause reports a past result (a year before the plan's, or a rank out of all provinces). */
export function isReportedResult(clause: string, planYear: number | null): boolean {
  const folded = foldSameLength(clause);
  if (AIM.test(folded)) return false;
  if (RANK_OUT_OF.test(folded)) return true;
  const achieved = ACHIEVED_IN.exec(folded);
  const year = achieved ? Number(achieved[1] ?? achieved[2]) : null;
  return year !== null && planYear !== null && year < planYear;
}

/** Whether every sentence of a paragraph reports a past result: a recital, not work to do. */
export function isResultsParagraph(text: string, planYear: number | null): boolean {
  const sentences = text
    .split(/;|\.(?=\s+\p{Lu})|\.$/u)
    .map((sentence) => sentence.trim().replace(/^[-–+•]\s*/, ''))
    .filter((sentence) => sentence !== '');
  return sentences.length > 0 && sentences.every((sentence) => isReportedResult(sentence, planYear));
}
