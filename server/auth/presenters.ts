import { z } from 'zod';
import { PERMISSIONS, type Permission, ROLE_NAMES, roleHasPermission } from '../../core/auth/roles.ts';
import type { SessionUser } from './sessions.ts';

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

export function presentGrant(grant: SessionUser['grants'][number]): z.infer<typeof grantSchema> {
  return { id: grant.id, role: grant.role, unitId: grant.unitId || null, unitName: grant.unitName };
}

export function presentMe(user: SessionUser): z.infer<typeof meSchema> {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) =>
    user.grants.some((grant) => roleHasPermission(grant.role, permission)),
  );
  return {
    id: user.userId,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    locale: user.locale === 'en' ? 'en' : 'vi',
    mustChangePassword: user.mustChangePassword,
    grants: user.grants.map(presentGrant),
    permissions,
  };
}
