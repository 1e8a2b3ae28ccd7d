import type { FastifyRequest } from 'fastify';
import { AppError, msg } from '../../core/errors.ts';

/**
 * The one file of a multipart upload, read into memory (the multipart limits in app.ts cap its size
 * and count), or a 400 naming the missing field.
 */
export async function uploadedFile(request: FastifyRequest): Promise<{ fileName: string; data: Buffer }> {
  const file = await request.file();
  if (!file)
    throw new AppError('VALIDATION_FAILED', msg('Vui lòng chọn tệp.', 'Choose a file.'), {
      fields: [{ path: 'file', message: msg('Vui lòng chọn tệp.', 'Choose a file.') }],
    });
  return { fileName: file.filename, data: await file.toBuffer() };
}

/** The one file of a multipart upload with the form's text fields, in any order. */
export async function uploadedFileWithFields(
  request: FastifyRequest,
): Promise<{ fileName: string; data: Buffer; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  let file: { fileName: string; data: Buffer } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') file = { fileName: part.filename, data: await part.toBuffer() };
    else fields[part.fieldname] = String(part.value);
  }
  if (!file)
    throw new AppError('VALIDATION_FAILED', msg('Vui lòng chọn tệp.', 'Choose a file.'), {
      fields: [{ path: 'file', message: msg('Vui lòng chọn tệp.', 'Choose a file.') }],
    });
  return { ...file, fields };
}
