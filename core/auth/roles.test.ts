import { describe, expect, it } from 'vitest';
import {
  type Grant,
  hasInstallationPermission,
  hasPermissionOn,
  hasPermissionSomewhere,
  isWithin,
  PERMISSIONS,
  ROLE_NAMES,
  scopeRoots,
} from './roles.ts';

const commune: Grant = { role: 'unit_reporter', unitId: 23, unitPath: '/1/23/' };
const coordinator: Grant = { role: 'coordinator', unitId: 1, unitPath: '/1/' };
const admin: Grant = { role: 'admin', unitId: 0, unitPath: '/' };

describe('roles and scopes', () => {
  it('reaches the unit and its subtree only', () => {
    expect(isWithin('/1/23/', '/1/')).toBe(true);
    expect(isWithin('/1/23/', '/1/23/')).toBe(true);
    expect(isWithin('/1/2/', '/1/23/')).toBe(false);
    // "/1/2/" must not be taken for an ancestor of "/1/23/".
    expect(isWithin('/1/23/', '/1/2/')).toBe(false);
  });

  it('a commune reporter reads its own commune and nothing else; it writes no units', () => {
    expect(hasPermissionOn([commune], 'units.read', '/1/23/')).toBe(true);
    expect(hasPermissionOn([commune], 'units.read', '/1/24/')).toBe(false);
    expect(hasPermissionOn([commune], 'units.write', '/1/23/')).toBe(false);
    expect(hasPermissionSomewhere([commune], 'audit.read')).toBe(false);
  });

  it('an installation-wide admin reaches every unit', () => {
    expect(hasPermissionOn([admin], 'units.write', '/9/99/')).toBe(true);
    expect(scopeRoots([admin, coordinator], 'units.read')).toEqual(['/']);
  });

  it('drops nested scope roots', () => {
    expect(scopeRoots([commune, coordinator], 'units.read')).toEqual(['/1/']);
    expect(scopeRoots([commune], 'users.read')).toEqual([]);
  });

  it('every permission names only known roles', () => {
    for (const roles of Object.values(PERMISSIONS))
      for (const role of roles) expect(ROLE_NAMES).toContain(role);
  });

  it('changes installation-wide things only with the permission on the root of the tree', () => {
    const communeCoordinator: Grant = { role: 'coordinator', unitId: 23, unitPath: '/1/23/' };
    expect(hasInstallationPermission([coordinator], 'assessment.manage')).toBe(true);
    expect(hasInstallationPermission([admin], 'assessment.manage')).toBe(true);
    expect(hasInstallationPermission([communeCoordinator], 'assessment.manage')).toBe(false);
    // The grant on the root must carry the permission itself, not another one.
    expect(hasInstallationPermission([coordinator, commune], 'assessment.self')).toBe(false);
  });
});
