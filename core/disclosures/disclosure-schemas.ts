/**
 * The forms of the disclosures register as zod schemas: an obligation (what a unit must disclose:
 * the catalogue item, its title, the decision that triggers it and the period it covers, the public
 * document), a disclosure record (where, from and to, an internal note), a catalogue item the province
 * edits, and the lists' queries. Dates typed dd/mm/yyyy; every message in Vietnamese with its English.
 */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idParam, idSchema, versionSchema } from '../ids.ts';
import { listQuery } from '../list.ts';
import { isoDate, optionalParagraphs, optionalText, text } from '../text/fields.ts';
import {
  DISCLOSURE_PLACE_CODES,
  DISCLOSURE_UNIT_TYPES,
  deadlineRuleSchema,
  periodRuleSchema,
} from './catalogue.ts';
import { OBLIGATION_STATUS_CODES } from './compliance.ts';

const date = (vi: string, en: string) => z.string({ error: zodMsg(vi, en) }).pipe(isoDate);
const optionalDate = isoDate.nullish().transform((value) => value ?? null);
const emptyAsNull = (value: unknown) => (value === '' ? null : value);

/** A public link: http(s) only, so a page never links a script. */
const documentUrl = z.preprocess(
  emptyAsNull,
  z
    .string()
    .trim()
    .max(1000, zodMsg('Tối đa 1000 ký tự.', 'At most 1000 characters.'))
    .regex(
      /^https?:\/\/[^\s]+$/i,
      zodMsg(
        'Đường dẫn phải bắt đầu bằng http:// hoặc https://.',
        'The link must start with http:// or https://.',
      ),
    )
    .nullish()
    .transform((value) => value ?? null),
);

const obligationFields = {
  itemCode: z
    .string({ error: zodMsg('Hãy chọn nội dung phải công khai.', 'Choose what must be disclosed.') })
    .regex(
      /^[A-Z][A-Z0-9_]*$/,
      zodMsg('Hãy chọn nội dung phải công khai.', 'Choose what must be disclosed.'),
    ),
  title: text(
    500,
    zodMsg('Hãy nhập tên văn bản, thông tin công khai.', 'Enter the title of what is disclosed.'),
  ),
  decisionNumber: optionalText(100),
  decisionDate: date(
    'Hãy nhập ngày ban hành quyết định, văn bản (dd/mm/yyyy).',
    'Enter the date of the decision or document (dd/mm/yyyy).',
  ),
  periodFrom: z.preprocess(emptyAsNull, optionalDate),
  periodTo: z.preprocess(emptyAsNull, optionalDate),
  documentUrl,
};

export const createObligationSchema = z.object({ unitId: idSchema, ...obligationFields });
export type CreateObligation = z.output<typeof createObligationSchema>;

export const editObligationSchema = z.object({ ...obligationFields, version: versionSchema });
export type EditObligation = z.output<typeof editObligationSchema>;

const recordFields = {
  place: z.enum(DISCLOSURE_PLACE_CODES, {
    error: zodMsg('Hãy chọn nơi, hình thức công khai.', 'Choose where it was disclosed.'),
  }),
  placeDetail: optionalText(300),
  from: date('Hãy nhập ngày bắt đầu công khai (dd/mm/yyyy).', 'Enter the first day disclosed (dd/mm/yyyy).'),
  to: z.preprocess(emptyAsNull, optionalDate),
  /** Internal: never on a public page. */
  note: optionalParagraphs(2000),
};

export const createRecordSchema = z.object(recordFields);
export type CreateRecord = z.output<typeof createRecordSchema>;

export const editRecordSchema = z.object({ ...recordFields, version: versionSchema });
export type EditRecord = z.output<typeof editRecordSchema>;

/**
 * The switch for the public register: on, or off with the reason (kept in the audit), over the version
 * read.
 */
export const publishObligationSchema = z.discriminatedUnion('published', [
  z.object({ published: z.literal(true), version: versionSchema }),
  z.object({
    published: z.literal(false),
    version: versionSchema,
    reason: text(
      2000,
      zodMsg('Hãy nêu lý do thôi công khai.', 'Give the reason for taking it off the public register.'),
    ),
  }),
]);
export type PublishObligation = z.output<typeof publishObligationSchema>;

/**
 * What the confirmation says before an item goes on (or off) the public register: since when and by
 * whom it is public, exactly what the public reads of it, where, and whether the legal posting period
 * still runs (`periodRuns`; to `periodRunsUntil`, or with no end when that is null).
 */
export const obligationPublicationSchema = z.object({
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  title: z.string(),
  unitName: z.string(),
  itemName: z.object({ vi: z.string(), en: z.string() }).nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string(),
  documentUrl: z.string().nullable(),
  publicFileName: z.string().nullable(),
  /** Places whose posting has begun (the public page lists each with its dates). */
  placesStarted: z.number().int(),
  previewPath: z.string(),
  publicPath: z.string(),
  periodRuns: z.boolean(),
  periodRunsUntil: z.string().nullable(),
  version: z.number().int(),
});
export type ObligationPublication = z.infer<typeof obligationPublicationSchema>;

export const catalogueItemFormSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(
      /^[A-Z][A-Z0-9_]*$/,
      zodMsg('Mã gồm chữ in hoa, số và dấu gạch dưới.', 'The code is capitals, digits and underscores.'),
    ),
  nameVi: text(500, zodMsg('Hãy nhập tên tiếng Việt.', 'Enter the Vietnamese name.')),
  nameEn: text(500, zodMsg('Hãy nhập tên tiếng Anh.', 'Enter the English name.')),
  basis: text(1000, zodMsg('Hãy nêu căn cứ pháp lý.', 'Give the legal basis.')),
  article: text(50, zodMsg('Hãy nhập điều, khoản.', 'Enter the article.')),
  unitTypes: z
    .array(z.enum(DISCLOSURE_UNIT_TYPES))
    .min(1, zodMsg('Chọn ít nhất một cấp đơn vị.', 'Choose at least one kind of unit.')),
  places: z
    .array(z.enum(DISCLOSURE_PLACE_CODES))
    .min(1, zodMsg('Chọn ít nhất một nơi công khai.', 'Choose at least one place.')),
  period: periodRuleSchema,
  loudspeakerDays: z.number().int().min(1).max(365).nullable(),
  deadline: deadlineRuleSchema,
  validFrom: date('Hãy nhập ngày áp dụng (dd/mm/yyyy).', 'Enter the first day it applies (dd/mm/yyyy).'),
  validTo: z.preprocess(emptyAsNull, optionalDate),
  unconfirmed: z.boolean(),
  note: optionalParagraphs(2000),
});
export type CatalogueItemForm = z.output<typeof catalogueItemFormSchema>;

export const editCatalogueItemSchema = catalogueItemFormSchema.extend({ version: versionSchema });
export type EditCatalogueItem = z.output<typeof editCatalogueItemSchema>;

export const OBLIGATION_SORT_FIELDS = ['due', 'decisionDate', 'title'] as const;

export const obligationListQuery = listQuery(OBLIGATION_SORT_FIELDS, '-decisionDate').extend({
  unitId: idParam.optional(),
  status: z.enum(OBLIGATION_STATUS_CODES).optional(),
  itemCode: z.string().max(50).optional(),
});
export type ObligationListQuery = z.output<typeof obligationListQuery>;

export const BOARD_SORT_FIELDS = ['problems', 'name', 'onTime'] as const;

/** The compliance board: each commune (or department) in scope with its counts, the most problems first. */
export const complianceBoardQuery = listQuery(BOARD_SORT_FIELDS, '-problems').extend({
  unitType: z.enum(['commune', 'department']).default('commune'),
});
export type ComplianceBoardQuery = z.output<typeof complianceBoardQuery>;
