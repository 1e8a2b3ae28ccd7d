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
});
export type SurveyLinkView = z.infer<typeof surveyLinkSchema>;
