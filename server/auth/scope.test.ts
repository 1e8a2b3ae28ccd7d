import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { Grant } from '../../core/auth/roles.ts';
import { units } from '../db/schema/index.ts';
import { rootsScope, scopeCondition, unitScope } from './scope.ts';

const dialect = new PgDialect();
const commune: Grant = { role: 'unit_reporter', unitId: 23, unitPath: '/1/23/' };
const other: Grant = { role: 'unit_reporter', unitId: 24, unitPath: '/1/24/' };
const admin: Grant = { role: 'admin', unitId: 0, unitPath: '/' };

describe('the one scope helper', () => {
  it('is false, never an empty condition, where the permission is held nowhere', () => {
    expect(unitScope([commune], 'audit.read', units.path)).toBe(false);
    expect(rootsScope([], units.path)).toBe(false);
    expect(dialect.sqlToQuery(scopeCondition(false)).sql).toBe('false');
  });

  it('is true where it is held on the whole installation', () => {
    expect(unitScope([admin, commune], 'units.read', units.path)).toBe(true);
    expect(dialect.sqlToQuery(scopeCondition(true)).sql).toBe('true');
  });

  it('is one prefix match per subtree otherwise', () => {
    const scope = unitScope([commune, other], 'units.read', units.path);
    if (typeof scope === 'boolean') throw new Error('expected a condition');
    const query = dialect.sqlToQuery(scope);
    expect(query.sql).toBe('("units"."path" like $1 or "units"."path" like $2)');
    expect(query.params).toEqual(['/1/23/%', '/1/24/%']);
  });
});
