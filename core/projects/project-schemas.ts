/**
 * The forms of a community project as zod schemas: the project itself (what, where, who invests, the
 * households' decision adopting it, the budget by source, progress, the Fatherland Front's decision
 * setting up the supervision board, the final accounts), and each line of its books and board — a
 * household's contribution, another receipt, a payment, a board member, a notice or inspection record
 * with the commune's answer. Dates typed dd/mm/yyyy, money in whole đồng.
 */
import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idParam, idSchema, versionSchema } from '../ids.ts';
import { listQuery } from '../list.ts';
import { isoDate, optionalParagraphs, optionalText, text } from '../text/fields.ts';
import { CONTRIBUTION_KIND_CODES, PROJECT_STATUS_CODES, RECEIPT_SOURCE_CODES } from './books.ts';
import { BOARD_ROLE_CODES, BOARD_SIDE_CODES } from './rules.ts';

/** At most ten thousand billion đồng: any real commune project, and far inside a safe integer. */
export const MAX_DONG = 10_000_000_000_000;

const whole = (what: { vi: string; en: string }, max: number) =>
  z
    .number({ error: zodMsg(`${what.vi} phải là một số.`, `${what.en} must be a number.`) })
    .int(zodMsg(`${what.vi} phải là số nguyên.`, `${what.en} must be a whole number.`))
    .min(0, zodMsg(`${what.vi} không thể âm.`, `${what.en} cannot be negative.`))
    .max(max, zodMsg(`${what.vi} quá lớn.`, `${what.en} is too large.`));

const money = (what: { vi: string; en: string }) => whole(what, MAX_DONG);
const optionalMoney = (what: { vi: string; en: string }) =>
  money(what)
    .nullish()
    .transform((value) => value ?? null);

/** A date that may be left empty (dd/mm/yyyy). */
const optionalDate = z
  .string()
  .nullish()
  .transform((value) => (value?.trim() ? value : null))
  .pipe(isoDate.nullable());

const requiredDate = (vi: string, en: string) => z.string({ error: zodMsg(vi, en) }).pipe(isoDate);

const projectFields = {
  name: text(300, zodMsg('Hãy nhập tên công trình.', 'Enter the name of the work.')),
  location: optionalText(300),
  purpose: optionalParagraphs(4000),
  investor: optionalText(300),
  decisionNumber: optionalText(100),
  decidedOn: optionalDate,
  households: whole({ vi: 'Số hộ', en: 'The number of households' }, 1_000_000)
    .nullish()
    .transform((value) => value ?? null),
  agreed: whole({ vi: 'Số hộ tán thành', en: 'The number of households agreeing' }, 1_000_000)
    .nullish()
    .transform((value) => value ?? null),
  budgetStateBudget: money({ vi: 'Vốn ngân sách', en: 'The state budget' }).default(0),
  budgetResidents: money({ vi: 'Vốn nhân dân đóng góp', en: 'The residents’ share' }).default(0),
  budgetSponsors: money({ vi: 'Vốn tài trợ', en: 'The sponsors’ share' }).default(0),
  budgetOther: money({ vi: 'Vốn khác', en: 'Other money' }).default(0),
  status: z
    .enum(PROJECT_STATUS_CODES, { error: zodMsg('Hãy chọn tình trạng.', 'Choose the state.') })
    .default('preparing'),
  progress: whole({ vi: 'Tiến độ', en: 'Progress' }, 100)
    .max(100, zodMsg('Tiến độ tối đa 100%.', 'Progress is at most 100%.'))
    .default(0),
  startedOn: optionalDate,
  finishedOn: optionalDate,
  boardDecisionNumber: optionalText(100),
  boardDecidedOn: optionalDate,
  accountsNumber: optionalText(100),
  accountsOn: optionalDate,
  accountsReceipts: optionalMoney({ vi: 'Tổng thu quyết toán', en: 'Settled receipts' }),
  accountsPayments: optionalMoney({ vi: 'Tổng chi quyết toán', en: 'Settled payments' }),
  accountsNote: optionalParagraphs(4000),
};

const agreedWithinHouseholds = <T extends { households: number | null; agreed: number | null }>(value: T) =>
  value.agreed === null || value.households === null || value.agreed <= value.households;
const agreedMessage = {
  message: zodMsg(
    'Số hộ tán thành không thể lớn hơn tổng số hộ.',
    'Households agreeing cannot outnumber the households.',
  ),
  path: ['agreed'],
};

export const createProjectSchema = z
  .object({ unitId: idSchema, ...projectFields })
  .refine(agreedWithinHouseholds, agreedMessage);
export type CreateProject = z.output<typeof createProjectSchema>;

export const editProjectSchema = z
  .object({ ...projectFields, version: versionSchema })
  .refine(agreedWithinHouseholds, agreedMessage);
export type EditProject = z.output<typeof editProjectSchema>;

// ---- Lines of the books and the board -------------------------------------------------------------------

export const contributionSchema = z.object({
  household: text(200, zodMsg('Hãy nhập tên chủ hộ.', 'Enter the head of the household.')),
  village: optionalText(200),
  kind: z.enum(CONTRIBUTION_KIND_CODES, {
    error: zodMsg('Hãy chọn hình thức đóng góp (tiền, đất, ngày công).', 'Choose money, land or labour.'),
  }),
  quantity: whole({ vi: 'Số lượng', en: 'The quantity' }, MAX_DONG).min(
    1,
    zodMsg('Số lượng phải lớn hơn 0.', 'The quantity must be more than 0.'),
  ),
  value: optionalMoney({ vi: 'Giá trị quy ra tiền', en: 'The value in đồng' }),
  contributedOn: requiredDate('Hãy nhập ngày đóng góp (dd/mm/yyyy).', 'Enter the date (dd/mm/yyyy).'),
  consent: z.boolean().default(false),
  note: optionalText(500),
});
export type ContributionInput = z.output<typeof contributionSchema>;

export const receiptSchema = z.object({
  source: z.enum(RECEIPT_SOURCE_CODES, { error: zodMsg('Hãy chọn nguồn thu.', 'Choose the source.') }),
  amount: money({ vi: 'Số tiền', en: 'The amount' }).min(
    1,
    zodMsg('Số tiền phải lớn hơn 0.', 'The amount must be more than 0.'),
  ),
  receivedOn: requiredDate('Hãy nhập ngày thu (dd/mm/yyyy).', 'Enter the date received (dd/mm/yyyy).'),
  note: optionalText(500),
});
export type ReceiptInput = z.output<typeof receiptSchema>;

export const paymentSchema = z.object({
  paidOn: requiredDate('Hãy nhập ngày chi (dd/mm/yyyy).', 'Enter the date paid (dd/mm/yyyy).'),
  payee: text(300, zodMsg('Hãy nhập người nhận tiền.', 'Enter who was paid.')),
  purpose: text(500, zodMsg('Hãy nhập nội dung chi.', 'Enter what was paid for.')),
  amount: money({ vi: 'Số tiền', en: 'The amount' }).min(
    1,
    zodMsg('Số tiền phải lớn hơn 0.', 'The amount must be more than 0.'),
  ),
  voucher: optionalText(100),
});
export type PaymentInput = z.output<typeof paymentSchema>;

export const memberSchema = z.object({
  name: text(200, zodMsg('Hãy nhập họ tên thành viên.', 'Enter the member’s name.')),
  role: z.enum(BOARD_ROLE_CODES, { error: zodMsg('Hãy chọn chức danh trong Ban.', 'Choose the role.') }),
  side: z.enum(BOARD_SIDE_CODES, {
    error: zodMsg('Hãy chọn thành phần đại diện.', 'Choose whom they represent.'),
  }),
  note: optionalText(300),
});
export type MemberInput = z.output<typeof memberSchema>;

export const NOTICE_KINDS = {
  notice: { vi: 'Thông báo, kiến nghị của Ban', en: 'Notice or recommendation of the board' },
  inspection: { vi: 'Biên bản kiểm tra, giám sát', en: 'Inspection record' },
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export const noticeSchema = z
  .object({
    kind: z.enum(['notice', 'inspection'], { error: zodMsg('Hãy chọn loại văn bản.', 'Choose the kind.') }),
    receivedOn: requiredDate(
      'Hãy nhập ngày UBND xã nhận văn bản (dd/mm/yyyy).',
      'Enter the date the commune received it (dd/mm/yyyy).',
    ),
    finding: text(4000, zodMsg('Hãy nhập nội dung, kết quả giám sát.', 'Enter what the board found.')),
    recommendation: optionalParagraphs(4000),
    answeredOn: optionalDate,
    answer: optionalParagraphs(4000),
  })
  .refine((value) => (value.answer === null) === (value.answeredOn === null), {
    message: zodMsg(
      'Câu trả lời của UBND xã cần cả ngày trả lời và nội dung.',
      'The commune’s answer needs both its date and its text.',
    ),
    path: ['answeredOn'],
  })
  .refine((value) => value.answeredOn === null || value.answeredOn >= value.receivedOn, {
    message: zodMsg('Ngày trả lời không thể trước ngày nhận.', 'The answer cannot precede the notice.'),
    path: ['answeredOn'],
  });
export type NoticeInput = z.output<typeof noticeSchema>;

// ---- Publishing and lists --------------------------------------------------------------------------------

export const publishSchema = z.object({
  version: versionSchema,
  confirm: z.literal(true, {
    error: zodMsg('Hãy xác nhận công khai công trình.', 'Confirm publishing the project.'),
  }),
});

export const withdrawSchema = z.object({
  version: versionSchema,
  reason: text(2000, zodMsg('Hãy nêu lý do gỡ khỏi trang công khai.', 'Give the reason for withdrawing it.')),
});

export const PROJECT_SORT_FIELDS = ['name', 'decidedOn', 'updatedAt'] as const;

export const projectListQuery = listQuery(PROJECT_SORT_FIELDS, 'name').extend({
  unitId: idParam.optional(),
  status: z.enum(PROJECT_STATUS_CODES).optional(),
});
export type ProjectListQuery = z.output<typeof projectListQuery>;

/** The public list: published projects, by commune. */
export const publicProjectQuery = listQuery(['name'], 'name').extend({ unitId: idParam.optional() });
export type PublicProjectQuery = z.output<typeof publicProjectQuery>;
