/**
 * A plan quoted in a news article: "Ngày 31/3, UBND tỉnh Hưng Yên ban hành Kế hoạch số 29/KH-UBND về …".
 * The number is the plan's own when the sentence says it was issued; the day and month take their year
 * from the sentence, else from the article's dateline ("Thứ Năm, 05/03/2020"), the issue falling on or
 * before it.
 */
import { type DocumentNumber, NUMBER_LINE, numberOf } from './document-number.ts';
import { foldSameLength } from './match-key.ts';

export interface NewsLead {
  number: DocumentNumber | null;
  day: number | null;
  month: number | null;
  /** The year the sentence gives; else null. */
  year: number | null;
  /** The article's publication date (ISO), the first full date above the sentence. */
  published: string | null;
}

const ISSUED =
  /\bban hanh\s+(?:ke hoach|quyet dinh|chuong trinh|chi thi|nghi quyet|cong van|huong dan|van ban)\s+so\s+/;
const DAY_BEFORE = /\bngay\s+(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?\s*,[^,]{0,80}$/;
const DAY_AFTER = /^\s*ngay\s+(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?/;
const FULL_DATE = /\b(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\b/;

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The first paragraph (of the first `within`) saying the plan was issued, read; null when none says so. */
export function readNewsLead(paragraphs: string[], within = 40): NewsLead | null {
  for (const [at, paragraph] of paragraphs.slice(0, within).entries()) {
    const folded = foldSameLength(paragraph);
    const issued = ISSUED.exec(folded);
    if (!issued) continue;
    const from = issued.index + issued[0].length;
    const match = NUMBER_LINE.exec(`Số: ${paragraph.slice(from)}`);
    const number = match ? numberOf(match) : null;
    const after = number ? folded.slice(from + (match?.[0].length ?? 4) - 4) : '';
    const dayBefore = DAY_BEFORE.exec(folded.slice(0, issued.index));
    const day = dayBefore ?? DAY_AFTER.exec(after);
    // The dateline may sit in a paragraph above, or open this one when the lines were joined.
    const lead = folded.slice(0, dayBefore ? dayBefore.index : issued.index);
    const dateline = [...paragraphs.slice(0, at), lead]
      .map((text) => FULL_DATE.exec(text))
      .find((found) => found !== null);
    return {
      number,
      day: day ? Number(day[1]) : null,
      month: day ? Number(day[2]) : null,
      year: day?.[3] ? Number(day[3]) : null,
      published: dateline ? iso(Number(dateline[3]), Number(dateline[2]), Number(dateline[1])) : null,
    };
  }
  return null;
}

/** The issue date from the article: the sentence's year, else the dateline's (a year earlier if past it). */
export function newsIssueDate(lead: NewsLead): string | null {
  if (lead.day === null || lead.month === null) return null;
  if (lead.year !== null) return iso(lead.year, lead.month, lead.day);
  if (!lead.published) return null;
  const year = Number(lead.published.slice(0, 4));
  const sameYear = iso(year, lead.month, lead.day);
  return sameYear <= lead.published ? sameYear : iso(year - 1, lead.month, lead.day);
}
