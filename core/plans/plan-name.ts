/**
 * How a person reads a plan's name: "Kế hoạch số 12/KH-UBND" when it has a number, its title when it
 * has none yet (a unit's plan before the clerk numbers it), never an internal id; in English "Plan No. 12/KH-UBND".
 */
import { formatDateVi } from '../text/dates.ts';
import { DOCUMENT_TYPES } from './document-number.ts';

export interface NamedPlan {
  number: string | null;
  type?: string | null;
  title: string;
}

export function planName(plan: NamedPlan, locale: 'vi' | 'en' = 'vi'): string {
  const type = DOCUMENT_TYPES.find((entry) => entry.abbr === (plan.type ?? 'KH'));
  const number = plan.number?.trim();
  if (!number) return plan.title;
  return locale === 'en' ? `${type?.en ?? 'Plan'} No. ${number}` : `${type?.name ?? 'Kế hoạch'} số ${number}`;
}

/**
 * The issuing body of a unit's own plan (ND 30/2020): a commune's plan is issued by its People's
 * Committee ("Ủy ban nhân dân phường Phố Hiến"), a department's by the department itself.
 */
export function unitIssuer(unit: { name: string; type: string }): string {
  if (unit.type !== 'commune' && unit.type !== 'district') return unit.name;
  if (/^(ủy ban nhân dân|ubnd)\s/iu.test(unit.name)) return unit.name;
  return `Ủy ban nhân dân ${unit.name.charAt(0).toLocaleLowerCase('vi')}${unit.name.slice(1)}`;
}

/** Where a commune's documents are dated from: its name without "Xã"/"Phường"/"Đặc khu" ("Phố Hiến"). */
export function unitPlace(unit: { name: string; type: string }): string | null {
  if (unit.type !== 'commune' && unit.type !== 'district') return null;
  return (
    unit.name.replace(/^(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố)\s+/iu, '').trim() || null
  );
}

/**
 * The title of a unit's plan answering another, as such plans are headed: "Thực hiện Kế hoạch số
 * 29/KH-UBND ngày 27/02/2020 của Ủy ban nhân dân tỉnh Hưng Yên về nâng cao Chỉ số PAPI năm 2020".
 */
export function answerTitle(parent: {
  number: string | null;
  issuedOn: string | null;
  issuer: string | null;
  title: string;
}): string {
  const subject = parent.title.replace(/^kế hoạch\s+/iu, '');
  return [
    'Thực hiện Kế hoạch',
    parent.number && `số ${parent.number}`,
    parent.issuedOn && `ngày ${formatDateVi(parent.issuedOn)}`,
    parent.issuer && `của ${parent.issuer}`,
    `về ${subject.charAt(0).toLocaleLowerCase('vi')}${subject.slice(1)}`,
  ]
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
