/** What the API answers about units: the contract shared by the server's presenters and the web app. */
import { z } from 'zod';
import { SUCCESSION_KIND_NAMES, UNIT_TYPE_NAMES } from './unit-types.ts';

export const unitSummarySchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  type: z.enum(UNIT_TYPE_NAMES),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  isActive: z.boolean(),
  childCount: z.number().int(),
  headName: z.string().nullable(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;

const linkSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(SUCCESSION_KIND_NAMES),
  effectiveOn: z.string(),
});

export const unitDetailSchema = unitSummarySchema.extend({
  shortName: z.string().nullable(),
  headTitle: z.string().nullable(),
  headPhone: z.string().nullable(),
  headEmail: z.string().nullable(),
  address: z.string().nullable(),
  version: z.number().int(),
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  predecessors: z.array(linkSchema),
  successors: z.array(linkSchema),
  canEdit: z.boolean(),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;
