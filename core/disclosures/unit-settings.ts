import { z } from 'zod';
import { versionSchema } from '../ids.ts';

/** Whether a commune has a loudspeaker system, as its register knows it (broadcasts are asked only then). */
export const loudspeakerSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  hasLoudspeaker: z.boolean(),
  /** The reader may change it (disclosures.record on the unit). */
  canChange: z.boolean(),
  version: z.number().int(),
});
export type Loudspeaker = z.infer<typeof loudspeakerSchema>;

export const saveLoudspeakerSchema = z.object({
  hasLoudspeaker: z.boolean(),
  version: versionSchema,
});
