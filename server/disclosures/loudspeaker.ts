import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Loudspeaker,
  loudspeakerSchema,
  saveLoudspeakerSchema,
} from '../../core/disclosures/unit-settings.ts';
import { AppError } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { mutate } from '../audit/audit-log.ts';
import { contextOf } from '../auth/policy.ts';
import { nowOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import {
  assertReadsUnitRegister,
  canRecordDisclosures,
  type DisclosureContext,
} from './disclosure-access.ts';

/**
 * "Nơi có hệ thống loa truyền thanh" (Luật 10/2022 Điều 13 khoản 3; TT 343/2016 Điều 17): the law
 * asks broadcasts only of a commune that has a system. The commune's own people (disclosures.record
 * on it) say whether it has one; its obligations are judged accordingly from then on. Audited, over
 * the unit's version.
 */
const present = (unit: typeof units.$inferSelect, canChange: boolean): Loudspeaker => ({
  unitId: unit.id,
  unitName: unit.name,
  hasLoudspeaker: unit.hasLoudspeaker,
  canChange,
  version: unit.version,
});

export async function unitLoudspeaker(ctx: DisclosureContext, unitId: number): Promise<Loudspeaker> {
  const unit = await assertReadsUnitRegister(ctx, unitId);
  return present(unit, canRecordDisclosures(ctx.user, unit.path));
}

export async function saveLoudspeaker(
  ctx: DisclosureContext,
  unitId: number,
  input: z.output<typeof saveLoudspeakerSchema>,
): Promise<Loudspeaker> {
  const unit = await assertReadsUnitRegister(ctx, unitId);
  if (!canRecordDisclosures(ctx.user, unit.path)) throw new AppError('FORBIDDEN');
  const saved = await mutate(ctx, async (tx, audit) => {
    const row = await writeVersioned(tx, {
      table: units,
      where: eq(units.id, unitId),
      version: input.version,
      set: { hasLoudspeaker: input.hasLoudspeaker },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
      present: (current) => present(current, true),
    });
    await audit({
      action: 'unit.loudspeaker',
      entityType: 'unit',
      entityId: unitId,
      unitId,
      before: { hasLoudspeaker: unit.hasLoudspeaker },
      after: { hasLoudspeaker: input.hasLoudspeaker },
    });
    return row;
  });
  return present(saved, true);
}

export async function loudspeakerRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['disclosures'];
  const params = z.object({ id: idParam });
  api.get(
    '/api/disclosures/units/:id/loudspeaker',
    {
      config: { policy: 'disclosures.read' },
      schema: {
        tags,
        summary: 'Đơn vị có hệ thống loa truyền thanh không (chỉ nơi có loa mới phải phát)',
        params,
        response: { 200: loudspeakerSchema },
      },
    },
    async (request) => unitLoudspeaker(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/disclosures/units/:id/loudspeaker',
    {
      config: { policy: 'disclosures.record' },
      schema: {
        tags,
        summary: 'Đơn vị cho biết có hay không có hệ thống loa truyền thanh',
        params,
        body: saveLoudspeakerSchema,
        response: { 200: loudspeakerSchema },
      },
    },
    async (request) => saveLoudspeaker(contextOf(request, db), request.params.id, request.body),
  );
}
