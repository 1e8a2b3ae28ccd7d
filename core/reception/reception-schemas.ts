/**
 * The forms of reception days and the register as zod schemas: a head's standing rule, a one-off or ad
 * hoc session, the steps on a session (publish, postpone, cancel, record it held), a register entry,
 * marking the citizen told, turning an entry into a petition. Every message in Vietnamese with its English.
 */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idSchema, versionOrNewSchema, versionSchema } from '../ids.ts';
import { isoDate, optionalParagraphs, optionalText, text } from '../text/fields.ts';
import { representativeIssue } from './groups.ts';
import { ENTRY_KIND_CODES, HOST_LEVEL_CODES, SESSION_MODE_CODES } from './labels.ts';
import { onlineAllowed } from './online.ts';

const time = z
  .string({ error: zodMsg('Giờ không hợp lệ (HH:MM).', 'Invalid time (HH:MM).') })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, zodMsg('Giờ không hợp lệ (HH:MM).', 'Invalid time (HH:MM).'));

const hostLevel = z.enum(HOST_LEVEL_CODES, {
  error: zodMsg('Hãy chọn chức danh người tiếp.', 'Choose the host’s level.'),
});

const host = {
  hostLevel,
  hostTitle: text(200, zodMsg('Hãy ghi chức danh người tiếp.', 'Enter the host’s title.')),
  hostName: optionalText(200),
  startTime: time,
  endTime: time,
  location: text(300, zodMsg('Hãy ghi địa điểm tiếp.', 'Enter where citizens are received.')),
};

const endsAfterStart = (value: { startTime: string; endTime: string }, ctx: z.RefinementCtx) => {
  if (value.endTime <= value.startTime)
    ctx.addIssue({
      code: 'custom',
      path: ['endTime'],
      message: zodMsg('Giờ kết thúc phải sau giờ bắt đầu.', 'The end time must be after the start time.'),
    });
};

export const ruleFieldsSchema = z
  .object({
    ...host,
    frequency: z.enum(['weekly', 'monthly'], {
      error: zodMsg('Hãy chọn hằng tuần hoặc hằng tháng.', 'Choose weekly or monthly.'),
    }),
    weekday: z.number().int().min(1).max(7).nullable().default(null),
    monthWeek: z
      .union([z.literal(-1), z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
      .nullable()
      .default(null),
    monthDay: z.number().int().min(1).max(31).nullable().default(null),
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
  })
  .superRefine((rule, ctx) => {
    endsAfterStart(rule, ctx);
    const needWeekday = rule.frequency === 'weekly' || rule.monthWeek !== null;
    if (needWeekday && rule.weekday === null)
      ctx.addIssue({
        code: 'custom',
        path: ['weekday'],
        message: zodMsg('Hãy chọn thứ trong tuần.', 'Choose the day of the week.'),
      });
    if (rule.frequency === 'monthly' && rule.monthWeek === null && rule.monthDay === null)
      ctx.addIssue({
        code: 'custom',
        path: ['monthDay'],
        message: zodMsg(
          'Hãy chọn ngày trong tháng, hoặc thứ mấy của tuần nào trong tháng.',
          'Choose a day of the month, or which weekday of which week.',
        ),
      });
    if (rule.validTo !== null && rule.validTo < rule.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: zodMsg('Ngày kết thúc phải sau ngày bắt đầu.', 'The end date must be after the start date.'),
      });
  });
export type RuleFields = z.output<typeof ruleFieldsSchema>;

export const createRuleSchema = z.intersection(z.object({ unitId: idSchema }), ruleFieldsSchema);
export const updateRuleSchema = z.intersection(z.object({ version: versionSchema }), ruleFieldsSchema);

export const generateSchema = z.object({
  weeks: z
    .number()
    .int()
    .min(1, zodMsg('Ít nhất 1 tuần.', 'At least 1 week.'))
    .max(26, zodMsg('Tối đa 26 tuần.', 'At most 26 weeks.'))
    .default(8),
});

export const createSessionSchema = z
  .object({
    unitId: idSchema,
    kind: z.enum(['periodic', 'ad_hoc']).default('periodic'),
    on: isoDate,
    ...host,
    topic: optionalParagraphs(2000),
    participants: optionalParagraphs(2000),
    mode: z.enum(SESSION_MODE_CODES).default('in_person'),
    /** The link or platform of an online session: staff only, never published. */
    onlineLink: optionalText(500),
  })
  .superRefine((value, ctx) => {
    endsAfterStart(value, ctx);
    if (value.mode !== 'online') return;
    if (!onlineAllowed(value.on))
      ctx.addIssue({
        code: 'custom',
        path: ['mode'],
        message: zodMsg(
          'Chỉ tiếp công dân trực tuyến từ ngày 01/07/2026 (Luật 136/2025/QH15, Điều 3a): buổi tiếp trước ngày đó phải là trực tiếp.',
          'Online reception exists from 01/07/2026 (Law 136/2025/QH15, Article 3a): a session before then is in person.',
        ),
      });
    if (value.onlineLink === null)
      ctx.addIssue({
        code: 'custom',
        path: ['onlineLink'],
        message: zodMsg(
          'Hãy ghi đường dẫn hoặc nền tảng tiếp trực tuyến.',
          'Enter the link or platform of the online session.',
        ),
      });
  });
export type CreateSession = z.output<typeof createSessionSchema>;

export const publishSchema = z.object({ version: versionSchema });

const reason = (vi: string, en: string) => text(2000, zodMsg(vi, en));

export const postponeSchema = z
  .object({
    version: versionSchema,
    reason: reason('Hãy nêu lý do hoãn.', 'Give the reason for postponing.'),
    newOn: isoDate,
    startTime: time.optional(),
    endTime: time.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.startTime && value.endTime)
      endsAfterStart({ startTime: value.startTime, endTime: value.endTime }, ctx);
  });

export const cancelSchema = z.object({
  version: versionSchema,
  reason: reason('Hãy nêu lý do hủy.', 'Give the reason for cancelling.'),
});

export const recordSessionSchema = z
  .object({
    version: versionSchema,
    privacy: z.enum(['names', 'counts']),
    visitorCount: z
      .number()
      .int()
      .min(0, zodMsg('Số người không được âm.', 'The count cannot be negative.'))
      .max(10_000)
      .nullable()
      .default(null),
    delegatedTo: optionalText(200),
    conclusion: optionalParagraphs(10_000),
  })
  .superRefine((value, ctx) => {
    if (value.privacy === 'counts' && value.visitorCount === null)
      ctx.addIssue({
        code: 'custom',
        path: ['visitorCount'],
        message: zodMsg('Hãy ghi số lượt người đến.', 'Enter how many people came.'),
      });
  });

const entryObject = z.object({
  receivedOn: isoDate,
  citizenName: text(200, zodMsg('Hãy ghi họ tên người đến.', 'Enter the visitor’s name.')),
  address: optionalText(300),
  idNumber: z
    .string()
    .trim()
    .max(20)
    .regex(
      /^[0-9A-Za-z]*$/,
      zodMsg('Số giấy tờ chỉ gồm chữ và số.', 'The ID number has letters and digits only.'),
    )
    .nullish()
    .transform((value) => value || null),
  content: text(10_000, zodMsg('Hãy ghi nội dung sự việc.', 'Enter what the matter is.')),
  kind: z.enum(ENTRY_KIND_CODES, { error: zodMsg('Hãy chọn loại đơn.', 'Choose the kind.') }),
  peopleCount: z
    .number()
    .int()
    .min(1, zodMsg('Ít nhất 1 người.', 'At least 1 person.'))
    .max(10_000)
    .default(1),
  priorHandling: optionalParagraphs(4000),
  request: optionalParagraphs(4000),
  handling: optionalParagraphs(4000),
  inCompetence: z.boolean().default(true),
  guidedTo: optionalText(500),
  transferredTo: optionalText(500),
  note: optionalParagraphs(2000),
  /** The representatives' names when several people came with the same content (Luật TCD Điều 29–30). */
  representatives: z
    .array(text(200, zodMsg('Hãy ghi họ tên người đại diện.', 'Enter the representative’s name.')))
    .max(20)
    .default([]),
  /** "Chuyển đến từ": the National Assembly or People's Council body, deputy or Ban TCD that transferred it. */
  referredBy: optionalText(300),
  /** The day the case was resolved (starts the 7-working-day clock to tell the transferring body). */
  resolvedOn: isoDate.nullish().transform((value) => value ?? null),
  /** The day the transferring body was told. */
  referrerNotifiedOn: isoDate.nullish().transform((value) => value ?? null),
});

/** The checks across a line's fields: the group's representatives, the order of the follow-up dates. */
function entryRules(value: z.output<typeof entryObject>, ctx: z.RefinementCtx) {
  const group = representativeIssue(value.peopleCount, value.representatives.length);
  if (group) ctx.addIssue({ code: 'custom', path: ['representatives'], message: zodMsg(group.vi, group.en) });
  if (value.resolvedOn !== null && value.resolvedOn < value.receivedOn)
    ctx.addIssue({
      code: 'custom',
      path: ['resolvedOn'],
      message: zodMsg(
        'Ngày giải quyết không thể trước ngày tiếp.',
        'The day resolved cannot be before the day received.',
      ),
    });
  if (value.referrerNotifiedOn !== null && value.referredBy === null)
    ctx.addIssue({
      code: 'custom',
      path: ['referredBy'],
      message: zodMsg('Hãy ghi cơ quan đã chuyển đến.', 'Enter the body that transferred the case.'),
    });
  if (
    value.referrerNotifiedOn !== null &&
    (value.resolvedOn === null || value.referrerNotifiedOn < value.resolvedOn)
  )
    ctx.addIssue({
      code: 'custom',
      path: ['referrerNotifiedOn'],
      message: zodMsg(
        'Ngày thông báo cho cơ quan chuyển đến phải từ ngày giải quyết trở đi.',
        'The day the transferring body was told must be on or after the day resolved.',
      ),
    });
}

export const entryFieldsSchema = entryObject.superRefine(entryRules);
export type EntryFields = z.output<typeof entryFieldsSchema>;

export const createEntrySchema = entryObject
  .extend({ unitId: idSchema, sessionId: idSchema.nullable().default(null) })
  .superRefine(entryRules);
export const updateEntrySchema = entryObject.extend({ version: versionSchema }).superRefine(entryRules);

export const noticedSchema = z.object({ version: versionSchema, noticedOn: isoDate });

/** Recording a dated check of an online session done on a day (or undone: null). */
export const onlineCheckSchema = z.object({
  version: versionSchema,
  check: z.enum(['notified', 'tested']),
  doneOn: isoDate.nullable(),
});

export const petitionSchema = z.object({
  version: versionSchema,
  categoryCode: text(60, zodMsg('Hãy chọn lĩnh vực.', 'Choose a category.')),
  /** The commune concerned; default the register's own unit when it is a commune. */
  communeCode: optionalText(20),
  /** A complaint is handled only when signed or fingerprinted (the officer wrote it down, the citizen signed). */
  signed: z.boolean().default(false),
});

export const SESSION_SORT_FIELDS = ['on', 'status'] as const;
export const ENTRY_SORT_FIELDS = [
  'number',
  'receivedOn',
  'citizenName',
  'noticeDueOn',
  'referrerDueOn',
] as const;

/** The province's choice on delegated reception (null: the dated default applies). */
export const receptionSettingsSchema = z.object({ delegation: z.boolean().nullable() });
export const saveReceptionSettingsSchema = receptionSettingsSchema.extend({ version: versionOrNewSchema });
