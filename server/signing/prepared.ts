import { AppError, type Msg, msg } from '../../core/errors.ts';
import type { Rect } from './appearance.ts';
import { emptyAppearance } from './appearance.ts';
import { addSignatureWidget, formFields } from './fields.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { appendRevision, openForUpdate } from './pdf-update.ts';
import { Revisions } from './revisions.ts';

/** An empty signature field, as an incremental update, for a signer outside the product to fill. */
export async function addSignatureField(
  pdf: Buffer,
  options: { page: number; rect: Rect; name: string },
): Promise<Buffer> {
  const update = await openForUpdate(pdf);
  const { doc } = update;
  if (!doc.getPages()[options.page - 1])
    throw new AppError(
      'VALIDATION_FAILED',
      msg(`Tệp PDF không có trang ${options.page}.`, `The PDF has no page ${options.page}.`),
    );
  if (formFields(doc).some((field) => field.name === options.name))
    throw new AppError(
      'DUPLICATE',
      msg(`Đã có trường tên "${options.name}".`, `A field named "${options.name}" already exists.`),
    );
  addSignatureWidget(doc, {
    pageIndex: options.page - 1,
    rect: options.rect,
    name: options.name,
    appearance: emptyAppearance(doc, options.rect),
  });
  return appendRevision(update).bytes;
}

export type SignedReturn = { ok: true } | { ok: false; reason: Msg };

const refuse = (vi: string, en: string): SignedReturn => ({ ok: false, reason: msg(vi, en) });

/**
 * Whether a file signed outside is the prepared one, signed: it begins with exactly the prepared bytes,
 * everything after them only adds or fills signatures, and the last signature is intact and covers the
 * whole returned file.
 */
export async function checkSignedReturn(prepared: Buffer, returned: Buffer): Promise<SignedReturn> {
  if (returned.length <= prepared.length || !returned.subarray(0, prepared.length).equals(prepared))
    return refuse(
      'Tệp nhận về không phải tệp đã chuẩn bị được ký thêm: nội dung đã khác (phải ký theo kiểu bổ sung, không lưu lại tệp).',
      'The returned file is not the prepared file with a signature added: its content differs (it must be signed incrementally, not saved anew).',
    );
  const inspection = await inspectPdfSignatures(returned);
  const added = inspection.signatures.filter(
    (signature) => (signature.byteRange[2] ?? 0) + (signature.byteRange[3] ?? 0) > prepared.length,
  );
  if (added.length === 0)
    return refuse('Tệp nhận về chưa có chữ ký mới.', 'The returned file has no new signature.');
  const broken = added.find((signature) => !signature.intact);
  if (broken)
    return {
      ok: false,
      reason: msg(
        `Chữ ký "${broken.fieldName}" không còn nguyên vẹn: ${broken.reason?.vi ?? ''}`,
        `The signature "${broken.fieldName}" is not intact: ${broken.reason?.en ?? ''}`,
      ),
    };
  if (!added.some((signature) => signature.coversWholeFile))
    return refuse(
      'Chữ ký cuối cùng không bao trùm toàn bộ tệp nhận về: tệp đã bị sửa sau khi ký.',
      'The last signature does not cover the whole returned file: it was changed after signing.',
    );
  if ((await new Revisions(returned).changesAfter(prepared.length)) !== 'signatures-only')
    return refuse(
      'Tệp nhận về có thay đổi ngoài chữ ký so với tệp đã chuẩn bị.',
      'The returned file changes more than signatures compared with the prepared file.',
    );
  return { ok: true };
}
