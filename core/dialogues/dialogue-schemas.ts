/**
 * The forms of a dialogue as zod schemas: the record itself (kind, date, topic, who took part), a
 * question with its answer, a commitment (the task it becomes: lead unit and deadline), publishing and
 * taking down with a reason, and the lists' queries. Dates typed dd/mm/yyyy; every message in
 * Vietnamese with its English.
 */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idParam, idSchema, versionSchema } from '../ids.ts';
import { listQuery } from '../list.ts';
import { isoDate, optionalParagraphs, optionalText, text } from '../text/fields.ts';
import { DIALOGUE_KIND_CODES } from './kinds.ts';

const heldOn = z
  .string({
    error: zodMsg('Hãy nhập ngày tổ chức (dd/mm/yyyy).', 'Enter the date it was held (dd/mm/yyyy).'),
  })
  .pipe(isoDate);

const participantCount = z
  .number({
    error: zodMsg('Số người tham dự phải là một số.', 'The number of participants must be a number.'),
  })
  .int(zodMsg('Số người tham dự phải là số nguyên.', 'The number of participants must be a whole number.'))
  .min(0, zodMsg('Số người tham dự không thể âm.', 'The number of participants cannot be negative.'))
  .max(1_000_000, zodMsg('Số người tham dự quá lớn.', 'The number of participants is too large.'))
  .nullish()
  .transform((value) => value ?? null);

const dialogueFields = {
  kind: z.enum(DIALOGUE_KIND_CODES, {
    error: zodMsg('Hãy chọn hình thức đối thoại.', 'Choose the kind of dialogue.'),
  }),
  heldOn,
  topic: text(500, zodMsg('Hãy nhập chủ đề, nội dung đối thoại.', 'Enter the topic of the dialogue.')),
  location: optionalText(300),
  chairedBy: optionalText(200),
  participants: optionalParagraphs(4000),
  participantCount,
  summary: optionalParagraphs(20_000),
};

export const createDialogueSchema = z.object({
  unitId: idSchema,
  ...dialogueFields,
});
export type CreateDialogue = z.output<typeof createDialogueSchema>;

export const editDialogueSchema = z.object({ ...dialogueFields, version: versionSchema });
export type EditDialogue = z.output<typeof editDialogueSchema>;

/** A question raised and the answer given; every change carries the dialogue's version. */
export const questionSchema = z.object({
  question: text(4000, zodMsg('Hãy nhập câu hỏi, ý kiến được nêu.', 'Enter the question or view raised.')),
  askedBy: optionalText(200),
  answer: optionalParagraphs(10_000),
  answeredBy: optionalText(200),
  version: versionSchema,
});
export type QuestionInput = z.output<typeof questionSchema>;

export const moveQuestionSchema = z.object({
  direction: z.enum(['up', 'down']),
  version: versionSchema,
});

export const versionBodySchema = z.object({ version: versionSchema });

/** A commitment: what, which unit leads it and by when (the task it becomes). */
export const commitmentSchema = z.object({
  text: text(2000, zodMsg('Hãy nhập nội dung cam kết.', 'Enter what was committed.')),
  leadUnitId: idSchema
    .nullish()
    .pipe(
      z.number({ error: zodMsg('Hãy chọn đơn vị chủ trì thực hiện.', 'Choose the unit that leads it.') }),
    ),
  dueOn: z
    .string({ error: zodMsg('Hãy nhập thời hạn (dd/mm/yyyy).', 'Enter the deadline (dd/mm/yyyy).') })
    .pipe(isoDate),
  questionId: idSchema.nullish().transform((value) => value ?? null),
  version: versionSchema,
});
export type CommitmentInput = z.output<typeof commitmentSchema>;

export const publishSchema = z.object({
  version: versionSchema,
  /** The person read what becomes public and confirmed it. */
  confirm: z.literal(true, {
    error: zodMsg('Hãy xác nhận công khai buổi đối thoại.', 'Confirm publishing the dialogue.'),
  }),
});

export const unpublishSchema = z.object({
  version: versionSchema,
  reason: text(2000, zodMsg('Hãy nêu lý do gỡ khỏi trang công khai.', 'Give the reason for taking it down.')),
});

export const DIALOGUE_SORT_FIELDS = ['heldOn', 'topic'] as const;

export const dialogueListQuery = listQuery(DIALOGUE_SORT_FIELDS, '-heldOn').extend({
  unitId: idParam.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(DIALOGUE_KIND_CODES).optional(),
});
export type DialogueListQuery = z.output<typeof dialogueListQuery>;

export const BOARD_SORT_FIELDS = ['conferences', 'name', 'dialogues'] as const;

/** The coordinator's board: every commune in force with its count for the year, those with none first. */
export const boardQuery = listQuery(BOARD_SORT_FIELDS, 'conferences').extend({
  year: z.coerce.number().int().min(2000).max(2100),
  /** Only the communes that have held no conference. */
  missing: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});
export type BoardQuery = z.output<typeof boardQuery>;

export const PUBLIC_SORT_FIELDS = ['heldOn'] as const;

/** The public list: published dialogues by unit and year. */
export const publicDialogueQuery = listQuery(PUBLIC_SORT_FIELDS, '-heldOn').extend({
  unitId: idParam.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type PublicDialogueQuery = z.output<typeof publicDialogueQuery>;
