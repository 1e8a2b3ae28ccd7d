import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../core/ids.ts';
import { listQuery, listResultSchema } from '../../core/list.ts';
import { isoDate } from '../../core/text/fields.ts';
import {
  createUnitGroupSchema,
  groupChoiceSchema,
  groupKeySchema,
  unitGroupSchema,
  unitGroupSummarySchema,
  updateUnitGroupSchema,
} from '../../core/units/groups.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import {
  createUnitGroup,
  deleteUnitGroup,
  findUnitGroups,
  getUnitGroup,
  groupChoices,
  groupMembers,
  updateUnitGroup,
} from './unit-group-service.ts';

const idParams = z.object({ id: idParam });
const withinQuery = z.object({ unitId: idParam, on: isoDate.optional() });
const memberSchema = z.object({ id: z.number().int(), name: z.string(), type: z.string() });

export async function unitGroupRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];

  api.get(
    '/api/unit-groups',
    {
      config: { policy: 'units.read' },
      schema: {
        tags,
        summary: 'Danh sách nhóm đơn vị đã lưu',
        querystring: listQuery(['name'], 'name'),
        response: { 200: listResultSchema(unitGroupSummarySchema) },
      },
    },
    async (request) => findUnitGroups(contextOf(request, db), request.query),
  );

  api.get(
    '/api/unit-groups/choices',
    {
      config: { policy: 'units.read' },
      schema: {
        tags,
        summary: 'Các nhóm đơn vị có thể giao nhiệm vụ (kèm số đơn vị)',
        querystring: withinQuery,
        response: { 200: z.array(groupChoiceSchema) },
      },
    },
    async (request) => groupChoices(contextOf(request, db), request.query.unitId, request.query.on),
  );

  api.get(
    '/api/unit-groups/members',
    {
      config: { policy: 'units.read' },
      schema: {
        tags,
        summary: 'Các đơn vị của một nhóm vào một ngày',
        querystring: withinQuery.extend({ key: groupKeySchema }),
        response: { 200: z.array(memberSchema) },
      },
    },
    async (request) => {
      const { key, unitId, on } = request.query;
      return groupMembers(contextOf(request, db), key, unitId, on);
    },
  );

  api.get(
    '/api/unit-groups/:id',
    {
      config: { policy: 'units.read' },
      schema: { tags, summary: 'Chi tiết nhóm đơn vị', params: idParams, response: { 200: unitGroupSchema } },
    },
    async (request) => getUnitGroup(contextOf(request, db), request.params.id),
  );

  api.post(
    '/api/unit-groups',
    {
      config: { policy: 'units.groups' },
      schema: {
        tags,
        summary: 'Lưu một nhóm đơn vị',
        body: createUnitGroupSchema,
        response: { 201: unitGroupSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUnitGroup(contextOf(request, db), request.body)),
  );

  api.patch(
    '/api/unit-groups/:id',
    {
      config: { policy: 'units.groups' },
      schema: {
        tags,
        summary: 'Sửa tên, thành viên của nhóm đơn vị',
        params: idParams,
        body: updateUnitGroupSchema,
        response: { 200: unitGroupSchema },
      },
    },
    async (request) => updateUnitGroup(contextOf(request, db), request.params.id, request.body),
  );

  api.delete(
    '/api/unit-groups/:id',
    {
      config: { policy: 'units.groups' },
      schema: { tags, summary: 'Xóa nhóm đơn vị chưa được giao nhiệm vụ', params: idParams },
    },
    async (request, reply) => {
      await deleteUnitGroup(contextOf(request, db), request.params.id);
      return reply.status(204).send();
    },
  );
}
