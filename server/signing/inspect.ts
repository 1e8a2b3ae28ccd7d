import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFNumber } from 'pdf-lib';
import { type Msg, msg } from '../../core/errors.ts';
import {
  DIGESTS,
  OID,
  type ParsedCms,
  parseSignedData,
  readTimestamp,
  verifySignerSignature,
} from './cms.ts';
import { raw, readDer } from './der.ts';
import { formFields, NAME, textOf } from './fields.ts';
import { lastStartXref } from './pdf-update.ts';
import { type ChangesAfter, Revisions } from './revisions.ts';
import { isoVietnam, parsePdfDate } from './time.ts';
import { certificateFacts, toPem } from './x509.ts';

export interface SignatureInspection {
  fieldName: string;
  /** The signer certificate's CN and O. */
  signer: string | null;
  organisation: string | null;
  serial: string | null;
  /** The issuer's CN (else O). */
  issuer: string | null;
  subFilter: string | null;
  /** The timestamp's time when stamped, else /M; ISO 8601 with +07:00. */
  signedAt: string | null;
  timestamped: boolean;
  /** The digest over the ByteRange equals the signed one and the signature verifies with the certificate's key. */
  intact: boolean;
  /** Why not intact. */
  reason: Msg | null;
  coversWholeFile: boolean;
  changesAfter: ChangesAfter;
  byteRange: number[];
  reasonText: string | null;
  location: string | null;
  /** Signer first, then the rest as embedded (PEM). */
  certificates: string[];
}

export interface PdfInspection {
  signed: boolean;
  signatures: SignatureInspection[];
}

const MAX_SIGNATURES = 32;
const MAX_BYTES = 512 * 1024 * 1024;

/** Why a signature is not intact, as `SignatureInspection.reason` says it. */
export const INSPECTION_REASONS = {
  byteRange: msg(
    'Vùng ký (/ByteRange) không hợp lệ: chữ ký không xác định được phần nào của tệp được ký.',
    'The signed range (/ByteRange) is invalid: the signature does not say which part of the file it signs.',
  ),
  cms: msg(
    'Dữ liệu chữ ký (CMS) bị hỏng hoặc không đọc được.',
    'The signature data (CMS) is damaged or unreadable.',
  ),
  digest: msg(
    'Nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp).',
    'The file content was changed after signing (the digest does not match).',
  ),
  signature: msg(
    'Chữ ký không khớp với khóa công khai của chứng thư số.',
    'The signature does not verify with the certificate’s public key.',
  ),
  algorithm: msg('Chữ ký dùng thuật toán chưa hỗ trợ.', 'The signature uses an unsupported algorithm.'),
};

interface ByteRangeCheck {
  ranges: number[];
  contents: Buffer | null;
}

function checkByteRange(bytes: Buffer, value: PDFArray | undefined): ByteRangeCheck {
  const ranges = (value?.asArray() ?? []).map((item) =>
    item instanceof PDFNumber ? item.asNumber() : Number.NaN,
  );
  const [a, b, c, d] = ranges;
  const valid =
    ranges.length === 4 &&
    ranges.every((number) => Number.isInteger(number) && number >= 0) &&
    a === 0 &&
    (b as number) < (c as number) &&
    (c as number) + (d as number) <= bytes.length &&
    bytes[b as number] === 0x3c &&
    bytes[(c as number) - 1] === 0x3e;
  if (!valid) return { ranges, contents: null };
  const hex = bytes.subarray((b as number) + 1, (c as number) - 1).toString('latin1');
  if (!/^[0-9a-fA-F\s]*$/.test(hex)) return { ranges, contents: null };
  return { ranges, contents: Buffer.from(hex.replace(/\s/g, ''), 'hex') };
}

function endsInXref(bytes: Buffer): boolean {
  try {
    const offset = lastStartXref(bytes);
    return /^\s*(xref|\d+\s+\d+\s+obj)/.test(bytes.subarray(offset, offset + 32).toString('latin1'));
  } catch {
    return false;
  }
}

function digestOf(bytes: Buffer, ranges: number[], algorithm: string): Buffer {
  const [a = 0, b = 0, c = 0, d = 0] = ranges;
  return createHash(algorithm)
    .update(bytes.subarray(a, a + b))
    .update(bytes.subarray(c, c + d))
    .digest();
}

/** The signatures in a PDF: who signed, when, whether intact, what changed after. Never throws on bad input. */
export async function inspectPdfSignatures(bytes: Buffer): Promise<PdfInspection> {
  if (
    bytes.length > MAX_BYTES ||
    bytes.indexOf('%PDF-', 0, 'latin1') < 0 ||
    bytes.indexOf('%PDF-', 0, 'latin1') > 1024
  )
    return { signed: false, signatures: [] };
  // A signature dictionary always names its ByteRange, and a signed file ends in a cross-reference
  // section: without both nothing is parsed (pdf-lib crawls through junk a byte at a time).
  if (bytes.indexOf('/ByteRange', 0, 'latin1') < 0 || !endsInXref(bytes))
    return { signed: false, signatures: [] };
  const revisions = new Revisions(bytes);
  const doc = await revisions.at(bytes.length);
  if (!doc) return { signed: false, signatures: [] };
  let fields: ReturnType<typeof formFields>;
  try {
    fields = formFields(doc);
  } catch {
    return { signed: false, signatures: [] };
  }
  const signatures: SignatureInspection[] = [];
  for (const field of fields) {
    if (!field.isSignature || signatures.length >= MAX_SIGNATURES) continue;
    const value = field.dict.lookup(NAME.V);
    if (!(value instanceof PDFDict)) continue;
    signatures.push(await inspectOne(bytes, field.name, value, revisions));
  }
  signatures.sort(
    (first, second) =>
      (first.byteRange[3] ?? 0) +
      (first.byteRange[2] ?? 0) -
      ((second.byteRange[3] ?? 0) + (second.byteRange[2] ?? 0)),
  );
  return { signed: signatures.length > 0, signatures };
}

async function inspectOne(
  bytes: Buffer,
  fieldName: string,
  dict: PDFDict,
  revisions: Revisions,
): Promise<SignatureInspection> {
  const { ranges, contents } = checkByteRange(bytes, dict.lookupMaybe(PDFName.of('ByteRange'), PDFArray));
  const claimedTime = parsePdfDate(textOf(dict.lookup(PDFName.of('M'))) ?? '');
  const end = (ranges[2] ?? 0) + (ranges[3] ?? 0);
  const result: SignatureInspection = {
    fieldName,
    signer: null,
    organisation: null,
    serial: null,
    issuer: null,
    subFilter: dict.lookup(PDFName.of('SubFilter'))?.toString().replace(/^\//, '') ?? null,
    signedAt: claimedTime ? isoVietnam(claimedTime) : null,
    timestamped: false,
    intact: false,
    reason: null,
    coversWholeFile: contents !== null && end === bytes.length,
    changesAfter: 'other',
    byteRange: ranges,
    reasonText: textOf(dict.lookup(PDFName.of('Reason'))) ?? null,
    location: textOf(dict.lookup(PDFName.of('Location'))) ?? null,
    certificates: [],
  };
  if (!contents) return { ...result, reason: INSPECTION_REASONS.byteRange };
  result.changesAfter = await revisions.changesAfter(end);
  let parsed: ParsedCms;
  try {
    const der = readDer(contents);
    parsed = parseSignedData(Buffer.from(raw(der)));
  } catch {
    return { ...result, reason: INSPECTION_REASONS.cms };
  }
  try {
    const signerDer = parsed.signerCertificate;
    result.certificates = [
      ...(signerDer ? [signerDer] : []),
      ...parsed.certificates.filter((der) => der !== signerDer),
    ].map((der) => toPem(der));
    if (signerDer) {
      const facts = certificateFacts(signerDer);
      result.signer = facts.subject.commonName ?? null;
      result.organisation = facts.subject.organisation ?? null;
      result.serial = facts.serial;
      result.issuer = facts.issuer.commonName ?? facts.issuer.organisation ?? null;
    }
    const token = parsed.unsigned.get(OID.timeStampToken)?.[0];
    if (token) {
      const stamp = readTimestamp(Buffer.from(raw(token)), parsed.signature);
      if (stamp.valid) {
        result.timestamped = true;
        result.signedAt = isoVietnam(stamp.time);
      }
    }
    const algorithm = DIGESTS[parsed.digestAlgorithm];
    if (!algorithm || !parsed.messageDigest) return { ...result, reason: INSPECTION_REASONS.algorithm };
    if (!digestOf(bytes, ranges, algorithm).equals(parsed.messageDigest))
      return { ...result, reason: INSPECTION_REASONS.digest };
    if (!verifySignerSignature(parsed)) return { ...result, reason: INSPECTION_REASONS.signature };
    return { ...result, intact: true };
  } catch {
    return { ...result, reason: INSPECTION_REASONS.cms };
  }
}
