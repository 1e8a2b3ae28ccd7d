/**
 * The one way a period is named where a person reads it: "Quý IV/2026", "6 tháng đầu năm 2026",
 * "Năm 2026", "Tháng 12/2026" (English "Q4 2026", "First half of 2026", "Year 2026", "December 2026").
 * Codes ("2026Q4") stay in URLs, the API and files meant for machines.
 */
import { fileNamePart } from '../text/file-names.ts';
import { type Period, parsePeriod } from './periods.ts';

export type PeriodLocale = 'vi' | 'en';

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface PeriodNameOptions {
  /** Inside a sentence ("Báo cáo quý IV/2026 của …"): the first word in lower case where the language wants it. */
  inSentence?: boolean;
}

/** A period code (or parsed period) in words for the locale; a code that is not a period is returned as it is. */
export function periodName(
  period: string | Period,
  locale: PeriodLocale = 'vi',
  { inSentence = false }: PeriodNameOptions = {},
): string {
  const parsed = typeof period === 'string' ? parsePeriod(period) : period;
  if (!parsed) return String(period);
  const { kind, year, index } = parsed;
  const name =
    locale === 'vi'
      ? kind === 'month'
        ? `Tháng ${index}/${year}`
        : kind === 'quarter'
          ? `Quý ${ROMAN[index - 1]}/${year}`
          : kind === 'half'
            ? `6 tháng ${index === 1 ? 'đầu' : 'cuối'} năm ${year}`
            : `Năm ${year}`
      : kind === 'month'
        ? `${MONTHS_EN[index - 1]} ${year}`
        : kind === 'quarter'
          ? `Q${index} ${year}`
          : kind === 'half'
            ? `${index === 1 ? 'First' : 'Second'} half of ${year}`
            : `Year ${year}`;
  // English month names and "Q4" keep their capital inside a sentence; Vietnamese common nouns do not.
  const lowers = inSentence && (locale === 'vi' || kind === 'half' || kind === 'year');
  return lowers ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/**
 * The Vietnamese name inside a file name, where "/" cannot stand: "quý IV năm 2026", "tháng 3 năm 2026",
 * "6 tháng cuối năm 2026", "năm 2026" (core/text/file-names.ts).
 */
export function periodFileName(period: string | Period): string {
  return fileNamePart(periodName(period, 'vi', { inSentence: true }).replace('/', ' năm '));
}

/** Words of a period kind, for grouping a list of periods ("Quý", "6 tháng", "Năm", "Tháng"). */
export const PERIOD_KIND_NAMES = {
  quarter: { vi: 'Quý', en: 'Quarters' },
  half: { vi: '6 tháng', en: 'Halves' },
  year: { vi: 'Năm', en: 'Year' },
  month: { vi: 'Tháng', en: 'Months' },
} as const;
