/**
 * The register's forms and answers as zod schemas, shared by the routes and the web app: taking a
 * number, voiding one, the list's query, and the record as the API presents it.
 */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idParam, idSchema } from '../ids.ts';
import { listQuery, listResultSchema } from '../list.ts';
import { isoDate, optionalText, text } from '../text/fields.ts';
import { REGISTER_STATUS_CODES, REGISTER_TYPE_CODES, SOURCE_KIND_CODES } from './register.ts';

export const REGISTER_SORT_FIELDS = ['number', 'issuedOn', 'title', 'createdAt'] as const;

const recipient = z
  .string()
  .trim()
  .max(300, zodMsg('Tối đa 300 ký tự.', 'At most 300 characters.'))
  .transform((value) => value.normalize('NFC'));

export const takeNumberSchema = z
  .object({
    unitId: idSchema,
    type: z.enum(REGISTER_TYPE_CODES, {
      error: zodMsg('Hãy chọn loại văn bản.', 'Choose the type of document.'),
    }),
    title: text(1000, zodMsg('Hãy ghi trích yếu của văn bản.', 'Enter what the document is about.')),
    /** The day it is issued; today when not given. */
    issuedOn: isoDate.nullish(),
    signerName: optionalText(200),
    recipients: z
      .array(recipient)
      .max(100)
      .default([])
      .transform((list) => list.filter(Boolean)),
    /** The drafting unit or field in a công văn's ký hiệu ("VX" in "12/UBND-VX"). */
    drafter: z
      .string()
      .trim()
      .max(20)
      .regex(
        /^[\p{L}\d&]*$/u,
        zodMsg(
          'Chữ viết tắt chỉ gồm chữ và số (ví dụ VX).',
          'An abbreviation is letters and digits (e.g. VX).',
        ),
      )
      .nullish()
      .transform((value) => value || null),
    sourceKind: z.enum(SOURCE_KIND_CODES).default('other'),
    sourceId: z.string().trim().min(1).max(100).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.sourceKind !== 'other' && !value.sourceId)
      ctx.addIssue({
        code: 'custom',
        path: ['sourceId'],
        message: zodMsg('Hãy cho biết văn bản nào của Chiso.', 'Say which Chiso document it is.'),
      });
  });
export type TakeNumberInput = z.input<typeof takeNumberSchema>;

export const voidNumberSchema = z.object({
  reason: text(500, zodMsg('Hãy ghi lý do hủy số.', 'Enter why the number is voided.')),
});

export const registerListQuery = listQuery(REGISTER_SORT_FIELDS, '-number').extend({
  unitId: idParam.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  type: z.enum(REGISTER_TYPE_CODES).optional(),
  status: z.enum(REGISTER_STATUS_CODES).optional(),
  /** The entries of one Chiso document ("plan" and its id: the plan's number and its signing). */
  sourceKind: z.enum(SOURCE_KIND_CODES).optional(),
  sourceId: z.string().trim().min(1).max(100).optional(),
});
export type RegisterListQuery = z.output<typeof registerListQuery>;

export const issuedDocumentSchema = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int(),
  type: z.string(),
  seq: z.number().int(),
  number: z.string(),
  symbol: z.string(),
  title: z.string(),
  issuedOn: z.string(),
  signerName: z.string().nullable(),
  recipients: z.array(z.string()),
  sourceKind: z.enum(SOURCE_KIND_CODES),
  sourceId: z.string().nullable(),
  status: z.enum(REGISTER_STATUS_CODES),
  voidReason: z.string().nullable(),
  voidedAt: z.string().nullable(),
  pdfSha256: z.string().nullable(),
  signedPdfSha256: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  /** Whether the reader may void it (documents.register on its unit, not void already). */
  canVoid: z.boolean(),
});
export type IssuedDocument = z.infer<typeof issuedDocumentSchema>;

export const registerListSchema = listResultSchema(issuedDocumentSchema);
