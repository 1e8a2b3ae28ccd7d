import { createHash } from 'node:crypto';
import { type PDFDict, PDFNumber } from 'pdf-lib';
import { AppError, msg } from '../../core/errors.ts';
import {
  type AppearanceOptions,
  buildAppearance,
  defaultRect,
  emptyAppearance,
  type Rect,
} from './appearance.ts';
import { cmsAttribute, createSignedData, OID } from './cms.ts';
import {
  acroFormOf,
  addSignatureWidget,
  formFields,
  freeFieldName,
  NAME,
  pdfText,
  rectArray,
  rectOf,
} from './fields.ts';
import { appendRevision, openForUpdate } from './pdf-update.ts';
import type { SigningIdentity } from './pkcs12.ts';
import { pdfDate } from './time.ts';
import { requestTimestamp } from './tsa.ts';

export interface SignOptions {
  identity: SigningIdentity;
  /** The signing time written as /M; now when absent. */
  signingTime?: Date;
  reason?: string;
  location?: string;
  /** The signer's name as /Name; the certificate's CN when absent. */
  name?: string;
  /** Sign this empty signature field (prepared with addSignatureField); a new field of this name if none. */
  fieldName?: string;
  /** A visible signature; invisible when absent. */
  appearance?: AppearanceOptions;
  /** RFC 3161 timestamp server: the signature becomes PAdES B-T. */
  tsaUrl?: string;
  /** When the timestamp server cannot be reached: refuse (default) or sign without a timestamp. */
  onTimestampFailure?: 'fail' | 'sign-without';
  /** Bytes reserved for the CMS; enough for the chain and a timestamp when absent. */
  reservedBytes?: number;
}

const refused = (vi: string, en: string) => new AppError('VALIDATION_FAILED', msg(vi, en));

function reserveFor(options: SignOptions): number {
  if (options.reservedBytes) return options.reservedBytes;
  const certificates =
    options.identity.certificateFacts.der.length +
    options.identity.chainDer.reduce((sum, der) => sum + der.length, 0);
  return 4096 + certificates + (options.tsaUrl ? 12_288 : 0);
}

/**
 * Signs a PDF as PAdES (ETSI.CAdES.detached) in an incremental update: the original bytes stay as they
 * are, the signature covers everything but its own /Contents.
 */
export async function signPdf(pdf: Buffer, options: SignOptions): Promise<Buffer> {
  const update = await openForUpdate(pdf);
  const { doc, context } = update;
  const signingTime = options.signingTime ?? new Date();
  const pages = doc.getPages();
  if (pages.length === 0) throw refused('Tệp PDF không có trang nào.', 'The PDF has no pages.');

  const existing = options.fieldName
    ? formFields(doc).find((field) => field.name === options.fieldName)
    : undefined;
  if (existing && !existing.isSignature)
    throw refused(
      `Trường "${existing.name}" không phải trường chữ ký.`,
      `The field "${existing.name}" is not a signature field.`,
    );
  if (existing?.dict.has(NAME.V))
    throw refused(
      `Trường chữ ký "${existing.name}" đã được ký.`,
      `The signature field "${existing.name}" is already signed.`,
    );

  let widget: PDFDict;
  let rect: Rect;
  if (existing) {
    widget = existing.dict;
    rect = rectOf(widget);
  } else {
    const appearance = options.appearance;
    const pageIndex = appearance ? (appearance.page ?? pages.length) - 1 : pages.length - 1;
    const page = pages[pageIndex];
    if (!page)
      throw refused(`Tệp PDF không có trang ${pageIndex + 1}.`, `The PDF has no page ${pageIndex + 1}.`);
    rect = !appearance
      ? { x: 0, y: 0, width: 0, height: 0 }
      : appearance.rect === 'default'
        ? defaultRect(page.getCropBox())
        : appearance.rect;
    widget = addSignatureWidget(doc, {
      pageIndex,
      rect,
      name: options.fieldName ?? freeFieldName(doc),
      appearance: emptyAppearance(doc, rect),
    }).dict;
  }
  if (options.appearance) {
    const appearance = await buildAppearance(doc, options.appearance, rect);
    widget.set(NAME.AP, context.obj({ N: appearance }));
    if (existing && options.appearance.rect !== 'default')
      widget.set(NAME.Rect, rectArray(doc, options.appearance.rect));
  }
  (acroFormOf(doc, true) as PDFDict).set(NAME.SigFlags, PDFNumber.of(3));
  const signatureRef = context.nextRef();
  widget.set(NAME.V, signatureRef);
  await doc.flush();

  const reserved = reserveFor(options);
  const byteRangeSlot = `/ByteRange [0 0 0 0${' '.repeat(36)}]`;
  const entries = [
    '/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached',
    byteRangeSlot,
    `/Contents <${'0'.repeat(reserved * 2)}>`,
    `/M ${pdfText(pdfDate(signingTime)).toString()}`,
    `/Name ${pdfText(options.name ?? options.identity.subject.commonName ?? '').toString()}`,
    options.reason ? `/Reason ${pdfText(options.reason).toString()}` : '',
    options.location ? `/Location ${pdfText(options.location).toString()}` : '',
    '/Prop_Build << /App << /Name /Chiso >> >>',
  ].filter(Boolean);
  const body = Buffer.from(`<< ${entries.join('\n')} >>`, 'latin1');
  const { bytes, rawOffsets } = appendRevision(update, [{ ref: signatureRef, body }]);
  const bodyOffset = rawOffsets.get(signatureRef.objectNumber) as number;
  const contentsStart = bodyOffset + body.indexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = contentsStart + reserved * 2 + 2;
  const byteRange = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const byteRangeText = `/ByteRange [${byteRange.join(' ')}`.padEnd(byteRangeSlot.length - 1, ' ');
  bytes.write(`${byteRangeText}]`, bodyOffset + body.indexOf('/ByteRange'), 'latin1');

  const digest = createHash('sha256')
    .update(bytes.subarray(0, contentsStart))
    .update(bytes.subarray(contentsEnd))
    .digest();
  const cms = await createSignedData({
    signer: {
      key: options.identity.privateKey,
      certificate: options.identity.certificateFacts,
      chain: options.identity.chainDer,
    },
    digest,
    unsigned: options.tsaUrl ? (signature) => timestampAttribute(options, signature) : undefined,
  });
  if (cms.length > reserved)
    throw new AppError(
      'INTERNAL',
      msg(
        `Chữ ký (${cms.length} byte) lớn hơn chỗ dành sẵn (${reserved} byte).`,
        `The signature (${cms.length} bytes) is larger than the space reserved (${reserved} bytes).`,
      ),
    );
  bytes.write(cms.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return bytes;
}

async function timestampAttribute(options: SignOptions, signature: Buffer): Promise<Buffer[]> {
  try {
    const token = await requestTimestamp(options.tsaUrl as string, signature);
    return [cmsAttribute(OID.timeStampToken, token)];
  } catch (error) {
    if (options.onTimestampFailure === 'sign-without') return [];
    throw error;
  }
}
