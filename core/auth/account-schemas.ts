import { z } from 'zod';
import { MAX_ID, versionSchema } from '../ids.ts';
import { normalizeText } from '../text/vietnamese.ts';
import { email } from '../units/unit-schemas.ts';
import { ROLE_NAMES } from './roles.ts';

/** Schemas for sign-in, accounts and role grants, shared by routes and forms. */

export const PASSWORD_MIN_LENGTH = 10;

export const password = z
  .string({ error: 'Vui lòng nhập mật khẩu.' })
  .min(PASSWORD_MIN_LENGTH, `Mật khẩu tối thiểu ${PASSWORD_MIN_LENGTH} ký tự.`)
  .max(200, 'Mật khẩu tối đa 200 ký tự.')
  .refine((value) => /\p{L}/u.test(value) && /\d/.test(value), 'Mật khẩu cần có cả chữ và số.');

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

const fullName = z
  .string({ error: 'Vui lòng nhập họ tên.' })
  .transform(normalizeText)
  .pipe(z.string().min(1, 'Vui lòng nhập họ tên.').max(150, 'Tối đa 150 ký tự.'));

export const createUserSchema = z.object({
  username,
  fullName,
  email,
  /** Left empty, the server generates a temporary password and shows it once. */
  password: password.optional(),
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
