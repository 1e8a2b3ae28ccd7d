import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUserSchema,
  grantRoleSchema,
  headAccountSchema,
  updateUserSchema,
} from '../../core/auth/account-schemas.ts';
import { accountImportResultSchema, userViewSchema as userSchema } from '../../core/auth/account-views.ts';
import { zodMsg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { listQuery, listResultSchema } from '../../core/list.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { CONTENT_TYPES, formatOf } from '../files/tabular.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { createHeadAccount } from './head-account-service.ts';
import { accountImportTemplate, importAccounts, takeCredentials } from './user-import-service.ts';
import { createUser, findUsers, grantRole, resetPassword, revokeRole, updateUser } from './user-service.ts';

const idParams = z.object({ id: idParam });
const tags = ['users'];

export async function userRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/users',
    {
      config: { policy: 'users.read' },
      schema: {
        tags,
        summary: 'Danh sách tài khoản',
        querystring: listQuery(['username', 'fullName', 'createdAt'], 'username'),
        response: { 200: listResultSchema(userSchema) },
      },
    },
    async (request) => findUsers(contextOf(request, db), request.query),
  );

  api.post(
    '/api/users',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Tạo tài khoản (mật khẩu tạm hiển thị một lần)',
        body: createUserSchema,
        response: { 201: z.object({ user: userSchema, temporaryPassword: z.string().optional() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(contextOf(request, db), request.body)),
  );

  api.patch(
    '/api/users/:id',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Sửa tài khoản',
        params: idParams,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => updateUser(contextOf(request, db), request.params.id, request.body),
  );

  api.post(
    '/api/users/:id/reset-password',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu',
        params: idParams,
        response: { 200: z.object({ temporaryPassword: z.string() }) },
      },
    },
    async (request) => resetPassword(contextOf(request, db), request.params.id),
  );

  api.post(
    '/api/users/:id/grants',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Phân quyền trên một đơn vị',
        params: idParams,
        body: grantRoleSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => grantRole(contextOf(request, db), request.params.id, request.body),
  );

  api.delete(
    '/api/users/:id/grants/:grantId',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Gỡ quyền',
        params: idParams.extend({ grantId: idParam }),
        response: { 200: userSchema },
      },
    },
    async (request) => revokeRole(contextOf(request, db), request.params.id, request.params.grantId),
  );

  api.post(
    '/api/users/import',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Nhập tài khoản và vai trò từ tệp .xlsx (xem trước với dryRun; tất cả hoặc không)',
        consumes: ['multipart/form-data'],
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
        response: { 200: accountImportResultSchema },
      },
    },
    async (request) => {
      const { fileName, data } = await uploadedFile(request);
      return importAccounts(
        contextOf(request, db),
        { data, format: formatOf(fileName) },
        { dryRun: request.query.dryRun === 'true' },
      );
    },
  );

  api.get(
    '/api/users/import/credentials/:token',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Tải một lần tệp mật khẩu tạm của lần nhập vừa rồi (.xlsx)',
        params: z.object({
          token: z
            .string()
            .regex(/^[A-Za-z0-9_-]{32}$/, zodMsg('Mã tải tệp không hợp lệ.', 'Invalid download code.')),
        }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, {
        fileName: 'tai-khoan-moi-mat-khau-tam.xlsx',
        contentType: CONTENT_TYPES.xlsx,
        data: takeCredentials(contextOf(request, db), request.params.token),
      }),
  );

  api.get(
    '/api/users/import-template',
    { config: { policy: 'users.write' }, schema: { tags, summary: 'Tệp mẫu nhập tài khoản (.xlsx)' } },
    async (_request, reply) =>
      sendDownload(reply, {
        fileName: 'mau-nhap-tai-khoan.xlsx',
        contentType: CONTENT_TYPES.xlsx,
        data: await accountImportTemplate(),
      }),
  );

  api.post(
    '/api/units/:id/head-account',
    {
      config: { policy: 'users.write' },
      schema: {
        tags,
        summary: 'Tạo tài khoản cho thủ trưởng đơn vị (mật khẩu tạm hiển thị một lần)',
        params: idParams,
        body: headAccountSchema,
        response: { 201: z.object({ user: userSchema, temporaryPassword: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createHeadAccount(contextOf(request, db), request.params.id, request.body)),
  );
}
