import { asc, eq } from 'drizzle-orm';
import { type Grant, type Permission, roleHasPermission } from '../../core/auth/roles.ts';
import { nowOf } from '../clock.ts';
import { documentSignatures, users } from '../db/schema/index.ts';
import { signingIdentityFacts } from './certificates.ts';
import { fileSignatureSummaries } from './file-signatures.ts';
import { assertReadsIssuedDocument, type RegisterContext } from './register-access.ts';
import { getIssuedDocument } from './register-queries.ts';

/**
 * Signing is done in one's own unit only: the permission by a grant on the document's unit itself, not
 * by one above it (a coordinator of the province does not sign for a commune, nor its clerk seal).
 */
export function holdsOnUnit(grants: readonly Grant[], permission: Permission, unitId: number): boolean {
  return grants.some((grant) => grant.unitId === unitId && roleHasPermission(grant.role, permission));
}

export interface SignatureView {
  id: number;
  kind: 'person' | 'organisation' | 'outside';
  signerName: string;
  organisation: string | null;
  serial: string;
  signedAt: string;
  byName: string | null;
}

/** The next step of a document on its way out: prepare its PDF, the head signs, the clerk seals. */
export type NextStep = 'prepare' | 'sign' | 'seal' | 'done' | 'void';

export async function documentSigning(ctx: RegisterContext, id: number) {
  const { document } = await assertReadsIssuedDocument(ctx, id);
  const entry = await getIssuedDocument(ctx, id);
  const signatures = await ctx.db
    .select({
      id: documentSignatures.id,
      kind: documentSignatures.kind,
      signerName: documentSignatures.signerName,
      organisation: documentSignatures.organisation,
      serial: documentSignatures.serial,
      signedAt: documentSignatures.signedAt,
      byName: users.fullName,
      userId: documentSignatures.userId,
    })
    .from(documentSignatures)
    .leftJoin(users, eq(users.id, documentSignatures.userId))
    .where(eq(documentSignatures.documentId, id))
    .orderBy(asc(documentSignatures.id));
  const now = nowOf(ctx);
  const current = document.signedPdfSha256 ?? document.pdfSha256;
  // What the PDF itself proves, read once when it was stored and judged against the trust list now.
  const signature = current
    ? ((await fileSignatureSummaries(ctx.db, [current], now)).get(current) ?? null)
    : null;
  const sealed = signatures.some((signature) => signature.kind === 'organisation');
  const personSigned = signatures.some((signature) => signature.kind !== 'organisation');
  const next: NextStep =
    document.status === 'void'
      ? 'void'
      : !document.pdfSha256
        ? 'prepare'
        : !personSigned
          ? 'sign'
          : !sealed
            ? 'seal'
            : 'done';
  const grants = ctx.user.grants;
  const mayPrepare = next === 'prepare' || (next === 'sign' && signatures.length === 0);
  const mySigned = signatures.some(
    (signature) => signature.kind === 'person' && signature.userId === ctx.user.userId,
  );
  const canSign =
    !sealed &&
    next !== 'void' &&
    next !== 'prepare' &&
    !mySigned &&
    holdsOnUnit(grants, 'documents.sign', document.unitId);
  const canSeal = next === 'seal' && holdsOnUnit(grants, 'documents.seal', document.unitId);
  return {
    document: entry,
    preparedAt: document.preparedAt?.toISOString() ?? null,
    awaitingOutside: document.awaitingSha256 !== null,
    signatures: signatures.map(
      ({ userId: _userId, ...signature }): SignatureView => ({
        ...signature,
        kind: signature.kind as SignatureView['kind'],
        signedAt: signature.signedAt.toISOString(),
      }),
    ),
    signature,
    next,
    canPrepare: mayPrepare,
    canSign,
    canSeal,
    /** The certificate Chiso would sign with, so the person knows before confirming. */
    myCertificate: canSign
      ? await signingIdentityFacts(ctx.db, document.unitId, 'person', ctx.user.userId, now)
      : canSeal
        ? await signingIdentityFacts(ctx.db, document.unitId, 'organisation', null, now)
        : null,
  };
}

export type DocumentSigningView = Awaited<ReturnType<typeof documentSigning>>;
