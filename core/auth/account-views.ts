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
  /** The permissions held at the root of the tree (installation-wide things: the national view…). */
  installationPermissions: z.array(z.string()),
});

export const sessionResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });

export const userViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
  locale: z.enum(['vi', 'en']),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  grants: z.array(grantSchema),
});

/** The preview (dryRun) or result of an account import: the accounts, one role each. */
export const accountImportResultSchema = z.object({
  dryRun: z.boolean(),
  count: z.number().int(),
  accounts: z.array(
    z.object({
      row: z.number().int(),
      fullName: z.string(),
      username: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      unitId: z.number().int(),
      unitName: z.string(),
      role: z.enum(ROLE_NAMES),
    }),
  ),
  /** After an import: the one download of the temporary passwords. */
  credentialsToken: z.string().nullable(),
});
export type AccountImportResult = z.infer<typeof accountImportResultSchema>;

export type Me = z.infer<typeof meSchema>;
export type GrantView = z.infer<typeof grantSchema>;
export type UserView = z.infer<typeof userViewSchema>;
