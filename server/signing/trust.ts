import { X509Certificate } from 'node:crypto';
import { type Msg, msg } from '../../core/errors.ts';
import type { PdfInspection, SignatureInspection } from './inspect.ts';
import { viDateTime } from './time.ts';
import { certificateFacts } from './x509.ts';

export interface SignatureTrust {
  fieldName: string;
  /** Chains to one of the roots, every link's signature verified, every certificate valid at signing time. */
  trusted: boolean;
  /** Every certificate of the chain was within its validity at the signing time (else now). */
  validAtSigningTime: boolean;
  reason: Msg | null;
}

const MAX_CHAIN = 10;

const nameOf = (certificate: X509Certificate) =>
  certificateFacts(certificate.raw).subject.commonName ?? certificate.subject;

/** The chain from the signer to a trusted root, or why there is none. */
function chainToRoot(
  signer: X509Certificate,
  embedded: X509Certificate[],
  roots: X509Certificate[],
): X509Certificate[] | null {
  const chain = [signer];
  let current = signer;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (roots.some((root) => root.fingerprint256 === current.fingerprint256)) return chain;
    const root = roots.find(
      (candidate) => current.checkIssued(candidate) && current.verify(candidate.publicKey),
    );
    if (root) return [...chain, root];
    const next = embedded.find(
      (candidate) =>
        candidate.fingerprint256 !== current.fingerprint256 &&
        current.checkIssued(candidate) &&
        current.verify(candidate.publicKey),
    );
    if (!next || chain.some((link) => link.fingerprint256 === next.fingerprint256)) return null;
    chain.push(next);
    current = next;
  }
  return null;
}

function trustOne(signature: SignatureInspection, roots: X509Certificate[], now: Date): SignatureTrust {
  const base = { fieldName: signature.fieldName };
  const [signerPem, ...others] = signature.certificates;
  if (!signerPem)
    return {
      ...base,
      trusted: false,
      validAtSigningTime: false,
      reason: msg(
        'Chữ ký không kèm chứng thư số của người ký.',
        'The signature carries no signer certificate.',
      ),
    };
  const signer = new X509Certificate(signerPem);
  const chain = chainToRoot(
    signer,
    others.map((pem) => new X509Certificate(pem)),
    roots,
  );
  const at = signature.signedAt ? new Date(signature.signedAt) : now;
  const links = chain ?? [signer];
  const expired = links.find((link) => at < link.validFromDate || at > link.validToDate);
  const validAtSigningTime = expired === undefined;
  if (!chain)
    return {
      ...base,
      trusted: false,
      validAtSigningTime,
      reason: msg(
        'Chứng thư số của người ký không xác thực được tới một tổ chức cung cấp dịch vụ chứng thực tin cậy.',
        'The signer’s certificate does not chain to a trusted certification authority.',
      ),
    };
  if (expired)
    return {
      ...base,
      trusted: false,
      validAtSigningTime,
      reason: msg(
        `Chứng thư số "${nameOf(expired)}" không còn hiệu lực vào thời điểm ký ${viDateTime(at)} (hiệu lực ${viDateTime(expired.validFromDate)} – ${viDateTime(expired.validToDate)}).`,
        `The certificate "${nameOf(expired)}" was not valid at the signing time ${at.toISOString()} (valid ${expired.validFromDate.toISOString()} – ${expired.validToDate.toISOString()}).`,
      ),
    };
  if (!signature.intact)
    return {
      ...base,
      trusted: false,
      validAtSigningTime,
      reason: signature.reason ?? msg('Chữ ký không còn nguyên vẹn.', 'The signature is not intact.'),
    };
  return { ...base, trusted: true, validAtSigningTime, reason: null };
}

/**
 * Whether each signature chains to one of `trustRootsPem` (no root is trusted by default). Pure: it
 * reads only its arguments.
 */
export function evaluateTrust(
  inspection: PdfInspection,
  trustRootsPem: string[],
  now: Date,
): SignatureTrust[] {
  const roots = trustRootsPem.flatMap((pem) =>
    (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map(
      (block) => new X509Certificate(block),
    ),
  );
  return inspection.signatures.map((signature) => trustOne(signature, roots, now));
}
