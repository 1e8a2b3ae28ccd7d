import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Grant, hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { roleGrants, signingCertificates, users } from '../db/schema/index.ts';
import { blobOf, storeBlob } from '../files/evidence.ts';
import { assertContentMatches } from '../files/file-signatures.ts';
import { readPkcs12, type SigningIdentity } from '../signing/pkcs12.ts';
import { assertReadsUnit } from '../units/unit-access.ts';
import { open, openText, seal, sealText } from './secret-box.ts';

/**
 * A unit's signing certificates: the organisation's (its digital seal, applied by the records clerk)
 * and a signer's own (the head's). An administrator of the unit uploads the PKCS#12 with its
 * password; both are sealed with the installation secret and never shown again. A new certificate of
 * the same kind (and person) retires the one before; retired ones stay, named by what they signed.
 */
export type CertificateContext = ServiceContext & { user: { grants: readonly Grant[] } };
export type CertificateKind = 'organisation' | 'person';

const P12_PURPOSE = 'signing-certificate';
const PASSWORD_PURPOSE = 'signing-certificate-password';
const MAX_IMAGE_BYTES = 300 * 1024;

export interface CertificateView {
  id: number;
  unitId: number;
  kind: CertificateKind;
  userId: number | null;
  userName: string | null;
  subjectName: string;
  organisation: string | null;
  serial: string;
  issuerName: string;
  notBefore: string;
  notAfter: string;
  hasImage: boolean;
  retiredAt: string | null;
  /** active: signs; expired: its validity ended; retired: replaced or withdrawn. */
  state: 'active' | 'expired' | 'retired';
}

const notFound = () =>
  new AppError('NOT_FOUND', msg('Không tìm thấy chứng thư số.', 'Signing certificate not found.'));

async function assertManagesUnit(ctx: CertificateContext, unitId: number, db: DbOrTx = ctx.db) {
  const unit = await assertReadsUnit(ctx, unitId, db);
  if (!hasPermissionOn(ctx.user.grants, 'documents.certificates', unit.path)) throw new AppError('FORBIDDEN');
  return unit;
}

function present(
  row: typeof signingCertificates.$inferSelect & { userName: string | null },
  now: Date,
): CertificateView {
  return {
    id: row.id,
    unitId: row.unitId,
    kind: row.kind as CertificateKind,
    userId: row.userId,
    userName: row.userName,
    subjectName: row.subjectName,
    organisation: row.organisation,
    serial: row.serial,
    issuerName: row.issuerName,
    notBefore: row.notBefore.toISOString(),
    notAfter: row.notAfter.toISOString(),
    hasImage: row.imageSha256 !== null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    state: row.retiredAt ? 'retired' : row.notAfter < now ? 'expired' : 'active',
  };
}

const selection = { certificate: signingCertificates, userName: users.fullName };

export async function listCertificates(ctx: CertificateContext, unitId: number): Promise<CertificateView[]> {
  await assertManagesUnit(ctx, unitId);
  const rows = await ctx.db
    .select(selection)
    .from(signingCertificates)
    .leftJoin(users, eq(users.id, signingCertificates.userId))
    .where(eq(signingCertificates.unitId, unitId))
    .orderBy(
      sql`${signingCertificates.retiredAt} is not null`,
      desc(signingCertificates.createdAt),
      desc(signingCertificates.id),
    );
  const now = nowOf(ctx);
  return rows.map((row) => present({ ...row.certificate, userName: row.userName }, now));
}

export interface CertificateUpload {
  kind: CertificateKind;
  userId: number | null;
  p12: Buffer;
  password: string;
}

/** Reads and checks the PKCS#12 (password, key, validity), then stores it sealed in place of the one before. */
export async function uploadCertificate(
  ctx: CertificateContext,
  secret: string,
  unitId: number,
  input: CertificateUpload,
): Promise<CertificateView> {
  const unit = await assertManagesUnit(ctx, unitId);
  if (input.kind === 'person' && input.userId === null)
    throw fieldError('userId', msg('Chọn người ký.', 'Choose the signer.'));
  if (input.kind === 'person' && input.userId !== null) {
    const grants = await ctx.db
      .select({ role: roleGrants.role })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, input.userId), eq(roleGrants.unitId, unitId)));
    if (grants.length === 0)
      throw fieldError(
        'userId',
        msg('Người ký phải là người của đơn vị này.', 'The signer must be one of the unit’s people.'),
      );
  }
  const identity = readPkcs12(input.p12, input.password);
  const now = nowOf(ctx);
  if (identity.notAfter < now)
    throw fieldError(
      'file',
      msg(
        `Chứng thư số đã hết hạn ngày ${formatDateVi(identity.notAfter.toISOString().slice(0, 10))}.`,
        `The certificate expired on ${identity.notAfter.toISOString().slice(0, 10)}.`,
      ),
    );
  const id = await mutate(ctx, async (tx, audit) => {
    const current = await tx
      .select({ id: signingCertificates.id })
      .from(signingCertificates)
      .where(
        and(
          eq(signingCertificates.unitId, unitId),
          eq(signingCertificates.kind, input.kind),
          input.userId === null
            ? isNull(signingCertificates.userId)
            : eq(signingCertificates.userId, input.userId),
          isNull(signingCertificates.retiredAt),
        ),
      );
    for (const row of current) {
      await tx.update(signingCertificates).set({ retiredAt: now }).where(eq(signingCertificates.id, row.id));
      await audit({
        action: 'signing_certificate.retire',
        entityType: 'signing_certificate',
        entityId: row.id,
        unitId,
        after: { reason: 'replaced' },
      });
    }
    const [row] = await tx
      .insert(signingCertificates)
      .values({
        unitId,
        kind: input.kind,
        userId: input.kind === 'person' ? input.userId : null,
        p12Sealed: seal(secret, P12_PURPOSE, input.p12),
        passwordSealed: sealText(secret, PASSWORD_PURPOSE, input.password),
        subjectName: identity.subject.commonName ?? identity.serial,
        organisation: identity.subject.organisation ?? null,
        serial: identity.serial,
        issuerName: identity.issuer.commonName ?? identity.issuer.organisation ?? '',
        notBefore: identity.notBefore,
        notAfter: identity.notAfter,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: signingCertificates.id });
    if (!row) throw new Error('insert returned nothing');
    await audit({
      action: 'signing_certificate.upload',
      entityType: 'signing_certificate',
      entityId: row.id,
      unitId: unit.id,
      after: {
        kind: input.kind,
        userId: input.userId,
        subject: identity.subject.commonName ?? null,
        serial: identity.serial,
        notAfter: identity.notAfter.toISOString(),
      },
    });
    return row.id;
  });
  return certificateView(ctx, id);
}

async function certificateRow(db: DbOrTx, id: number) {
  const [row] = await db
    .select(selection)
    .from(signingCertificates)
    .leftJoin(users, eq(users.id, signingCertificates.userId))
    .where(eq(signingCertificates.id, id));
  if (!row) throw notFound();
  return { ...row.certificate, userName: row.userName };
}

async function certificateView(ctx: CertificateContext, id: number): Promise<CertificateView> {
  return present(await certificateRow(ctx.db, id), nowOf(ctx));
}

async function managedCertificate(ctx: CertificateContext, id: number) {
  const row = await certificateRow(ctx.db, id);
  const unit = await assertReadsUnit(ctx, row.unitId).catch(() => {
    throw notFound();
  });
  if (!hasPermissionOn(ctx.user.grants, 'documents.certificates', unit.path)) throw new AppError('FORBIDDEN');
  return row;
}

/** The seal's image (red) of an organisation's certificate, or the signature's (blue) of a person's: a PNG. */
export async function setCertificateImage(
  ctx: CertificateContext,
  id: number,
  image: { fileName: string; data: Buffer },
): Promise<CertificateView> {
  const row = await managedCertificate(ctx, id);
  if (!image.fileName.toLowerCase().endsWith('.png'))
    throw fieldError(
      'file',
      msg('Ảnh phải là tệp PNG (nền trong suốt).', 'The image must be a PNG (transparent background).'),
    );
  if (image.data.length > MAX_IMAGE_BYTES)
    throw fieldError('file', msg('Ảnh tối đa 300 KB.', 'The image may be 300 KB at most.'));
  assertContentMatches('.png', image.data);
  await mutate(ctx, async (tx, audit) => {
    const sha256 = await storeBlob(tx, image.data);
    await tx.update(signingCertificates).set({ imageSha256: sha256 }).where(eq(signingCertificates.id, id));
    await audit({
      action: 'signing_certificate.image',
      entityType: 'signing_certificate',
      entityId: id,
      unitId: row.unitId,
      before: { image: row.imageSha256 },
      after: { image: sha256 },
    });
  });
  return certificateView(ctx, id);
}

/** Withdraws a certificate: it signs nothing more (documents it signed keep their signatures). */
export async function retireCertificate(ctx: CertificateContext, id: number): Promise<CertificateView> {
  const row = await managedCertificate(ctx, id);
  if (row.retiredAt)
    throw new AppError(
      'CONFLICT',
      msg('Chứng thư này đã thôi dùng.', 'This certificate is already withdrawn.'),
    );
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(signingCertificates)
      .set({ retiredAt: nowOf(ctx) })
      .where(eq(signingCertificates.id, id));
    await audit({
      action: 'signing_certificate.retire',
      entityType: 'signing_certificate',
      entityId: id,
      unitId: row.unitId,
      after: { reason: 'withdrawn' },
    });
  });
  return certificateView(ctx, id);
}

export interface LoadedIdentity {
  certificateId: number;
  identity: SigningIdentity;
  image: Buffer | null;
  /** Opened, for the signing worker to read the key itself. */
  p12: Buffer;
  password: string;
}

/**
 * The certificate a signature is made with: the signer's own for a person's signature, the unit's for
 * the organisation's (never one for the other: a signature names whose key made it). Opened only
 * here, for one signing.
 */
async function usableCertificate(
  db: DbOrTx,
  unitId: number,
  kind: CertificateKind,
  userId: number | null,
  now: Date,
) {
  const active = await db
    .select()
    .from(signingCertificates)
    .where(and(eq(signingCertificates.unitId, unitId), isNull(signingCertificates.retiredAt)))
    .orderBy(desc(signingCertificates.createdAt));
  const usable = active.filter((row) => row.notAfter >= now);
  return kind === 'person'
    ? usable.find((c) => c.kind === 'person' && c.userId === userId)
    : usable.find((c) => c.kind === 'organisation');
}

/** Which certificate a signature would be made with (nothing secret), so the signer knows before confirming. */
export async function signingIdentityFacts(
  db: DbOrTx,
  unitId: number,
  kind: CertificateKind,
  userId: number | null,
  now: Date,
) {
  const row = await usableCertificate(db, unitId, kind, userId, now);
  return row
    ? {
        id: row.id,
        subjectName: row.subjectName,
        organisation: row.organisation,
        issuerName: row.issuerName,
        notAfter: row.notAfter.toISOString(),
        hasImage: row.imageSha256 !== null,
      }
    : null;
}

export async function signingIdentity(
  db: DbOrTx,
  secret: string,
  unitId: number,
  kind: CertificateKind,
  userId: number | null,
  now: Date,
): Promise<LoadedIdentity | null> {
  const row = await usableCertificate(db, unitId, kind, userId, now);
  if (!row) return null;
  const p12 = open(secret, P12_PURPOSE, row.p12Sealed);
  const password = openText(secret, PASSWORD_PURPOSE, row.passwordSealed);
  const identity = readPkcs12(p12, password);
  const image = row.imageSha256 ? await blobOf(db, row.imageSha256) : null;
  return { certificateId: row.id, identity, image, p12, password };
}
