import { inArray } from 'drizzle-orm';
import { type Msg, msg } from '../../core/errors.ts';
import type { FileSignatureSummary, SignatureVerdict } from '../../core/files/signature-views.ts';
import type { DbOrTx } from '../db/engine.ts';
import { blobs, fileSignatureChecks } from '../db/schema/index.ts';
import { readOfficeFile } from '../files/office.ts';
import {
  evaluateTrust,
  INSPECTION_REASONS,
  type PdfInspection,
  type SignatureInspection,
} from '../signing/index.ts';
import { readSigningSetting } from './signing-settings.ts';

/**
 * The signatures of every PDF that arrives: read once per content (`file_signature_checks`, by SHA-256)
 * and judged each time they are shown against the trust list as it is then, so a root added later
 * makes yesterday's uploads trusted without anyone uploading them again.
 */

/** PDFs stored before checks existed are read when first listed; no more than this many per answer. */
export const LAZY_CHECKS_PER_REQUEST = 4;

const isPdf = (data: Buffer) => {
  const at = data.indexOf('%PDF-', 0, 'latin1');
  return at >= 0 && at <= 1024;
};

/** A signed PDF names its signed range; one that does not is unsigned, known without parsing it. */
const UNSIGNED: PdfInspection = { signed: false, signatures: [] };

/** Signature reading is bounded in time and memory: a crafted PDF must not hold the server. */
export const INSPECTION_TIME_LIMIT_MS = 20_000;

/**
 * What a PDF's signatures say, read in a worker thread (the office worker, under its memory limit and a
 * time limit): a file naming no /ByteRange is unsigned and is not parsed at all.
 */
export async function inspectPdf(data: Buffer): Promise<PdfInspection> {
  if (data.indexOf('/ByteRange', 0, 'latin1') < 0) return UNSIGNED;
  return readOfficeFile({ kind: 'pdf-signatures', data, timeLimitMs: INSPECTION_TIME_LIMIT_MS });
}

/** What is stored: the inspection as it comes, made plain JSON (its messages, PEMs and numbers). */
const storable = (inspection: PdfInspection): PdfInspection => JSON.parse(JSON.stringify(inspection));

/**
 * Reads a PDF's signatures and stores them beside its content, in the caller's transaction (an upload's).
 * The inspection keeps its own bounds (signatures, revisions, size). Not a PDF, or checked already:
 * nothing to do.
 */
export async function checkFileSignatures(
  tx: DbOrTx,
  sha256: string,
  data: Buffer,
  /** Read already (before a transaction, not to hold it while a worker reads). */
  read?: PdfInspection,
): Promise<void> {
  if (!isPdf(data)) return;
  const [known] = await tx
    .select({ sha256: fileSignatureChecks.sha256 })
    .from(fileSignatureChecks)
    .where(inArray(fileSignatureChecks.sha256, [sha256]));
  if (known) return;
  const result = storable(read ?? (await inspectPdf(data)));
  await tx.insert(fileSignatureChecks).values({ sha256, result }).onConflictDoNothing();
}

const CHANGED_AFTER = msg(
  'Tệp đã bị sửa sau khi ký: phần thêm vào sau chữ ký không chỉ là chữ ký khác.',
  'The file was edited after signing: what was added after the signature is more than other signatures.',
);

/** The signed bytes differ from those signed, or more than signatures was added after. */
const isEdited = (signature: SignatureInspection) =>
  signature.changesAfter === 'other' || signature.reason?.en === INSPECTION_REASONS.digest.en;

/** A file's signatures judged now: each signature's facts and one verdict for the file. */
export function summariseSignatures(
  inspection: PdfInspection,
  trustRootsPem: string[],
  now: Date,
): FileSignatureSummary {
  if (!inspection.signed || inspection.signatures.length === 0)
    return { signed: false, verdict: 'unsigned', brokenBy: null, signatures: [] };
  const trust = evaluateTrust(inspection, trustRootsPem, now);
  const signatures = inspection.signatures.map((signature, index) => {
    const judged = trust[index];
    const trusted = judged?.trusted === true;
    const reason: Msg | null = !signature.intact
      ? (signature.reason ?? msg('Chữ ký không còn nguyên vẹn.', 'The signature is not intact.'))
      : signature.changesAfter === 'other'
        ? CHANGED_AFTER
        : (judged?.reason ?? null);
    return {
      signer: signature.signer,
      organisation: signature.organisation,
      issuer: signature.issuer,
      signedAt: signature.signedAt,
      timestamped: signature.timestamped,
      intact: signature.intact,
      trusted,
      validAtSigningTime: judged?.validAtSigningTime ?? false,
      changesAfter: signature.changesAfter,
      reason: reason ? { vi: reason.vi, en: reason.en } : null,
    };
  });
  const brokenBy = inspection.signatures.some(isEdited)
    ? 'edited'
    : inspection.signatures.some((signature) => !signature.intact)
      ? 'damaged'
      : null;
  const verdict: SignatureVerdict = brokenBy
    ? 'broken'
    : signatures.every((signature) => signature.trusted)
      ? 'valid'
      : 'untrusted';
  return { signed: true, verdict, brokenBy, signatures };
}

const UNCHECKED: FileSignatureSummary = {
  signed: false,
  verdict: 'unchecked',
  brokenBy: null,
  signatures: [],
};

/**
 * The summary of each PDF content asked about, trust judged at `now` against the current trust list.
 * Contents without a check (stored before checks existed) are read and checked here, at most
 * `LAZY_CHECKS_PER_REQUEST` of them; the rest answer `unchecked` until a later answer reads them.
 */
export async function fileSignatureSummaries(
  db: DbOrTx,
  sha256s: string[],
  now: Date,
): Promise<Map<string, FileSignatureSummary>> {
  const wanted = [...new Set(sha256s)];
  const summaries = new Map<string, FileSignatureSummary>();
  if (wanted.length === 0) return summaries;
  const rows = await db
    .select({ sha256: fileSignatureChecks.sha256, result: fileSignatureChecks.result })
    .from(fileSignatureChecks)
    .where(inArray(fileSignatureChecks.sha256, wanted));
  const inspections = new Map(rows.map((row) => [row.sha256, row.result as PdfInspection]));
  const missing = wanted.filter((sha256) => !inspections.has(sha256)).slice(0, LAZY_CHECKS_PER_REQUEST);
  if (missing.length > 0) {
    const contents = await db
      .select({ sha256: blobs.sha256, data: blobs.data })
      .from(blobs)
      .where(inArray(blobs.sha256, missing));
    for (const { sha256, data } of contents) {
      const result = storable(await inspectPdf(data));
      // A derived record of the content, not a change anyone made: nothing to audit.
      await db.insert(fileSignatureChecks).values({ sha256, result }).onConflictDoNothing();
      inspections.set(sha256, result);
    }
  }
  const roots = inspections.size > 0 ? (await readSigningSetting(db)).trustRoots.map((root) => root.pem) : [];
  for (const sha256 of wanted) {
    const inspection = inspections.get(sha256);
    summaries.set(sha256, inspection ? summariseSignatures(inspection, roots, now) : UNCHECKED);
  }
  return summaries;
}

/** The summary of a PDF read but not stored (a plan's source on the import page); null: not a PDF. */
export async function readFileSignatures(
  db: DbOrTx,
  file: { fileName: string; data: Buffer },
  now: Date,
): Promise<FileSignatureSummary | null> {
  if (!file.fileName.toLowerCase().endsWith('.pdf') || !isPdf(file.data)) return null;
  const inspection = await inspectPdf(file.data);
  const roots = (await readSigningSetting(db)).trustRoots.map((root) => root.pem);
  return summariseSignatures(inspection, roots, now);
}
