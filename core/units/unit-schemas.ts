import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { idSchema, versionSchema } from '../ids.ts';
import { isoDate, optionalText, text } from '../text/fields.ts';
import { normalizeText } from '../text/vietnamese.ts';
import { SUCCESSION_KIND_NAMES, UNIT_TYPE_NAMES } from './unit-types.ts';

/** Schemas shared by the server's routes and the web app's forms. Messages are Vietnamese. */

export const unitCode = z
  .string()
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .max(30, zodMsg('Mã tối đa 30 ký tự.', 'The code has at most 30 characters.'))
      .regex(
        /^[\p{L}\p{N}._-]*$/u,
        zodMsg('Mã chỉ gồm chữ, số và các ký tự . _ -', 'The code has only letters, digits and . _ -'),
      ),
  )
  .nullish()
  .transform((value) => value || null);

export const phone = z
  .string()
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .regex(/^$|^\+?[0-9 .()-]{6,20}$/, zodMsg('Số điện thoại không hợp lệ.', 'Invalid phone number.')),
  )
  .nullish()
  .transform((value) => value || null);

export const email = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(
    z.union([z.literal(''), z.email(zodMsg('Địa chỉ thư điện tử không hợp lệ.', 'Invalid email address.'))]),
  )
  .nullish()
  .transform((value) => value || null);

export const unitFields = {
  code: unitCode,
  name: text(255, zodMsg('Vui lòng nhập tên đơn vị.', 'Enter the unit name.')),
  shortName: optionalText(100),
  type: z.enum(UNIT_TYPE_NAMES, { error: zodMsg('Loại đơn vị không hợp lệ.', 'Invalid unit type.') }),
  headName: optionalText(150),
  headTitle: optionalText(150),
  headPhone: phone,
  headEmail: email,
  address: optionalText(500),
};

export const createUnitSchema = z.object({
  ...unitFields,
  parentId: idSchema.nullable(),
  validFrom: isoDate.optional(),
});
export type CreateUnitInput = z.input<typeof createUnitSchema>;

export const updateUnitSchema = z.object({
  ...unitFields,
  version: versionSchema,
});
export type UpdateUnitInput = z.input<typeof updateUnitSchema>;

/** What a unit keeps current itself: the contacts the public site shows. */
export const unitContactsSchema = z.object({
  headName: unitFields.headName,
  headTitle: unitFields.headTitle,
  headPhone: unitFields.headPhone,
  headEmail: unitFields.headEmail,
  address: unitFields.address,
  version: versionSchema,
});

export const unitContactsFormSchema = z.object({
  unitId: z.number().int(),
  name: z.string(),
  headName: z.string().nullable(),
  headTitle: z.string().nullable(),
  headPhone: z.string().nullable(),
  headEmail: z.string().nullable(),
  address: z.string().nullable(),
  /** The reader may change them (units.contacts on the unit). */
  canChange: z.boolean(),
  version: z.number().int(),
});
export type UnitContacts = z.infer<typeof unitContactsFormSchema>;

export const moveUnitSchema = z.object({
  parentId: idSchema,
  version: versionSchema,
});

export const closeUnitSchema = z.object({
  validTo: isoDate,
  successorIds: z.array(idSchema).max(50).default([]),
  kind: z.enum(SUCCESSION_KIND_NAMES).default('merge'),
  reason: text(1000, zodMsg('Vui lòng nêu lý do.', 'Please state the reason.')),
  version: versionSchema,
});

export const reopenUnitSchema = z.object({
  reason: text(1000, zodMsg('Vui lòng nêu lý do.', 'Please state the reason.')),
  version: versionSchema,
});

export const unitStatus = z.enum(['active', 'closed', 'all']);
