import { z } from 'zod';

/**
 * The indicator catalogue as shipped data (reference/indicators/catalogue.json). Ratios are kept as a
 * numerator and a denominator and shown in %; counts and values are single numbers.
 */
export const INDICATOR_KINDS = ['ratio', 'count', 'value'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Where the figures come from: entered per unit and period, computed from dossiers, later from feedback and surveys. */
export const INDICATOR_SOURCES = ['entered', 'dossiers', 'feedback', 'survey', 'disclosures'] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

export const indicatorSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_.]*$/),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  measureUnit: z.string().min(1),
  kind: z.enum(INDICATOR_KINDS),
  source: z.enum(INDICATOR_SOURCES),
  frameworkCode: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  /** A ratio whose numerator may exceed its denominator (e.g. results digitised beyond the plan). */
  numeratorMayExceed: z.boolean().default(false),
});

export type Indicator = z.output<typeof indicatorSchema>;

export const catalogueSchema = z.object({
  version: z.number().int().positive(),
  indicators: z.array(indicatorSchema).min(1),
});

/** The catalogue file checked: its shape, and every code once. */
export function parseCatalogue(data: unknown): Indicator[] {
  const { indicators } = catalogueSchema.parse(data);
  const seen = new Set<string>();
  for (const indicator of indicators) {
    if (seen.has(indicator.code))
      throw new Error(`indicator ${indicator.code} appears twice in the catalogue`);
    seen.add(indicator.code);
  }
  return indicators;
}
