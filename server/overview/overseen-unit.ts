import { and, asc, eq, isNull } from 'drizzle-orm';
import { type Permission, scopeRoots } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';

export interface OverseenUnit {
  id: number;
  name: string;
  type: string;
  path: string;
  code: string | null;
  headName: string | null;
  headTitle: string | null;
}

/**
 * The unit a person oversees with a permission: the top of their widest grant (a leader granted on the
 * province: the province). A grant on the whole installation oversees its first province.
 */
export async function overseenUnit(
  db: DbOrTx,
  user: SessionUser,
  permission: Permission,
): Promise<OverseenUnit> {
  const [root] = scopeRoots(user.grants, permission).sort((a, b) => a.length - b.length);
  if (root === undefined) throw new AppError('FORBIDDEN');
  const id = pathIds(root).at(-1);
  const columns = {
    id: units.id,
    name: units.name,
    type: units.type,
    path: units.path,
    code: units.code,
    headName: units.headName,
    headTitle: units.headTitle,
  };
  const [unit] =
    id === undefined
      ? await db
          .select(columns)
          .from(units)
          .where(and(isNull(units.parentId), isNull(units.validTo), eq(units.type, 'province')))
          .orderBy(asc(units.id))
          .limit(1)
      : await db.select(columns).from(units).where(eq(units.id, id));
  if (!unit)
    throw new AppError('NOT_FOUND', msg('Chưa có đơn vị cấp tỉnh.', 'There is no province-level unit yet.'));
  return unit;
}
