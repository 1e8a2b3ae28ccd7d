import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { parseDate } from './dates.ts';
import { normalizeText } from './vietnamese.ts';

/** Form fields every schema uses: required and optional text (NFC, trimmed), dates typed dd/mm/yyyy. */

/** Required text: normalised, then 1..max characters, `message` when empty. */
export const text = (max: number, message: string) =>
  z
    .string({ error: message })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, message)
        .max(max, zodMsg(`Tối đa ${max} ký tự.`, `At most ${max} characters.`)),
    );

/** Optional text: normalised; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(max, zodMsg(`Tối đa ${max} ký tự.`, `At most ${max} characters.`)))
    .nullish()
    .transform((value) => value || null);

/** Optional text of several paragraphs: each line normalised, blank lines dropped, lines kept; empty becomes null. */
export const optionalParagraphs = (max: number) =>
  z
    .string()
    .transform((value) => value.split(/\r?\n/).map(normalizeText).filter(Boolean).join('\n'))
    .pipe(z.string().max(max, zodMsg(`Tối đa ${max} ký tự.`, `At most ${max} characters.`)))
    .nullish()
    .transform((value) => value || null);

/** A date typed dd/mm/yyyy (or ISO), as an ISO string. */
export const isoDate = z
  .string({ error: zodMsg('Ngày không hợp lệ (dd/mm/yyyy).', 'Invalid date (dd/mm/yyyy).') })
  .transform((value, ctx) => {
    const parsed = parseDate(value);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        message: zodMsg('Ngày không hợp lệ (dd/mm/yyyy).', 'Invalid date (dd/mm/yyyy).'),
      });
      return z.NEVER;
    }
    return parsed;
  });
