import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentSigningSchema } from '../../core/documents/signing-schemas.ts';
import { idParam } from '../../core/ids.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import {
  awaitingPdf,
  currentPdf,
  prepareDocument,
  prepareOutside,
  returnSigned,
  signDocument,
  uploadDocumentPdf,
} from './document-signing.ts';
import { documentSigning } from './document-view.ts';

const PDF = 'application/pdf';

/**
 * An issued document's way out: its PDF prepared, signed by the head, sealed by the clerk, or signed
 * outside and brought back. Every route names its permission; the services check the record (signing
 * and sealing by a grant on the document's own unit).
 */
export async function documentRoutes(app: FastifyInstance, { db, secret }: { db: Db; secret: string }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const params = z.object({ id: idParam });
  const register = { policy: 'documents.register' as const };
  const view = async (request: Parameters<typeof contextOf>[0], id: number) =>
    documentSigning(contextOf(request, db), id);

  api.get(
    '/api/documents/:id/signing',
    {
      config: register,
      schema: {
        tags,
        summary: 'Văn bản: bản PDF, các chữ ký và kiểm tra chữ ký, bước tiếp theo',
        params,
        response: { 200: documentSigningSchema },
      },
    },
    async (request) => view(request, request.params.id),
  );
  api.post(
    '/api/documents/:id/prepare',
    {
      config: register,
      schema: {
        tags,
        summary: 'Tạo bản PDF của văn bản để ký (từ Chiso)',
        params,
        response: { 200: documentSigningSchema },
      },
    },
    async (request) => {
      await prepareDocument(contextOf(request, db), request.params.id);
      return view(request, request.params.id);
    },
  );
  api.post(
    '/api/documents/:id/pdf',
    {
      config: register,
      schema: {
        tags,
        summary: 'Tải lên bản PDF của văn bản soạn ngoài Chiso (chưa ký: để ký; đã ký: kiểm tra và lưu)',
        params,
        response: { 200: documentSigningSchema },
      },
    },
    async (request) => {
      await uploadDocumentPdf(contextOf(request, db), request.params.id, await uploadedFile(request));
      return view(request, request.params.id);
    },
  );
  api.post(
    '/api/documents/:id/sign',
    {
      config: { policy: 'documents.sign' },
      schema: { tags, summary: 'Thủ trưởng ký số văn bản', params, response: { 200: documentSigningSchema } },
    },
    async (request) => {
      await signDocument({ ...contextOf(request, db), secret }, request.params.id, 'person');
      return view(request, request.params.id);
    },
  );
  api.post(
    '/api/documents/:id/seal',
    {
      config: { policy: 'documents.seal' },
      schema: {
        tags,
        summary: 'Văn thư đóng dấu số của cơ quan',
        params,
        response: { 200: documentSigningSchema },
      },
    },
    async (request) => {
      await signDocument({ ...contextOf(request, db), secret }, request.params.id, 'organisation');
      return view(request, request.params.id);
    },
  );
  api.post(
    '/api/documents/:id/outside',
    {
      config: register,
      schema: {
        tags,
        summary: 'Chuẩn bị bản PDF có sẵn ô chữ ký để ký bằng USB token hoặc dịch vụ ký từ xa',
        params,
        response: { 200: documentSigningSchema },
      },
    },
    async (request) => {
      await prepareOutside(contextOf(request, db), request.params.id);
      return view(request, request.params.id);
    },
  );
  api.get(
    '/api/documents/:id/outside.pdf',
    { config: register, schema: { tags, summary: 'Tải bản PDF đã chuẩn bị để ký ngoài Chiso', params } },
    async (request, reply) => {
      const { data, number } = await awaitingPdf(contextOf(request, db), request.params.id);
      return sendDownload(reply, {
        fileName: `${fileNamePart(`Văn bản ${number} - để ký`)}.pdf`,
        contentType: PDF,
        data,
      });
    },
  );
  api.post(
    '/api/documents/:id/return',
    {
      config: register,
      schema: {
        tags,
        summary: 'Tải lên bản đã ký ngoài Chiso',
        params,
        response: { 200: documentSigningSchema },
      },
    },
    async (request) => {
      await returnSigned(contextOf(request, db), request.params.id, await uploadedFile(request));
      return view(request, request.params.id);
    },
  );
  api.get(
    '/api/documents/:id/document.pdf',
    { config: register, schema: { tags, summary: 'Tải văn bản (bản đã ký nếu có)', params } },
    async (request, reply) => {
      const { data, number, signed } = await currentPdf(contextOf(request, db), request.params.id);
      const name = fileNamePart(`Văn bản ${number}${signed ? ' - đã ký' : ''}`);
      return sendDownload(reply, { fileName: `${name}.pdf`, contentType: PDF, data });
    },
  );
}
