/**
 * PAdES signing and verification of PDFs, at the byte level and without a database: read a PKCS#12, sign
 * in an incremental update (visible or not, timestamped or not), prepare a field for a signer outside,
 * check what comes back, inspect a file's signatures and judge them against trusted roots.
 */
export type { AppearanceOptions, Rect } from './appearance.ts';
export {
  INSPECTION_REASONS,
  inspectPdfSignatures,
  type PdfInspection,
  type SignatureInspection,
} from './inspect.ts';
export { appearanceLines } from './lines.ts';
export { readPkcs12, type SigningIdentity } from './pkcs12.ts';
export { addSignatureField, checkSignedReturn, type SignedReturn } from './prepared.ts';
export type { ChangesAfter } from './revisions.ts';
export { type SignOptions, signPdf } from './sign-pdf.ts';
export { isoVietnam, viDateTime } from './time.ts';
export { evaluateTrust, type SignatureTrust } from './trust.ts';
