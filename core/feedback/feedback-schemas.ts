/**
 * The forms of citizens' feedback as zod schemas: the public submission (also sent as multipart with
 * photos, so flags may arrive as form text), the staff's entry of what came by another channel, the
 * workflow actions, the citizen's own actions through the private link, and the coordinator's
 * routing table and clock settings. Every message in Vietnamese with its English.
 */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idSchema, versionOrNewSchema, versionSchema } from '../ids.ts';
import { isoDate, optionalText, text } from '../text/fields.ts';
import { FEEDBACK_KIND_CODES } from './kinds.ts';

export const FEEDBACK_CHANNELS = {
  web: { vi: 'Cổng trực tuyến', en: 'Web form' },
  hotline: { vi: 'Đường dây nóng', en: 'Hotline' },
  paper: { vi: 'Đơn giấy', en: 'Paper' },
  zalo: { vi: 'Trang Zalo', en: 'Zalo page' },
  portal: { vi: 'Cổng Dịch vụ công quốc gia', en: 'National public service portal' },
  in_person: { vi: 'Trực tiếp tại trụ sở', en: 'In person' },
  app: { vi: 'Ứng dụng của tỉnh (Open311)', en: "The province's app (Open311)" },
} as const;
export type FeedbackChannel = keyof typeof FEEDBACK_CHANNELS;
/** The channels staff enter by hand (the web form is the citizen's own). */
export const STAFF_CHANNELS = ['hotline', 'paper', 'zalo', 'portal', 'in_person'] as const;

/** A yes/no from JSON (true/false) or from a form field ("true", "on", "1"); absent is no. */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'on', 'off', '1', '0', ''])])
  .optional()
  .transform((value) => value === true || value === 'true' || value === 'on' || value === '1');

const phone = z
  .string()
  .transform((value) => value.replace(/[\s.()-]/g, ''))
  .pipe(
    z
      .string()
      .regex(
        /^(\+?84|0)\d{8,10}$/,
        zodMsg('Số điện thoại không hợp lệ (ví dụ 0912345678).', 'Invalid phone number (e.g. 0912345678).'),
      ),
  );

const email = z
  .string()
  .trim()
  .max(200)
  .pipe(z.email(zodMsg('Địa chỉ thư điện tử không hợp lệ.', 'Invalid e-mail address.')));

/** Empty strings from a form are "not given". */
const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

/** A map coordinate in degrees, from JSON or a form's text; absent or empty is none. */
const coordinate = (limit: number) =>
  z
    .preprocess(
      (value) => (value === '' || value === undefined || value === null ? null : Number(value)),
      z
        .number(zodMsg('Toạ độ không hợp lệ.', 'Invalid coordinate.'))
        .min(-limit, zodMsg('Toạ độ không hợp lệ.', 'Invalid coordinate.'))
        .max(limit, zodMsg('Toạ độ không hợp lệ.', 'Invalid coordinate.'))
        .nullable(),
    )
    .default(null);

export const submitFeedbackSchema = z.object({
  kind: z
    .enum(FEEDBACK_KIND_CODES, {
      error: zodMsg('Hãy chọn loại nội dung gửi.', 'Choose what kind of petition this is.'),
    })
    .default('pakn_general'),
  categoryCode: text(60, zodMsg('Hãy chọn lĩnh vực.', 'Choose a category.')),
  communeCode: text(20, zodMsg('Hãy chọn xã, phường liên quan.', 'Choose the commune or ward concerned.')),
  text: z
    .string({ error: zodMsg('Hãy viết nội dung phản ánh.', 'Write what you want to raise.') })
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(
          10,
          zodMsg('Nội dung quá ngắn: hãy viết ít nhất 10 ký tự.', 'Too short: write at least 10 characters.'),
        )
        .max(5000, zodMsg('Tối đa 5000 ký tự.', 'At most 5000 characters.')),
    ),
  /** Where exactly it happens (house number, street, hamlet): for the unit, never published. */
  placeText: optionalText(300),
  /** The map point the sender's device gave (with their consent), in degrees: for the unit, never published. */
  lat: coordinate(90),
  lng: coordinate(180),
  citizenName: optionalText(200),
  publishName: flag,
  contactPhone: z.preprocess(blankToNull, phone.nullable()).default(null),
  contactEmail: z.preprocess(blankToNull, email.nullable()).default(null),
  contactAddress: optionalText(300),
  /** Keep the photos' location (EXIF/XMP GPS); stripped unless the citizen asks. */
  keepLocation: flag,
});
export type SubmitFeedback = z.output<typeof submitFeedbackSchema>;

export const staffEntrySchema = submitFeedbackSchema.extend({
  channel: z.enum(STAFF_CHANNELS, {
    error: zodMsg('Hãy chọn kênh tiếp nhận.', 'Choose the channel it arrived by.'),
  }),
  /** Signed or fingerprinted (a complaint needs it). */
  signed: flag,
  /** More than one kind in one text: the citizen is told to split it. */
  mixed: flag,
  /** The day it arrived (a paper petition entered later); default today. */
  receivedOn: isoDate.optional(),
});
export type StaffEntry = z.output<typeof staffEntrySchema>;

const reason = (vi: string, en: string) => text(2000, zodMsg(vi, en));

export const feedbackActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), version: versionSchema }),
  z.object({ type: z.literal('start'), version: versionSchema }),
  z.object({
    type: z.literal('forward'),
    version: versionSchema,
    toUnitId: idSchema,
    reason: reason('Hãy nêu lý do chuyển.', 'Give the reason for forwarding.'),
  }),
  z.object({
    type: z.literal('ask_info'),
    version: versionSchema,
    question: reason('Hãy viết điều cần người gửi bổ sung.', 'Write what the sender must add.'),
  }),
  z.object({
    type: z.literal('info_given'),
    version: versionSchema,
    note: reason('Hãy ghi điều người gửi đã bổ sung.', 'Write what the sender added.'),
  }),
  z.object({
    type: z.literal('answer'),
    version: versionSchema,
    outcome: z.enum(['resolved', 'not_resolved']),
    answer: text(10000, zodMsg('Hãy viết nội dung trả lời.', 'Write the answer.')),
    reason: optionalText(2000),
  }),
  z.object({ type: z.literal('close'), version: versionSchema }),
  z.object({
    type: z.literal('not_competent'),
    version: versionSchema,
    forwardedTo: text(300, zodMsg('Hãy ghi cơ quan có thẩm quyền.', 'Name the competent body.')),
    reason: reason('Hãy nêu lý do.', 'Give a reason.'),
  }),
  z.object({
    type: z.literal('duplicate'),
    version: versionSchema,
    duplicateOfCode: text(
      30,
      zodMsg('Hãy nhập mã phản ánh bị trùng.', 'Enter the code of the item it duplicates.'),
    ),
  }),
  z.object({
    type: z.literal('spam'),
    version: versionSchema,
    reason: reason('Hãy nêu lý do đánh dấu không phải phản ánh.', 'Give the reason for marking it as spam.'),
  }),
  z.object({
    type: z.literal('extend'),
    version: versionSchema,
    reason: reason(
      'Hãy nêu lý do gia hạn (vụ việc phức tạp vì sao).',
      'Give the reason for the extension (why the case is complex).',
    ),
  }),
]);
export type FeedbackActionInput = z.output<typeof feedbackActionSchema>;

/** At most this many items are acted on at once (a page of the inbox and more). */
export const BULK_LIMIT = 200;

/**
 * One step taken on several items at once, each at the version its reader saw: receiving the new
 * ones, starting, closing the answered ones, or setting aside spam with one reason.
 */
export const bulkActionSchema = z.object({
  items: z
    .array(z.object({ id: idSchema, version: versionSchema }))
    .min(1, zodMsg('Hãy chọn ít nhất một phản ánh.', 'Choose at least one item.'))
    .max(BULK_LIMIT, zodMsg(`Tối đa ${BULK_LIMIT} phản ánh một lần.`, `At most ${BULK_LIMIT} items at once.`))
    .refine((items) => new Set(items.map((item) => item.id)).size === items.length, {
      error: zodMsg('Một phản ánh được chọn hai lần.', 'An item is chosen twice.'),
    }),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('accept') }),
    z.object({ type: z.literal('start') }),
    z.object({ type: z.literal('close') }),
    z.object({
      type: z.literal('spam'),
      reason: reason(
        'Hãy nêu lý do đánh dấu không phải phản ánh.',
        'Give the reason for marking it as spam.',
      ),
    }),
  ]),
});
export type BulkActionInput = z.output<typeof bulkActionSchema>;

export const noteSchema = z.object({
  note: text(4000, zodMsg('Hãy viết ghi chú.', 'Write the note.')),
});

const token = z.string().trim().min(20).max(100);

export const citizenRatingSchema = z.object({
  token,
  rating: z.enum(['satisfied', 'not_satisfied'], {
    error: zodMsg('Hãy chọn hài lòng hoặc không hài lòng.', 'Choose satisfied or not satisfied.'),
  }),
});

export const citizenReopenSchema = z.object({
  token,
  reason: text(2000, zodMsg('Hãy nêu lý do mở lại.', 'Give the reason for reopening.')),
});

export const citizenReplySchema = z.object({
  token,
  text: text(5000, zodMsg('Hãy viết nội dung bổ sung.', 'Write what you add.')),
});

export const FEEDBACK_INBOX_FILTERS = ['new', 'due_soon', 'overdue', 'open', 'all'] as const;
export const FEEDBACK_SORT_FIELDS = ['receivedOn', 'dueOn', 'code', 'status'] as const;

/** One line of the routing table: a category (null: any), a commune (null: any) → the handling unit. */
export const routingRuleSchema = z.object({
  categoryCode: z.string().trim().min(1).max(60).nullable(),
  unitId: idSchema.nullable(),
  handlingUnitId: idSchema,
});
export const routingTableSchema = z.object({
  rules: z.array(routingRuleSchema).max(20_000),
});
export type RoutingTable = z.output<typeof routingTableSchema>;
export const saveRoutingSchema = routingTableSchema.extend({ version: versionOrNewSchema });

/** The numbers a province sets, by "kind.step" (only where the law leaves it or is unconfirmed). */
export const clockSettingsSchema = z.object({
  days: z.record(
    z.string().max(60),
    z
      .number()
      .int()
      .min(1, zodMsg('Ít nhất 1 ngày.', 'At least 1 day.'))
      .max(365, zodMsg('Tối đa 365 ngày.', 'At most 365 days.')),
  ),
});
export const saveClockSettingsSchema = clockSettingsSchema.extend({ version: versionOrNewSchema });

/**
 * The province's list of categories as saved whole, in its order: an existing category by its code,
 * a new one with code null (and the form's key for it). Names are checked line by line by
 * `planCategories` (core/feedback/categories.ts), which names the line it refuses.
 */
export const categoryLineSchema = z.object({
  code: z.string().trim().min(1).max(60).nullable(),
  key: z.string().max(40).optional(),
  nameVi: z.string().max(200, zodMsg('Tối đa 200 ký tự.', 'At most 200 characters.')),
  nameEn: z.string().max(200, zodMsg('Tối đa 200 ký tự.', 'At most 200 characters.')).nullish(),
  isActive: z.boolean(),
});
export const saveCategoriesSchema = z.object({
  categories: z.array(categoryLineSchema).min(1).max(500),
  version: versionOrNewSchema,
});
export type SaveCategories = z.output<typeof saveCategoriesSchema>;
