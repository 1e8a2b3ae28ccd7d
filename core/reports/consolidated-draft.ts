/**
 * The sections of the province's consolidated report the coordinator writes before export. The tables
 * (tasks by dimension, the annexes) are computed; these are the words around them.
 */
import { z } from 'zod';
import { idSchema, versionOrNewSchema } from '../ids.ts';
import { optionalParagraphs } from '../text/fields.ts';

export const CONSOLIDATED_SECTIONS = {
  overview: { vi: 'Đánh giá chung', en: 'Overall assessment' },
  shortcomings: { vi: 'Tồn tại, hạn chế', en: 'Shortcomings and limitations' },
  causes: { vi: 'Nguyên nhân', en: 'Causes' },
  nextTasks: { vi: 'Nhiệm vụ, giải pháp kỳ tới', en: 'Tasks for the next period' },
  proposals: { vi: 'Đề xuất, kiến nghị', en: 'Proposals' },
} as const;
export type ConsolidatedSection = keyof typeof CONSOLIDATED_SECTIONS;
export const CONSOLIDATED_SECTION_KEYS = Object.keys(CONSOLIDATED_SECTIONS) as ConsolidatedSection[];

const sectionText = optionalParagraphs(20_000);

export const consolidatedSectionsSchema = z.object({
  overview: sectionText,
  shortcomings: sectionText,
  causes: sectionText,
  nextTasks: sectionText,
  proposals: sectionText,
});
export type ConsolidatedSections = z.output<typeof consolidatedSectionsSchema>;

export const consolidatedKeySchema = z.object({
  planId: idSchema,
  periodCode: z.string().trim().min(4).max(10),
});

export const saveConsolidatedDraftSchema = consolidatedKeySchema.extend({
  sections: consolidatedSectionsSchema,
  /** 0: the draft has not been saved yet (its text is the suggestion made from the units' reports). */
  version: versionOrNewSchema,
});
