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
  return db
    .selectDistinct({ id: users.id, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(eq(roleGrants.unitId, unitId), inArray(roleGrants.role, REPORTER_ROLES), eq(users.isActive, true)),
    )
    .orderBy(users.id);
}

/** The active coordinators whose grant's subtree holds the unit (a grant without a unit holds all). */
export async function unitCoordinators(db: DbOrTx, unitPath: string): Promise<Recipient[]> {
  return db
    .selectDistinct({ id: users.id, email: users.email })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(
      and(
        eq(roleGrants.role, 'coordinator'),
        eq(users.isActive, true),
        or(isNull(roleGrants.unitId), sql`${unitPath} like ${units.path} || '%'`),
      ),
    )
    .orderBy(users.id);
}
