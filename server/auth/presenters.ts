export { grantSchema, meSchema, sessionResponseSchema } from '../../core/auth/account-views.ts';

import type { z } from 'zod';
import type { grantSchema, meSchema } from '../../core/auth/account-views.ts';
import {
  hasInstallationPermission,
  PERMISSIONS,
  type Permission,
  roleHasPermission,
} from '../../core/auth/roles.ts';
import type { SessionUser } from './sessions.ts';

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
    installationPermissions: permissions.filter((permission) =>
      hasInstallationPermission(user.grants, permission),
    ),
  };
}
