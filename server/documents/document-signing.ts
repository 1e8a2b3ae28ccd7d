import { eq, sql } from 'drizzle-orm';
import type { PDFPage } from 'pdf-lib';
import { AppError, msg } from '../../core/errors.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { documentSignatures, issuedDocuments } from '../db/schema/index.ts';
import { renderDocument } from '../files/document-render.ts';
import { blobOf, storeBlob } from '../files/evidence.ts';
import { assertContentMatches } from '../files/file-signatures.ts';
import { notify } from '../notifications/notification-service.ts';
import { unitPeople } from '../notifications/recipients.ts';
import { defaultRect } from '../signing/appearance.ts';
import {
  addSignatureField,
  appearanceLines,
  checkSignedReturn,
  type SignatureInspection,
} from '../signing/index.ts';
import { damagedPdf, loadPdf } from '../signing/pdf-update.ts';
import { signPdfInWorker } from '../signing/sign-in-worker.ts';
import { type CertificateKind, signingIdentity } from './certificates.ts';
import { sourceSpec } from './document-sources.ts';
import { holdsOnUnit } from './document-view.ts';
import { checkFileSignatures, inspectPdf } from './file-signatures.ts';
import { assertReadsIssuedDocument, canKeepRegister, type RegisterContext } from './register-access.ts';
import { readSigningSetting } from './signing-settings.ts';

/**
 * An issued document on its way out (Nghị định 30/2020, Phụ lục I): its PDF prepared from the register's
 * particulars, signed by the head with their own certificate, then sealed by the clerk with the unit's —
 * each an incremental update that leaves the earlier signatures valid. Or signed outside Chiso (a USB
 * token, a remote service) on a PDF whose signature field Chiso prepared, and brought back. Each step
 * is audited with the PDF's SHA-256, and the next person is told.
 */
type Document = typeof issuedDocuments.$inferSelect;

const FIELD = 'ChuKySo';

const refused = (vi: string, en: string) => new AppError('CONFLICT', msg(vi, en));

/** The document locked for this step (two clicks, two people: one signs, the other is told). */
async function locked(tx: Tx, id: number): Promise<Document> {
  const result = await tx.execute(sql`select id from issued_documents where id = ${id} for update`);
  if (result.rows.length === 0) throw new AppError('NOT_FOUND');
  const [row] = await tx.select().from(issuedDocuments).where(eq(issuedDocuments.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function assertLive(document: Document) {
  if (document.status === 'void')
    throw refused('Số văn bản này đã hủy: không ký được.', 'This number was voided: it cannot be signed.');
}

async function signaturesOf(tx: DbOrTx, id: number) {
  const rows = await tx
    .select({ kind: documentSignatures.kind, userId: documentSignatures.userId })
    .from(documentSignatures)
    .where(eq(documentSignatures.documentId, id));
  return rows;
}

const nameOf = (document: Document) => `${document.number} “${document.title}”`;

/** Where a PDF made outside Chiso takes its signatures: the bottom right of its last page. */
async function lastPageBox(data: Buffer) {
  let pages: PDFPage[];
  try {
    pages = (await loadPdf(data)).getPages();
  } catch {
    throw damagedPdf('pages');
  }
  const last = pages.at(-1);
  if (!last)
    throw new AppError('VALIDATION_FAILED', msg('Tệp PDF không có trang nào.', 'The PDF has no page.'));
  const { x, y, width, height } = last.getMediaBox();
  return { page: pages.length - 1, ...defaultRect({ x, y, width, height }) };
}

/** The PDF of the register's entry made from its Chiso document, kept as what will be signed. */
export async function prepareDocument(ctx: RegisterContext, id: number) {
  const { document, unitPath } = await assertReadsIssuedDocument(ctx, id);
  if (!canKeepRegister(ctx.user, unitPath)) throw new AppError('FORBIDDEN');
  assertLive(document);
  const spec = await sourceSpec(ctx, document);
  const rendered = await renderDocument(spec, 'pdf');
  const box = rendered.signatureBox ?? (await lastPageBox(rendered.data));
  return keepPrepared(ctx, id, rendered.data, box, 'render');
}

/**
 * A PDF brought for an entry whose document Chiso does not write (made in Word, received): unsigned, it
 * is what will be signed; already signed (outside Chiso), its signatures are checked and recorded.
 */
export async function uploadDocumentPdf(
  ctx: RegisterContext,
  id: number,
  file: { fileName: string; data: Buffer },
) {
  const { document, unitPath } = await assertReadsIssuedDocument(ctx, id);
  if (!canKeepRegister(ctx.user, unitPath)) throw new AppError('FORBIDDEN');
  assertLive(document);
  if (!file.fileName.toLowerCase().endsWith('.pdf'))
    throw new AppError('VALIDATION_FAILED', msg('Cần tệp PDF.', 'A PDF is needed.'));
  assertContentMatches('.pdf', file.data);
  const inspection = await inspectPdf(file.data);
  if (!inspection.signed) return keepPrepared(ctx, id, file.data, await lastPageBox(file.data), 'upload');
  assertIntact(inspection.signatures);
  return mutate(ctx, async (tx, audit) => {
    const current = await locked(tx, id);
    if ((await signaturesOf(tx, id)).length > 0 || current.pdfSha256)
      throw refused(
        'Văn bản đã có bản PDF: bản đã ký phải là bản Chiso đã chuẩn bị (Tải về để ký ngoài).',
        'The document already has its PDF: a signed copy must be the one Chiso prepared (Download to sign outside).',
      );
    const sha256 = await storeBlob(tx, file.data);
    await checkFileSignatures(tx, sha256, file.data, inspection);
    await tx
      .update(issuedDocuments)
      .set({ pdfSha256: sha256, signedPdfSha256: sha256, preparedAt: nowOf(ctx), status: 'signed' })
      .where(eq(issuedDocuments.id, id));
    await recordOutside(ctx, tx, current, inspection.signatures, sha256);
    await audit({
      action: 'document.upload_signed',
      entityType: 'issued_document',
      entityId: id,
      unitId: current.unitId,
      after: { sha256, signatures: inspection.signatures.length },
    });
    return { sha256 };
  });
}

async function keepPrepared(
  ctx: RegisterContext,
  id: number,
  data: Buffer,
  box: { page: number; x: number; y: number; width: number; height: number },
  how: 'render' | 'upload',
) {
  return mutate(ctx, async (tx, audit) => {
    const current = await locked(tx, id);
    assertLive(current);
    if ((await signaturesOf(tx, id)).length > 0)
      throw refused(
        'Văn bản đã được ký: bản PDF không thay được nữa.',
        'The document is signed: its PDF can no longer be replaced.',
      );
    const sha256 = await storeBlob(tx, data);
    await tx
      .update(issuedDocuments)
      .set({ pdfSha256: sha256, signatureBox: box, preparedAt: nowOf(ctx), awaitingSha256: null })
      .where(eq(issuedDocuments.id, id));
    await audit({
      action: 'document.prepare',
      entityType: 'issued_document',
      entityId: id,
      unitId: current.unitId,
      before: { sha256: current.pdfSha256 },
      after: { sha256, how },
    });
    // The unit's head is told there is a document to sign.
    const heads = await unitPeople(tx, [current.unitId], ['unit_head']);
    await notify(tx, {
      userIds: heads.map((person) => person.id).filter((userId) => userId !== ctx.actor.userId),
      kind: 'document.to_sign',
      title: {
        vi: `Văn bản ${nameOf(current)} chờ ký số`,
        en: `Document ${nameOf(current)} awaits your digital signature`,
      },
      body: current.title,
      link: `/documents/${id}`,
      mail: true,
    });
    return { sha256 };
  });
}

function assertIntact(signatures: SignatureInspection[]) {
  const broken = signatures.find((signature) => !signature.intact);
  if (broken)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Chữ ký của ${broken.signer ?? 'người ký'} không hợp lệ: ${broken.reason?.vi ?? 'tệp đã bị sửa sau khi ký'}`,
        `The signature of ${broken.signer ?? 'the signer'} is not valid: ${broken.reason?.en ?? 'the file changed after signing'}`,
      ),
    );
}

/** What a signature of `kind` needs of the document as it is; the PDF it signs. */
function assertSignable(
  document: Document,
  signed: { kind: string; userId: number | null }[],
  kind: CertificateKind,
  userId: number,
): string {
  assertLive(document);
  const sourceSha = document.signedPdfSha256 ?? document.pdfSha256;
  if (!sourceSha)
    throw refused(
      'Chưa có bản PDF để ký: tạo bản PDF trước.',
      'There is no PDF to sign yet: prepare it first.',
    );
  if (signed.some((signature) => signature.kind === 'organisation'))
    throw refused(
      'Văn bản đã đóng dấu số: không ký thêm được.',
      'The document is sealed: nothing more can be signed.',
    );
  if (
    kind === 'person' &&
    signed.some((signature) => signature.kind === 'person' && signature.userId === userId)
  )
    throw refused('Anh/chị đã ký văn bản này.', 'You have signed this document already.');
  if (kind === 'organisation' && signed.length === 0)
    throw refused(
      'Người có thẩm quyền phải ký trước khi đóng dấu số của cơ quan.',
      'The competent person signs before the organisation’s seal is applied.',
    );
  return sourceSha;
}

/** Signed in Chiso: the head's own signature ('person') or the unit's seal ('organisation'). */
export async function signDocument(
  ctx: RegisterContext & { secret: string },
  id: number,
  kind: CertificateKind,
) {
  const { document } = await assertReadsIssuedDocument(ctx, id);
  const permission = kind === 'person' ? 'documents.sign' : 'documents.seal';
  if (!holdsOnUnit(ctx.user.grants, permission, document.unitId))
    throw new AppError(
      'FORBIDDEN',
      kind === 'person'
        ? msg(
            'Chỉ thủ trưởng của đơn vị ban hành ký được văn bản này.',
            'Only a head of the issuing unit signs this document.',
          )
        : msg(
            'Chỉ văn thư của đơn vị ban hành đóng dấu số được văn bản này.',
            'Only a records clerk of the issuing unit seals this document.',
          ),
    );
  const now = nowOf(ctx);
  const loaded = await signingIdentity(
    ctx.db,
    ctx.secret,
    document.unitId,
    kind,
    kind === 'person' ? ctx.user.userId : null,
    now,
  );
  if (!loaded)
    throw refused(
      kind === 'person'
        ? 'Anh/chị chưa có chứng thư số còn hạn trong Chiso: nhờ quản trị viên tải lên, hoặc tải về để ký bằng USB token.'
        : 'Đơn vị chưa có chứng thư số của cơ quan còn hạn trong Chiso: nhờ quản trị viên tải lên.',
      kind === 'person'
        ? 'You have no valid certificate in Chiso: ask an administrator to upload it, or download the document to sign with a USB token.'
        : 'The unit has no valid organisation certificate in Chiso: ask an administrator to upload it.',
    );
  const { tsaUrl } = await readSigningSetting(ctx.db);
  // Checked and signed outside the transaction (signing takes a worker's while); written only if the
  // document is still the one signed.
  const [before] = await ctx.db.select().from(issuedDocuments).where(eq(issuedDocuments.id, id));
  if (!before) throw new AppError('NOT_FOUND');
  const signed = await signaturesOf(ctx.db, id);
  const sourceSha = assertSignable(before, signed, kind, ctx.user.userId);
  const box = before.signatureBox;
  const output = await signPdfInWorker(await blobOf(ctx.db, sourceSha), loaded, {
    signingTime: now,
    reason: kind === 'person' ? 'Ký ban hành văn bản' : 'Đóng dấu số của cơ quan',
    fieldName: `${FIELD}${signed.length + 1}`,
    appearance: {
      ...(box
        ? { page: box.page + 1, rect: { x: box.x, y: box.y, width: box.width, height: box.height } }
        : { rect: 'default' as const }),
      kind,
      ...(loaded.image && { image: loaded.image }),
      lines: appearanceLines(kind, loaded.identity.subject, now),
    },
    ...(tsaUrl && { tsaUrl, onTimestampFailure: 'sign-without' as const }),
  });
  const inspection = await inspectPdf(output);
  return mutate(ctx, async (tx, audit) => {
    const current = await locked(tx, id);
    if ((current.signedPdfSha256 ?? current.pdfSha256) !== sourceSha || current.status === 'void')
      throw refused(
        'Văn bản vừa thay đổi trong lúc ký (có người khác vừa ký hoặc tạo lại bản PDF): mở lại và ký lại.',
        'The document changed while it was being signed (someone signed it or made its PDF again): open it again and sign.',
      );
    const sha256 = await storeBlob(tx, output);
    await checkFileSignatures(tx, sha256, output, inspection);
    const subject = loaded.identity.subject;
    await tx.insert(documentSignatures).values({
      documentId: id,
      kind,
      userId: ctx.user.userId,
      certificateId: loaded.certificateId,
      signerName: subject.commonName ?? loaded.identity.serial,
      organisation: subject.organisation ?? null,
      serial: loaded.identity.serial,
      signedAt: now,
      pdfSha256: sha256,
    });
    await tx
      .update(issuedDocuments)
      .set({ signedPdfSha256: sha256, status: 'signed', awaitingSha256: null })
      .where(eq(issuedDocuments.id, id));
    await audit({
      action: kind === 'person' ? 'document.sign' : 'document.seal',
      entityType: 'issued_document',
      entityId: id,
      unitId: current.unitId,
      before: { sha256: sourceSha },
      after: { sha256, certificateId: loaded.certificateId, serial: loaded.identity.serial },
    });
    await tellNext(ctx, tx, current, kind === 'organisation');
    return { sha256 };
  });
}

/** The next person: after the head, the unit's clerks (to seal); after the seal, whoever numbered it and the heads. */
async function tellNext(ctx: ServiceContext, tx: Tx, document: Document, sealed: boolean) {
  const people = sealed
    ? [
        ...(document.createdBy ? [{ id: document.createdBy }] : []),
        ...(await unitPeople(tx, [document.unitId], ['unit_head'])),
      ]
    : await unitPeople(tx, [document.unitId], ['clerk']);
  await notify(tx, {
    userIds: [...new Set(people.map((person) => person.id))].filter((userId) => userId !== ctx.actor.userId),
    kind: sealed ? 'document.sealed' : 'document.to_seal',
    title: sealed
      ? {
          vi: `Văn bản ${nameOf(document)} đã ký số và đóng dấu số: sẵn sàng phát hành`,
          en: `Document ${nameOf(document)} is signed and sealed: ready to send`,
        }
      : {
          vi: `Văn bản ${nameOf(document)} đã được ký: chờ văn thư đóng dấu số`,
          en: `Document ${nameOf(document)} is signed: awaiting the clerk’s seal`,
        },
    body: document.title,
    link: `/documents/${document.id}`,
    mail: true,
  });
}

/** The PDF with an empty signature field where the signature goes, to sign with a USB token or a remote service. */
export async function prepareOutside(
  ctx: RegisterContext,
  id: number,
): Promise<{ data: Buffer; number: string }> {
  const { document } = await assertReadsIssuedDocument(ctx, id);
  if (
    !holdsOnUnit(ctx.user.grants, 'documents.sign', document.unitId) &&
    !holdsOnUnit(ctx.user.grants, 'documents.seal', document.unitId)
  )
    throw new AppError('FORBIDDEN');
  return mutate(ctx, async (tx, audit) => {
    const current = await locked(tx, id);
    assertLive(current);
    const sourceSha = current.signedPdfSha256 ?? current.pdfSha256;
    if (!sourceSha)
      throw refused(
        'Chưa có bản PDF để ký: tạo bản PDF trước.',
        'There is no PDF to sign yet: prepare it first.',
      );
    if (current.awaitingSha256)
      return { data: await blobOf(tx, current.awaitingSha256), number: current.number };
    const signed = await signaturesOf(tx, id);
    const box = current.signatureBox;
    const source = await blobOf(tx, sourceSha);
    const at = box ?? (await lastPageBox(source));
    const data = await addSignatureField(source, {
      page: at.page + 1,
      rect: { x: at.x, y: at.y, width: at.width, height: at.height },
      name: `${FIELD}${signed.length + 1}`,
    });
    const sha256 = await storeBlob(tx, data);
    await tx.update(issuedDocuments).set({ awaitingSha256: sha256 }).where(eq(issuedDocuments.id, id));
    await audit({
      action: 'document.prepare_outside',
      entityType: 'issued_document',
      entityId: id,
      unitId: current.unitId,
      after: { sha256 },
    });
    return { data, number: current.number };
  });
}

/** The document signed outside, brought back: the same document Chiso prepared, its new signatures intact. */
export async function returnSigned(
  ctx: RegisterContext,
  id: number,
  file: { fileName: string; data: Buffer },
) {
  const { document } = await assertReadsIssuedDocument(ctx, id);
  if (
    !holdsOnUnit(ctx.user.grants, 'documents.sign', document.unitId) &&
    !holdsOnUnit(ctx.user.grants, 'documents.seal', document.unitId)
  )
    throw new AppError('FORBIDDEN');
  assertContentMatches('.pdf', file.data);
  if (!document.awaitingSha256)
    throw refused(
      'Văn bản chưa được tải về để ký ngoài: tải về trước, ký, rồi tải lên bản đã ký.',
      'The document was not downloaded to sign outside: download it, sign it, then upload the signed copy.',
    );
  const prepared = await blobOf(ctx.db, document.awaitingSha256);
  const check = await checkSignedReturn(prepared, file.data);
  if (!check.ok) throw new AppError('VALIDATION_FAILED', check.reason);
  const inspection = await inspectPdf(file.data);
  const added = inspection.signatures.filter(
    (signature) => (signature.byteRange.at(-2) ?? 0) >= prepared.length,
  );
  assertIntact(added);
  return mutate(ctx, async (tx, audit) => {
    const current = await locked(tx, id);
    if (current.awaitingSha256 !== document.awaitingSha256)
      throw refused(
        'Văn bản vừa thay đổi: tải về lại để ký.',
        'The document just changed: download it again to sign.',
      );
    const sha256 = await storeBlob(tx, file.data);
    await checkFileSignatures(tx, sha256, file.data, inspection);
    await recordOutside(ctx, tx, current, added, sha256);
    await tx
      .update(issuedDocuments)
      .set({ signedPdfSha256: sha256, status: 'signed', awaitingSha256: null })
      .where(eq(issuedDocuments.id, id));
    await audit({
      action: 'document.return_signed',
      entityType: 'issued_document',
      entityId: id,
      unitId: current.unitId,
      before: { sha256: current.signedPdfSha256 ?? current.pdfSha256 },
      after: { sha256, signers: added.map((signature) => signature.signer) },
    });
    const signed = await signaturesOf(tx, id);
    await tellNext(
      ctx,
      tx,
      current,
      signed.some((signature) => signature.kind === 'organisation'),
    );
    return { sha256 };
  });
}

async function recordOutside(
  ctx: RegisterContext,
  tx: Tx,
  document: Document,
  signatures: SignatureInspection[],
  sha256: string,
) {
  for (const signature of signatures)
    await tx.insert(documentSignatures).values({
      documentId: document.id,
      kind: 'outside',
      userId: ctx.user.userId,
      signerName: signature.signer ?? signature.serial ?? '',
      organisation: signature.organisation,
      serial: signature.serial ?? '',
      signedAt: signature.signedAt ? new Date(signature.signedAt) : nowOf(ctx),
      pdfSha256: sha256,
    });
}

/** The document as it stands (signed if it is), for download. */
export async function currentPdf(
  ctx: RegisterContext,
  id: number,
): Promise<{ data: Buffer; number: string; signed: boolean }> {
  const { document } = await assertReadsIssuedDocument(ctx, id);
  const sha = document.signedPdfSha256 ?? document.pdfSha256;
  if (!sha) throw new AppError('NOT_FOUND', msg('Văn bản chưa có bản PDF.', 'The document has no PDF yet.'));
  return {
    data: await blobOf(ctx.db, sha),
    number: document.number,
    signed: document.signedPdfSha256 !== null,
  };
}

/** The PDF handed out to be signed outside, as it was handed out. */
export async function awaitingPdf(
  ctx: RegisterContext,
  id: number,
): Promise<{ data: Buffer; number: string }> {
  const { document } = await assertReadsIssuedDocument(ctx, id);
  if (!document.awaitingSha256)
    throw new AppError(
      'NOT_FOUND',
      msg('Văn bản chưa được chuẩn bị để ký ngoài.', 'The document was not prepared to sign outside.'),
    );
  return { data: await blobOf(ctx.db, document.awaitingSha256), number: document.number };
}
