import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import {
  type UnitContacts,
  unitContactsFormSchema,
  unitContactsSchema,
} from '../../core/units/unit-schemas.ts';
import { mutate } from '../audit/audit-log.ts';
import { contextOf } from '../auth/policy.ts';
import { nowOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { assertReadsUnit, type UnitContext } from './unit-access.ts';

/**
 * A unit's public contacts — its head's name and title, the phone and e-mail citizens may use, the
 * address — kept current by the unit itself (units.contacts on it: its head, reporter, coordinator),
 * not only by the administrator who keeps the tree. They are what the public site's contacts page
 * shows. Saved over the version read, audited.
 */
const present = (unit: typeof units.$inferSelect, canChange: boolean): UnitContacts => ({
  unitId: unit.id,
  name: unit.name,
  headName: unit.headName,
  headTitle: unit.headTitle,
  headPhone: unit.headPhone,
  headEmail: unit.headEmail,
  address: unit.address,
  canChange,
  version: unit.version,
});

export async function unitContacts(ctx: UnitContext, id: number): Promise<UnitContacts> {
  const unit = await assertReadsUnit(ctx, id);
  return present(unit, hasPermissionOn(ctx.user.grants, 'units.contacts', unit.path));
}

export async function saveUnitContacts(
  ctx: UnitContext,
  id: number,
  input: z.output<typeof unitContactsSchema>,
): Promise<UnitContacts> {
  const unit = await assertReadsUnit(ctx, id);
  if (!hasPermissionOn(ctx.user.grants, 'units.contacts', unit.path)) throw new AppError('FORBIDDEN');
  if (unit.validTo)
    throw new AppError(
      'CONFLICT',
      msg('Đơn vị đã giải thể, không thể sửa.', 'The unit has been dissolved and cannot be edited.'),
    );
  const { version, ...fields } = input;
  const saved = await mutate(ctx, async (tx, audit) => {
    const at = nowOf(ctx);
    const row = await writeVersioned(tx, {
      table: units,
      where: eq(units.id, id),
      version,
      set: fields,
      actorId: ctx.actor.userId,
      at,
      present: (current) => present(current, true),
    });
    await audit({
      action: 'unit.contacts',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: {
        headName: unit.headName,
        headTitle: unit.headTitle,
        headPhone: unit.headPhone,
        headEmail: unit.headEmail,
        address: unit.address,
      },
      after: fields,
    });
    return row;
  });
  return present(saved, true);
}

const idParams = z.object({ id: idParam });

export async function unitContactRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Đơn vị'];
  api.get(
    '/api/units/:id/contacts',
    {
      config: { policy: 'units.read' },
      schema: {
        tags,
        summary: 'Thông tin liên hệ công khai của đơn vị (người đứng đầu, điện thoại, thư điện tử, địa chỉ)',
        params: idParams,
        response: { 200: unitContactsFormSchema },
      },
    },
    async (request) => unitContacts(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/units/:id/contacts',
    {
      config: { policy: 'units.contacts' },
      schema: {
        tags,
        summary: 'Đơn vị tự cập nhật thông tin liên hệ công khai của mình',
        params: idParams,
        body: unitContactsSchema,
        response: { 200: unitContactsFormSchema },
      },
    },
    async (request) => saveUnitContacts(contextOf(request, db), request.params.id, request.body),
  );
}
