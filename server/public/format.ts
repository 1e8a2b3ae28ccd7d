import { foldVietnamese } from '../../core/text/vietnamese.ts';
import type { Lang } from './site-words.ts';

/** Numbers on the public pages: decimal comma and dot thousands in Vietnamese ("44,12"; "1.191"). */
export function decimal(value: number | null, lang: Lang, digits = 2): string {
  if (value === null) return '—';
  return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A readable address part from a name: "Chỉ số CCHC sở, ngành 2025" → "chi-so-cchc-so-nganh-2025". */
export function slug(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The record's id in an address "12-chi-so-cchc-2025" (or just "12"); null when there is none. */
export function idOfSlug(text: string): number | null {
  const match = /^(\d{1,9})(?:-[a-z0-9-]*)?$/.exec(text);
  return match ? Number(match[1]) : null;
}

/** A share as the web app writes it: "10,2%", "70%" (at most one decimal, none when whole). */
export function percentText(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  return `${value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })}%`;
}
