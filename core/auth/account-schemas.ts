import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { MAX_ID, versionSchema } from '../ids.ts';
import { normalizeText } from '../text/vietnamese.ts';
import { email, phone } from '../units/unit-schemas.ts';
import { passwordProblem } from './password-rule.ts';
import { ROLE_NAMES } from './roles.ts';

/** Schemas for sign-in, accounts and role grants, shared by routes and forms. */

/** A new password, checked by the one password rule; who it belongs to is checked where that is known. */
export const password = z
  .string({ error: zodMsg('Vui lòng nhập mật khẩu.', 'Enter the password.') })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.vi });
  });

export const username = z
  .string({ error: zodMsg('Vui lòng nhập tên đăng nhập.', 'Enter the username.') })
  .transform((value) => value.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3, zodMsg('Tên đăng nhập tối thiểu 3 ký tự.', 'A username has at least 3 characters.'))
      .max(60, zodMsg('Tên đăng nhập tối đa 60 ký tự.', 'A username has at most 60 characters.'))
      .regex(
        /^[a-z0-9._@-]+$/,
        zodMsg(
          'Tên đăng nhập chỉ gồm chữ không dấu, số và . _ @ -',
          'A username has only unaccented letters, digits and . _ @ -',
        ),
      ),
  );

export const loginSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, zodMsg('Vui lòng nhập tên đăng nhập.', 'Enter the username.'))
    .max(60),
  password: z.string().min(1, zodMsg('Vui lòng nhập mật khẩu.', 'Enter the password.')).max(200),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, zodMsg('Vui lòng nhập mật khẩu hiện tại.', 'Enter the current password.'))
      .max(200),
    newPassword: password,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ['newPassword'],
    message: zodMsg(
      'Mật khẩu mới phải khác mật khẩu hiện tại.',
      'The new password must differ from the current one.',
    ),
  });

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const fullName = z
  .string({ error: zodMsg('Vui lòng nhập họ tên.', 'Enter the full name.') })
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .min(1, zodMsg('Vui lòng nhập họ tên.', 'Enter the full name.'))
      .max(150, zodMsg('Tối đa 150 ký tự.', 'At most 150 characters.')),
  );

export const createUserSchema = z
  .object({
    username,
    fullName,
    email,
    /** Left empty, the server generates a temporary password and shows it once. */
    password: password.optional(),
  })
  .superRefine((value, ctx) => {
    // Checked alone above (zod runs this refinement too); here only against the person it is for.
    if (!value.password || passwordProblem(value.password)) return;
    const problem = passwordProblem(value.password, value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem.vi });
  });

export const updateUserSchema = z.object({
  fullName,
  email,
  isActive: z.boolean(),
  locale: z.enum(LOCALES).default('vi'),
  version: versionSchema,
});

export const updatePreferencesSchema = z.object({ locale: z.enum(LOCALES) });

export const grantRoleSchema = z.object({
  role: z.enum(ROLE_NAMES, { error: zodMsg('Vai trò không hợp lệ.', 'Invalid role.') }),
  unitId: z
    .number({ error: zodMsg('Vui lòng chọn đơn vị.', 'Choose a unit.') })
    .int()
    .positive()
    .max(MAX_ID, zodMsg('Vui lòng chọn đơn vị.', 'Choose a unit.')),
});

/** An account for a unit's head, from the unit's page (prefilled from the unit's head fields). */
export const headAccountSchema = z.object({ username, fullName, email, phone });
