import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { PERMISSIONS, type Role } from '../../core/auth/roles.ts';
import type { DbOrTx } from '../db/engine.ts';
import { roleGrants, units, users } from '../db/schema/index.ts';

export interface Recipient {
  id: number;
  email: string | null;
}

/** Roles that draft or send a unit's report: the people a reminder or a returned report concerns. */
const REPORTER_ROLES = [
  ...new Set<Role>([...PERMISSIONS['reports.write'], ...PERMISSIONS['reports.submit']]),
];

/**
 * The active users who write or send the unit's report, by a grant on the unit itself: a head granted
 * at the province reaches every unit in law, but is not the one to chase for each commune.
 */
export async function unitReporters(db: DbOrTx, unitId: number): Promise<Recipient[]> {
  return unitPeople(db, [unitId], REPORTER_ROLES);
}

/** The unit's heads (who send its report), by a grant on the unit itself. */
export async function unitHeads(db: DbOrTx, unitId: number): Promise<Recipient[]> {
  return unitPeople(db, [unitId], PERMISSIONS['reports.submit']);
}

/** The active users holding one of the roles by a grant on one of the units themselves (not above them). */
export async function unitPeople(
  db: DbOrTx,
  unitIds: readonly number[],
  roles: readonly Role[],
): Promise<Recipient[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        inArray(roleGrants.unitId, [...unitIds]),
        inArray(roleGrants.role, [...roles]),
        eq(users.isActive, true),
      ),
    )
    .orderBy(users.id);
}

/** The active holders of a role whose grant's subtree holds the unit (a grant without a unit holds all). */
export async function roleHoldersOver(db: DbOrTx, unitPath: string, role: Role): Promise<Recipient[]> {
  return db
    .selectDistinct({ id: users.id, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(
      and(
        eq(roleGrants.role, role),
        eq(users.isActive, true),
        or(isNull(roleGrants.unitId), sql`${unitPath} like ${units.path} || '%'`),
      ),
    )
    .orderBy(users.id);
}

/** The active coordinators whose grant's subtree holds the unit (a grant without a unit holds all). */
export async function unitCoordinators(db: DbOrTx, unitPath: string): Promise<Recipient[]> {
  return roleHoldersOver(db, unitPath, 'coordinator');
}
