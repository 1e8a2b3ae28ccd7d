import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { AppError, msg } from '../../core/errors.ts';
import { type CertificateFacts, certificateFacts, type NameParts } from './x509.ts';

export interface SigningIdentity {
  privateKey: KeyObject;
  /** The signer's certificate (PEM). */
  certificate: string;
  /** The other certificates in the file, issuers first found first (PEM). */
  chain: string[];
  subject: NameParts;
  issuer: NameParts;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** DER of the signer's certificate and of the chain, for the CMS. */
  certificateFacts: CertificateFacts;
  chainDer: Buffer[];
}

const refused = (vi: string, en: string) => new AppError('VALIDATION_FAILED', msg(vi, en));

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, type: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType: type })[type] ?? [];
}

/** DER of a bag's content: forge keeps the ASN.1 when it cannot model the key or certificate (EC). */
function bagDer(bag: forge.pkcs12.Bag, kind: 'key' | 'cert'): Buffer | null {
  let asn1: forge.asn1.Asn1 | undefined;
  if (kind === 'cert') asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
  else asn1 = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  if (!asn1) return null;
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/**
 * Reads a PKCS#12 (.p12/.pfx): OpenSSL 3's default (PBES2, AES-256, SHA-256 MAC) and the legacy
 * 3DES/RC2-40 files Windows and the Vietnamese CAs' token tools export. RSA and EC keys.
 */
export function readPkcs12(bytes: Buffer, password: string): SigningIdentity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/MAC could not be verified|Invalid password|decrypt/i.test(text))
      throw refused(
        'Mật khẩu của tệp chứng thư số (.p12/.pfx) không đúng.',
        'The password of the certificate file (.p12/.pfx) is wrong.',
      );
    throw refused(
      `Không đọc được tệp chứng thư số: tệp không phải PKCS#12 (.p12/.pfx) hoặc dùng thuật toán chưa hỗ trợ (${text}).`,
      `Cannot read the certificate file: it is not PKCS#12 (.p12/.pfx) or uses an unsupported algorithm (${text}).`,
    );
  }
  const keyDers = [
    ...bagsOf(p12, forge.pki.oids.pkcs8ShroudedKeyBag ?? ''),
    ...bagsOf(p12, forge.pki.oids.keyBag ?? ''),
  ]
    .map((bag) => bagDer(bag, 'key'))
    .filter((der): der is Buffer => der !== null);
  if (keyDers.length === 0)
    throw refused(
      'Tệp chứng thư số không chứa khóa bí mật: hãy xuất lại kèm khóa bí mật.',
      'The certificate file holds no private key: export it again with the private key.',
    );
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: keyDers[0] as Buffer, format: 'der', type: 'pkcs8' });
  } catch {
    throw refused(
      'Khóa bí mật trong tệp chứng thư số không đọc được.',
      'The private key in the certificate file cannot be read.',
    );
  }
  if (privateKey.asymmetricKeyType !== 'rsa' && privateKey.asymmetricKeyType !== 'ec')
    throw refused(
      `Chưa hỗ trợ loại khóa ${privateKey.asymmetricKeyType}: chỉ hỗ trợ RSA và EC.`,
      `Key type ${privateKey.asymmetricKeyType} is not supported: only RSA and EC are.`,
    );
  const certificates = bagsOf(p12, forge.pki.oids.certBag ?? '')
    .map((bag) => bagDer(bag, 'cert'))
    .filter((der): der is Buffer => der !== null);
  const signerIndex = certificates.findIndex((der) => new X509Certificate(der).checkPrivateKey(privateKey));
  if (signerIndex < 0)
    throw refused(
      'Tệp chứng thư số không có chứng thư ứng với khóa bí mật.',
      'The certificate file has no certificate matching its private key.',
    );
  const signer = certificateFacts(certificates[signerIndex] as Buffer);
  const chainDer = certificates.filter((_, index) => index !== signerIndex);
  return {
    privateKey,
    certificate: signer.pem,
    chain: chainDer.map((der) => certificateFacts(der).pem),
    subject: signer.subject,
    issuer: signer.issuer,
    serial: signer.serial,
    notBefore: signer.notBefore,
    notAfter: signer.notAfter,
    certificateFacts: signer,
    chainDer,
  };
}
