/** The desk's survey link: what the staff page asks and is answered. */
import { z } from 'zod';
import { idParam } from '../ids.ts';

export const surveyLinkQuerySchema = z.object({ unitId: idParam });

export const surveyLinkSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** The short link, absolute: `https://…/ks/11953`. */
  url: z.string(),
  /** Its QR code, an SVG document. */
  qrSvg: z.string(),
  /** The link for the desk's own tablet (`…?quay=KEY`), for those who enter the unit's surveys; else null. */
  kioskUrl: z.string().nullable(),
});
export type SurveyLinkView = z.infer<typeof surveyLinkSchema>;
