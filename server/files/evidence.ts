import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { FileSignatureSummary } from '../../core/files/signature-views.ts';
import type { Audit } from '../audit/audit-log.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { blobs, evidenceFiles, users } from '../db/schema/index.ts';
import { checkFileSignatures, fileSignatureSummaries } from '../documents/file-signatures.ts';
import { assertContentMatches, safeFileName } from './file-signatures.ts';

/**
 * Evidence files, one way for every record that takes them (a plan's task, a criterion in an
 * assessment round): an allow-list of types, contents stored once by SHA-256, always served as a
 * download with the type decided here, never the uploader's. Callers check who may do what first.
 */
export const EVIDENCE_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
};

/** Whose files: the kind of record and its key ("12" for task 12, "3/41/XA.1.2" for a round's criterion, "7" for the signed copies of report 7, "5" for feedback item 5, "9" for the files of disclosure obligation 9). */
export interface EvidenceOwner {
  type: 'plan_item' | 'round_score' | 'report_signed_copy' | 'feedback' | 'disclosure';
  key: string;
}

export interface EvidenceMeta {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
  /** What its digital signatures say, judged now; null: not a PDF. */
  signature: FileSignatureSummary | null;
}

const columns = {
  id: evidenceFiles.id,
  fileName: evidenceFiles.fileName,
  contentType: evidenceFiles.contentType,
  size: evidenceFiles.size,
  sha256: evidenceFiles.sha256,
  uploadedAt: evidenceFiles.uploadedAt,
  uploadedBy: users.fullName,
};

type Row = Omit<EvidenceMeta, 'uploadedAt' | 'signature'> & { uploadedAt: Date };

const PDF = EVIDENCE_TYPES['.pdf'];

/** The rows with their signatures, judged at `now`: one look-up for the whole list. */
async function present(db: DbOrTx, rows: Row[], now: Date): Promise<EvidenceMeta[]> {
  const summaries = await fileSignatureSummaries(
    db,
    rows.filter((row) => row.contentType === PDF).map((row) => row.sha256),
    now,
  );
  return rows.map((row) => ({
    ...row,
    uploadedAt: row.uploadedAt.toISOString(),
    signature: row.contentType === PDF ? (summaries.get(row.sha256) ?? null) : null,
  }));
}

const ofOwner = (owner: EvidenceOwner) =>
  and(eq(evidenceFiles.ownerType, owner.type), eq(evidenceFiles.ownerKey, owner.key));

/** Stores file contents once, by their SHA-256 (a second copy of the same bytes costs nothing). */
export async function storeBlob(db: DbOrTx, data: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  await db.insert(blobs).values({ sha256, size: data.length, data }).onConflictDoNothing();
  return sha256;
}

/** Contents stored by their SHA-256 (a hash the caller holds from a record that references it). */
export async function blobOf(db: DbOrTx, sha256: string): Promise<Buffer> {
  const [blob] = await db.select({ data: blobs.data }).from(blobs).where(eq(blobs.sha256, sha256));
  if (!blob) throw new Error(`blob ${sha256} is missing`);
  return blob.data;
}

/** Checks the file (type by extension and by content) and stores it inside the caller's transaction, with its audit event. */
export async function attachEvidence(
  tx: Tx,
  audit: Audit,
  owner: EvidenceOwner,
  file: { fileName: string; data: Buffer },
  /** null: a citizen without an account (public feedback). */
  uploadedBy: number | null,
): Promise<number> {
  const fileName = safeFileName(file.fileName);
  const extension = fileName.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
  const contentType = EVIDENCE_TYPES[extension];
  if (!contentType)
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        `Chỉ nhận tệp ${Object.keys(EVIDENCE_TYPES).join(', ')} làm minh chứng.`,
        `Only ${Object.keys(EVIDENCE_TYPES).join(', ')} files are accepted as evidence.`,
      ),
    );
  if (file.data.length === 0) throw fieldError('file', msg('Tệp rỗng.', 'The file is empty.'));
  assertContentMatches(extension, file.data);
  const sha256 = await storeBlob(tx, file.data);
  if (contentType === PDF) await checkFileSignatures(tx, sha256, file.data);
  const [row] = await tx
    .insert(evidenceFiles)
    .values({
      ownerType: owner.type,
      ownerKey: owner.key,
      fileName,
      contentType,
      size: file.data.length,
      sha256,
      uploadedBy,
    })
    .returning({ id: evidenceFiles.id });
  if (!row) throw new Error('evidence insert returned nothing');
  await audit({
    action: 'evidence.add',
    entityType: owner.type,
    entityId: owner.key,
    after: { evidenceId: row.id, fileName, size: file.data.length, sha256 },
  });
  return row.id;
}

/** The owner's files, each with its signatures judged at `now` (the caller's clock). */
export async function listEvidence(db: DbOrTx, owner: EvidenceOwner, now: Date): Promise<EvidenceMeta[]> {
  const rows = await db
    .select(columns)
    .from(evidenceFiles)
    .leftJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .where(ofOwner(owner))
    .orderBy(asc(evidenceFiles.id));
  return present(db, rows, now);
}

export async function evidenceMeta(
  db: DbOrTx,
  owner: EvidenceOwner,
  id: number,
  now: Date,
): Promise<EvidenceMeta> {
  const [row] = await db
    .select(columns)
    .from(evidenceFiles)
    .leftJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .where(and(ofOwner(owner), eq(evidenceFiles.id, id)));
  if (!row) throw new AppError('NOT_FOUND');
  const [meta] = await present(db, [row], now);
  if (!meta) throw new AppError('NOT_FOUND');
  return meta;
}

/** How many files each owner key of one type has. */
export async function evidenceCounts(
  db: DbOrTx,
  type: EvidenceOwner['type'],
  keys: string[],
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ key: evidenceFiles.ownerKey, n: sql<number>`count(*)`.mapWith(Number) })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.ownerType, type), inArray(evidenceFiles.ownerKey, keys)))
    .groupBy(evidenceFiles.ownerKey);
  return new Map(rows.map((row) => [row.key, row.n]));
}

export async function evidenceFile(db: DbOrTx, owner: EvidenceOwner, id: number) {
  const [row] = await db
    .select({ fileName: evidenceFiles.fileName, contentType: evidenceFiles.contentType, data: blobs.data })
    .from(evidenceFiles)
    .innerJoin(blobs, eq(blobs.sha256, evidenceFiles.sha256))
    .where(and(ofOwner(owner), eq(evidenceFiles.id, id)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Detaches a file added by mistake; the audit trail keeps its name, size and hash. */
export async function detachEvidence(tx: Tx, audit: Audit, owner: EvidenceOwner, id: number): Promise<void> {
  const [removed] = await tx
    .delete(evidenceFiles)
    .where(and(ofOwner(owner), eq(evidenceFiles.id, id)))
    .returning({ fileName: evidenceFiles.fileName, size: evidenceFiles.size, sha256: evidenceFiles.sha256 });
  if (!removed) throw new AppError('NOT_FOUND');
  await audit({
    action: 'evidence.remove',
    entityType: owner.type,
    entityId: owner.key,
    before: { evidenceId: id, ...removed },
  });
}
