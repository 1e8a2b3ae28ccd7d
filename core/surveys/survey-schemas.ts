/** Request shapes of the survey routes, shared with the web app's forms. */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idSchema } from '../ids.ts';

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
