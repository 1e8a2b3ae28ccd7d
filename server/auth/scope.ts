import { type Column, like, or, type SQL, sql } from 'drizzle-orm';
import { type Grant, type Permission, scopeRoots } from '../../core/auth/roles.ts';

/**
 * Where a user holds a permission, for a query: `true` (everywhere), `false` (nowhere) or a condition
 * on a unit's materialised path (the subtrees of the grants). The one place the user's scope becomes
 * SQL: drizzle drops an empty `or()` from a WHERE, which would mean "no filter", so "nowhere" is
 * always the explicit `false` and never an empty list of subtrees.
 */
export type Scope = boolean | SQL;

export function unitScope(grants: readonly Grant[], permission: Permission, path: Column | SQL): Scope {
  return rootsScope(scopeRoots(grants, permission), path);
}

/** The same from subtree roots already worked out (`scopeRoots`), when a caller needs them too. */
export function rootsScope(roots: readonly string[], path: Column | SQL): Scope {
  if (roots.length === 0) return false;
  if (roots.includes('/')) return true;
  return or(...roots.map((root) => like(path, `${root}%`))) as SQL;
}

/** A scope as a WHERE condition (`true` and `false` as SQL literals). */
export function scopeCondition(scope: Scope): SQL {
  if (scope === true) return sql`true`;
  if (scope === false) return sql`false`;
  return scope;
}
