import { z } from 'zod';
import { ROLE_NAMES } from './roles.ts';

/** What the API answers about accounts: shared by the server's presenters and the web app. */
export const grantSchema = z.object({
  id: z.number().int(),
  role: z.enum(ROLE_NAMES),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
});

export const meSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  locale: z.enum(['vi', 'en']),
  mustChangePassword: z.boolean(),
  grants: z.array(grantSchema),
  permissions: z.array(z.string()),
});

export const sessionResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });

export const userViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  locale: z.enum(['vi', 'en']),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  grants: z.array(grantSchema),
});

export type Me = z.infer<typeof meSchema>;
export type GrantView = z.infer<typeof grantSchema>;
export type UserView = z.infer<typeof userViewSchema>;
