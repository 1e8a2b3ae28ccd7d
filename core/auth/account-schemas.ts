import { z } from 'zod';
import { MAX_ID, versionSchema } from '../ids.ts';
import { normalizeText } from '../text/vietnamese.ts';
import { email, phone } from '../units/unit-schemas.ts';
import { passwordProblem } from './password-rule.ts';
import { ROLE_NAMES } from './roles.ts';

/** Schemas for sign-in, accounts and role grants, shared by routes and forms. */

/** A new password, checked by the one password rule; who it belongs to is checked where that is known. */
export const password = z.string({ error: 'Vui lòng nhập mật khẩu.' }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.vi });
});

export const username = z
  .string({ error: 'Vui lòng nhập tên đăng nhập.' })
  .transform((value) => value.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3, 'Tên đăng nhập tối thiểu 3 ký tự.')
      .max(60, 'Tên đăng nhập tối đa 60 ký tự.')
      .regex(/^[a-z0-9._@-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số và . _ @ -'),
  );

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Vui lòng nhập tên đăng nhập.').max(60),
  password: z.string().min(1, 'Vui lòng nhập mật khẩu.').max(200),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Vui lòng nhập mật khẩu hiện tại.').max(200),
    newPassword: password,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ['newPassword'],
    message: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  });

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const fullName = z
  .string({ error: 'Vui lòng nhập họ tên.' })
  .transform(normalizeText)
  .pipe(z.string().min(1, 'Vui lòng nhập họ tên.').max(150, 'Tối đa 150 ký tự.'));

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
  role: z.enum(ROLE_NAMES, { error: 'Vai trò không hợp lệ.' }),
  unitId: z.number({ error: 'Vui lòng chọn đơn vị.' }).int().positive().max(MAX_ID, 'Vui lòng chọn đơn vị.'),
});

/** An account for a unit's head, from the unit's page (prefilled from the unit's head fields). */
export const headAccountSchema = z.object({ username, fullName, email, phone });
