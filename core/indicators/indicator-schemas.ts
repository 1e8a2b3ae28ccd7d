import { z } from 'zod';
import { type FieldIssue, msg, zodMsg } from '../errors.ts';
import { idParam, idSchema, versionOrNewSchema } from '../ids.ts';
import { MAX_PER_PAGE } from '../list.ts';
import { parsePeriod } from '../periods/periods.ts';
import { optionalText } from '../text/fields.ts';
import { UNIT_TYPE_NAMES } from '../units/unit-types.ts';
import type { Indicator } from './catalogue.ts';
import { TARGET_OPERATORS } from './targets.ts';

/** Schemas shared by the target and value routes and the web forms that send them. */
const periodCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(
    (code) => parsePeriod(code) !== null,
    zodMsg('Kỳ không hợp lệ (ví dụ 2026Q1, 2026S1, 2026).', 'Invalid period (e.g. 2026Q1, 2026S1, 2026).'),
  );

const finite = (message: string) => z.number({ error: message }).finite(message);

export const targetBodySchema = z
  .object({
    indicatorCode: z
      .string({ error: zodMsg('Chọn chỉ tiêu.', 'Choose a target.') })
      .trim()
      .min(1, zodMsg('Chọn chỉ tiêu.', 'Choose a target.')),
    unitId: idSchema.nullish().default(null),
    unitType: z
      .enum(UNIT_TYPE_NAMES, { error: zodMsg('Loại đơn vị không hợp lệ.', 'Invalid unit type.') })
      .nullish()
      .default(null),
    periodCode: periodCode.nullish().default(null),
    operator: z.enum(TARGET_OPERATORS, {
      error: zodMsg('Phép so sánh phải là >, ≥, <, ≤ hoặc =.', 'The comparison must be >, ≥, <, ≤ or =.'),
    }),
    threshold: finite('Ngưỡng phải là một số.'),
    riskMargin: finite('Biên cảnh báo phải là một số.')
      .min(0, zodMsg('Biên cảnh báo không được âm.', 'The warning margin cannot be negative.'))
      .default(0),
    note: optionalText(500),
  })
  .refine((target) => target.unitId === null || target.unitType === null, {
    path: ['unitType'],
    message: zodMsg(
      'Chỉ tiêu áp dụng cho một đơn vị hoặc một loại đơn vị, không cả hai.',
      'A target applies to one unit or one unit type, not both.',
    ),
  });
export type TargetBody = z.output<typeof targetBodySchema>;

/** A change to a target carries the version the editor read. */
export const targetUpdateSchema = targetBodySchema.and(z.object({ version: versionOrNewSchema }));

/** Targets are few: one page of up to 100 usually holds them all, in catalogue order. */
export const targetQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(MAX_PER_PAGE),
  indicatorCode: z.string().trim().min(1).optional(),
  unitId: idParam.optional(),
});

export const enteredValueSchema = z.object({
  indicatorCode: z.string().trim().min(1),
  numerator: finite('Tử số phải là một số.')
    .min(0, zodMsg('Tử số không được âm.', 'The numerator cannot be negative.'))
    .nullish(),
  denominator: finite('Mẫu số phải là một số.')
    .min(0, zodMsg('Mẫu số không được âm.', 'The denominator cannot be negative.'))
    .nullish(),
  value: finite('Giá trị phải là một số.').nullish(),
  note: optionalText(1000),
});
export type EnteredValue = z.output<typeof enteredValueSchema>;

/** Each value carries the version the writer read (0: never entered), so a stale one is a 409. */
export const enteredValuesBodySchema = z.object({
  values: z
    .array(enteredValueSchema.extend({ version: versionOrNewSchema }))
    .max(200, zodMsg('Tối đa 200 chỉ tiêu một lần.', 'At most 200 targets at a time.')),
});
export type VersionedEnteredValue = z.output<typeof enteredValuesBodySchema>['values'][number];

export const periodQuerySchema = z.object({ period: periodCode });

/**
 * What a unit may enter for one indicator: a ratio as numerator ≤ denominator (denominator > 0), a
 * count or value as one number. All fields empty clears the value. Returns the problem, or null.
 */
export function checkEnteredValue(
  indicator: Indicator,
  input: EnteredValue,
  path: string,
): FieldIssue | null {
  const { numerator, denominator, value } = input;
  const isEmpty = numerator == null && denominator == null && value == null;
  if (isEmpty) return null;
  if (indicator.kind === 'ratio') {
    if (value != null)
      return {
        path: `${path}.value`,
        message: msg(
          'Chỉ tiêu tỷ lệ nhập tử số và mẫu số.',
          'A ratio indicator takes a numerator and a denominator.',
        ),
      };
    if (numerator == null)
      return { path: `${path}.numerator`, message: msg('Thiếu tử số.', 'The numerator is missing.') };
    if (denominator == null || denominator === 0)
      return {
        path: `${path}.denominator`,
        message: msg('Mẫu số phải lớn hơn 0.', 'The denominator must be greater than 0.'),
      };
    if (numerator > denominator && !indicator.numeratorMayExceed)
      return {
        path: `${path}.numerator`,
        message: msg('Tử số không được lớn hơn mẫu số.', 'The numerator cannot exceed the denominator.'),
      };
    return null;
  }
  if (numerator != null || denominator != null)
    return {
      path: `${path}.value`,
      message: msg(
        'Chỉ tiêu này nhập một giá trị, không nhập tử số, mẫu số.',
        'This indicator takes one value, not a numerator and a denominator.',
      ),
    };
  if (indicator.kind === 'count' && (value == null || value < 0 || !Number.isInteger(value)))
    return {
      path: `${path}.value`,
      message: msg('Số lượng phải là số nguyên không âm.', 'A count must be a whole number, not negative.'),
    };
  return null;
}
