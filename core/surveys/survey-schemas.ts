/** Request shapes of the survey routes, shared with the web app's forms. */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idParam, idSchema } from '../ids.ts';
import { isoDate } from '../text/fields.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, zodMsg('Ngày không hợp lệ.', 'Invalid date.'));

export const paperFormSchema = z.object({
  answers: z.record(z.string().max(40), z.union([z.number(), z.string().max(4000), z.null()])),
  answeredOn: isoDay,
  paperNumber: z.string().trim().max(40).nullish(),
  dossierCode: z.string().trim().max(80).nullish(),
});

export const paperFormsBodySchema = z.object({
  unitId: idSchema,
  forms: z.array(paperFormSchema).min(1).max(500),
});

/** A file of paper forms for one unit: checked only (dryRun, the default) or recorded; `date` for rows without one. */
export const paperImportQuerySchema = z.object({
  unitId: idParam,
  dryRun: z.enum(['true', 'false']).default('true'),
  date: isoDate.optional(),
});

export const paperImportResultSchema = z.object({
  recorded: z.number().int(),
  dryRun: z.boolean(),
  batch: z.string().nullable(),
});
export type PaperImportResult = z.infer<typeof paperImportResultSchema>;
