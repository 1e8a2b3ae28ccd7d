import { z } from 'zod';
import type { Msg } from '../errors.ts';
import { zodMsg } from '../errors.ts';

/**
 * What must be disclosed (công khai), as data the province edits: each item of Luật 10/2022/QH15
 * Điều 11 and of the budget and land rules, with its legal basis in words, the units it applies to,
 * the places it must be posted, how long, the loudspeaker's days, the deadline after the triggering
 * decision, and the dates the rule applies (a rule that changed is two versions of one code, e.g.
 * Thông tư 343/2016 → Thông tư 26/2026). Shipped as reference/disclosures/catalogue.json.
 */
export const DISCLOSURE_PLACES = {
  office: { vi: 'Trụ sở HĐND, UBND', en: 'Office of the People’s Council and Committee' },
  village: {
    vi: 'Nhà văn hóa, điểm sinh hoạt cộng đồng thôn, tổ dân phố',
    en: 'Village cultural houses and community points',
  },
  loudspeaker: { vi: 'Hệ thống loa truyền thanh', en: 'Loudspeaker system' },
  website: { vi: 'Cổng, trang thông tin điện tử', en: 'Portal or website' },
  written: {
    vi: 'Văn bản gửi Đảng ủy, đoàn thể, trưởng thôn',
    en: 'Written notice to the Party committee, mass organisations and village heads',
  },
  other: { vi: 'Hình thức khác', en: 'Other form' },
} as const satisfies Record<string, Msg>;
export type DisclosurePlace = keyof typeof DISCLOSURE_PLACES;
export const DISCLOSURE_PLACE_CODES = Object.keys(DISCLOSURE_PLACES) as [
  DisclosurePlace,
  ...DisclosurePlace[],
];

export const DISCLOSURE_UNIT_TYPES = ['commune', 'department', 'province'] as const;

const days = (max: number) =>
  z
    .number({ error: zodMsg('Số ngày phải là một số.', 'The number of days must be a number.') })
    .int(zodMsg('Số ngày phải là số nguyên.', 'The number of days must be a whole number.'))
    .min(1, zodMsg('Ít nhất 1 ngày.', 'At least 1 day.'))
    .max(max, zodMsg(`Tối đa ${max} ngày.`, `At most ${max} days.`));

/** How long a posting stands: n days in a row, permanently (updated on change), or the plan's whole period. */
export const periodRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('days'), days: days(3650) }),
  z.object({ kind: z.literal('permanent') }),
  z.object({ kind: z.literal('plan_period') }),
]);
export type PeriodRule = z.output<typeof periodRuleSchema>;

/** By when: n working days or n calendar days after the decision, or n days after the period it covers ends. */
export const deadlineRuleSchema = z.object({
  kind: z.enum(['workdays', 'days', 'after_period_end']),
  days: days(365),
});
export type DeadlineRule = z.output<typeof deadlineRuleSchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const catalogueItemSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  basis: z.string().min(1),
  article: z.string().min(1),
  unitTypes: z.array(z.enum(DISCLOSURE_UNIT_TYPES)).min(1),
  places: z.array(z.enum(DISCLOSURE_PLACE_CODES)).min(1),
  period: periodRuleSchema,
  loudspeakerDays: z.number().int().min(1).max(365).nullable(),
  deadline: deadlineRuleSchema,
  validFrom: isoDay,
  validTo: isoDay.nullable(),
  unconfirmed: z.boolean(),
  note: z.string().nullable(),
});
export type CatalogueItem = z.output<typeof catalogueItemSchema>;

/** The shipped file checked: its shape, and no two versions of a code in force on the same day. */
export function parseDisclosureCatalogue(data: unknown): CatalogueItem[] {
  const { items } = z.object({ version: z.number(), items: z.array(catalogueItemSchema).min(1) }).parse(data);
  for (const item of items) {
    if (item.validTo !== null && item.validTo < item.validFrom)
      throw new Error(`disclosure item ${item.code} ends before it starts`);
    const overlapping = items.find(
      (other) => other !== item && other.code === item.code && overlaps(item, other),
    );
    if (overlapping) throw new Error(`disclosure item ${item.code} has two versions in force on one day`);
  }
  return items;
}

export function overlaps(
  a: { validFrom: string; validTo: string | null },
  b: { validFrom: string; validTo: string | null },
): boolean {
  return (a.validTo === null || a.validTo >= b.validFrom) && (b.validTo === null || b.validTo >= a.validFrom);
}

/** The version of a rule in force on `day` (the triggering decision's), or null when none was. */
export function ruleInForce<T extends { code: string; validFrom: string; validTo: string | null }>(
  versions: readonly T[],
  code: string,
  day: string,
): T | null {
  return (
    versions.find(
      (rule) => rule.code === code && rule.validFrom <= day && (rule.validTo === null || rule.validTo >= day),
    ) ?? null
  );
}

/** "Niêm yết ít nhất 30 ngày liên tục", "Thường xuyên", "Suốt kỳ quy hoạch, kế hoạch". */
export function periodInWords(rule: PeriodRule): Msg {
  if (rule.kind === 'days')
    return { vi: `Ít nhất ${rule.days} ngày liên tục`, en: `At least ${rule.days} consecutive days` };
  if (rule.kind === 'permanent')
    return { vi: 'Thường xuyên, cập nhật khi thay đổi', en: 'Permanently, updated on change' };
  return { vi: 'Suốt kỳ quy hoạch, kế hoạch', en: 'Throughout the plan period' };
}

/** "Chậm nhất 05 ngày làm việc sau ngày quyết định", "15 ngày sau khi hết kỳ". */
export function deadlineInWords(rule: DeadlineRule): Msg {
  const n = String(rule.days).padStart(2, '0');
  if (rule.kind === 'workdays')
    return {
      vi: `Chậm nhất ${n} ngày làm việc sau ngày ban hành`,
      en: `Within ${rule.days} working days of the decision`,
    };
  if (rule.kind === 'days')
    return { vi: `Chậm nhất ${n} ngày sau ngày ban hành`, en: `Within ${rule.days} days of the decision` };
  return { vi: `Chậm nhất ${n} ngày sau khi hết kỳ`, en: `Within ${rule.days} days of the period’s end` };
}
