import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldError, msg, zodMsg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { uploadedFile, uploadedFileWithFields } from '../http/uploads.ts';
import {
  listCertificates,
  retireCertificate,
  setCertificateImage,
  uploadCertificate,
} from './certificates.ts';

const certificateSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  kind: z.enum(['organisation', 'person']),
  userId: z.number().nullable(),
  userName: z.string().nullable(),
  subjectName: z.string(),
  organisation: z.string().nullable(),
  serial: z.string(),
  issuerName: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  hasImage: z.boolean(),
  retiredAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'retired']),
});

const uploadFieldsSchema = z.object({
  kind: z.enum(['organisation', 'person'], {
    error: zodMsg('Chọn loại chứng thư.', 'Choose the kind of certificate.'),
  }),
  userId: z.coerce.number().int().positive().optional(),
  password: z.string().max(500),
});

const PERMISSION = 'documents.certificates';
const idParams = z.object({ id: idParam });

/** A unit's signing certificates, managed by its administrators; no answer ever carries a secret. */
export async function certificateRoutes(app: FastifyInstance, { db, secret }: { db: Db; secret: string }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Chữ ký số'];
  api.get(
    '/api/units/:id/signing-certificates',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Chứng thư số của đơn vị (không bao giờ kèm khóa hay mật khẩu)',
        params: idParams,
        response: { 200: z.object({ items: z.array(certificateSchema) }) },
      },
    },
    async (request) => ({ items: await listCertificates(contextOf(request, db), request.params.id) }),
  );
  api.post(
    '/api/units/:id/signing-certificates',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Tải lên chứng thư số (.p12/.pfx) với mật khẩu: của tổ chức hoặc của một người ký',
        params: idParams,
        response: { 200: certificateSchema },
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      const { fileName, data, fields } = await uploadedFileWithFields(request);
      if (!/\.(p12|pfx)$/i.test(fileName))
        throw fieldError(
          'file',
          msg('Chứng thư số phải là tệp .p12 hoặc .pfx.', 'The certificate must be a .p12 or .pfx file.'),
        );
      const parsed = uploadFieldsSchema.safeParse(fields);
      if (!parsed.success)
        throw fieldError(
          String(parsed.error.issues[0]?.path[0] ?? 'kind'),
          msg('Thiếu loại chứng thư hoặc mật khẩu.', 'The kind of certificate or the password is missing.'),
        );
      return uploadCertificate(ctx, secret, request.params.id, {
        kind: parsed.data.kind,
        userId: parsed.data.userId ?? null,
        p12: data,
        password: parsed.data.password,
      });
    },
  );
  api.put(
    '/api/signing-certificates/:id/image',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Ảnh con dấu (đỏ) hoặc chữ ký (xanh), PNG nền trong suốt',
        params: idParams,
        response: { 200: certificateSchema },
      },
    },
    async (request) =>
      setCertificateImage(contextOf(request, db), request.params.id, await uploadedFile(request)),
  );
  api.post(
    '/api/signing-certificates/:id/retire',
    {
      config: { policy: PERMISSION },
      schema: {
        tags,
        summary: 'Thôi dùng một chứng thư số',
        params: idParams,
        response: { 200: certificateSchema },
      },
    },
    async (request) => retireCertificate(contextOf(request, db), request.params.id),
  );
}
