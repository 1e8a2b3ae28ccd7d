import { describe, expect, it } from 'vitest';
import { pdfsigValidations } from '../test/poppler.ts';
import { samplePdf, testPki } from '../test/signing-fixtures.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { addSignatureField, checkSignedReturn } from './prepared.ts';
import { signPdf } from './sign-pdf.ts';

const FIELD = { page: 2, rect: { x: 340, y: 60, width: 200, height: 70 }, name: 'ChuKyGiamDoc' };

describe('a PDF prepared for signing outside', () => {
  it('has an empty signature field that an outside signer fills; the returned file is accepted', async () => {
    const original = await samplePdf({ objectStreams: true });
    const prepared = await addSignatureField(original, FIELD);
    expect(prepared.subarray(0, original.length).equals(original)).toBe(true);
    expect((await inspectPdfSignatures(prepared)).signed).toBe(false);
    const returned = await signPdf(prepared, {
      identity: testPki().identity,
      fieldName: 'ChuKyGiamDoc',
      appearance: { rect: 'default', kind: 'person', lines: ['Ký bởi: Nguyễn Văn A'] },
    });
    expect(await pdfsigValidations(returned)).toEqual(['Signature is Valid.']);
    const { signatures } = await inspectPdfSignatures(returned);
    expect(signatures.map((item) => [item.fieldName, item.intact, item.coversWholeFile])).toEqual([
      ['ChuKyGiamDoc', true, true],
    ]);
    expect(await checkSignedReturn(prepared, returned)).toEqual({ ok: true });
  });

  it('refuses a returned file changed in the prepared part, made from another document, or unsigned', async () => {
    const prepared = await addSignatureField(await samplePdf(), FIELD);
    const returned = await signPdf(prepared, { identity: testPki().identity, fieldName: 'ChuKyGiamDoc' });
    const changed = Buffer.from(returned);
    changed[changed.indexOf('595.28', 0, 'latin1')] = '6'.charCodeAt(0);
    expect(await checkSignedReturn(prepared, changed)).toEqual({
      ok: false,
      reason: {
        vi: 'Tệp nhận về không phải tệp đã chuẩn bị được ký thêm: nội dung đã khác (phải ký theo kiểu bổ sung, không lưu lại tệp).',
        en: 'The returned file is not the prepared file with a signature added: its content differs (it must be signed incrementally, not saved anew).',
      },
    });
    const other = await addSignatureField(await samplePdf({ objectStreams: true }), FIELD);
    const otherSigned = await signPdf(other, { identity: testPki().identity, fieldName: 'ChuKyGiamDoc' });
    expect((await checkSignedReturn(prepared, otherSigned)).ok).toBe(false);
    expect(await checkSignedReturn(prepared, prepared)).toMatchObject({ ok: false });
  });

  it('refuses a returned file whose signature does not cover a later change', async () => {
    const prepared = await addSignatureField(await samplePdf(), FIELD);
    const returned = await signPdf(prepared, { identity: testPki().identity, fieldName: 'ChuKyGiamDoc' });
    const appended = Buffer.concat([returned, Buffer.from('1 0 obj\n<< /Type /Catalog >>\nendobj\n')]);
    expect(await checkSignedReturn(prepared, appended)).toEqual({
      ok: false,
      reason: {
        vi: 'Chữ ký cuối cùng không bao trùm toàn bộ tệp nhận về: tệp đã bị sửa sau khi ký.',
        en: 'The last signature does not cover the whole returned file: it was changed after signing.',
      },
    });
  });

  it('will not sign a field twice or a field that is not a signature', async () => {
    const prepared = await addSignatureField(await samplePdf(), FIELD);
    const returned = await signPdf(prepared, { identity: testPki().identity, fieldName: 'ChuKyGiamDoc' });
    await expect(
      signPdf(returned, { identity: testPki().identity, fieldName: 'ChuKyGiamDoc' }),
    ).rejects.toThrow('Trường chữ ký "ChuKyGiamDoc" đã được ký.');
    await expect(addSignatureField(prepared, FIELD)).rejects.toThrow('Đã có trường tên "ChuKyGiamDoc".');
  });
});
