import { createHash, type KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import {
  algorithm,
  child,
  children,
  content,
  contextTag,
  type Der,
  DerError,
  decodeOid,
  decodeTime,
  integer,
  octets,
  oid,
  raw,
  readDer,
  sequence,
  setOf,
  tlv,
} from './der.ts';
import type { CertificateFacts } from './x509.ts';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** Digest algorithms a signature may name, by OID. */
export const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const attribute = (type: string, value: Buffer): Buffer => sequence(oid(type), setOf(value));

export interface CmsSigner {
  key: KeyObject;
  certificate: CertificateFacts;
  /** Certificates embedded besides the signer's (its chain). */
  chain: Buffer[];
}

export interface CmsOptions {
  signer: CmsSigner;
  /** SHA-256 of the content (a PDF's ByteRange, a TSTInfo). */
  digest: Buffer;
  /** Encapsulated content (a TSTInfo); absent for a detached signature. */
  content?: { type: string; bytes: Buffer };
  /** Unsigned attributes once the signature value is known (the signature-time-stamp). */
  unsigned?: (signature: Buffer) => Promise<Buffer[]>;
}

/** CMS SignedData (RFC 5652) with content-type, message-digest and ESS signing-certificate-v2 signed. */
export async function createSignedData(options: CmsOptions): Promise<Buffer> {
  const { signer } = options;
  const contentType = options.content?.type ?? OID.data;
  const essCertId = sequence(
    octets(createHash('sha256').update(signer.certificate.der).digest()),
    sequence(sequence(tlv(0xa4, signer.certificate.issuerDer)), signer.certificate.serialDer),
  );
  const signedAttributes = [
    attribute(OID.contentType, oid(contentType)),
    attribute(OID.messageDigest, octets(options.digest)),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertId))),
  ];
  const signedSet = setOf(...signedAttributes);
  const isEc = signer.key.asymmetricKeyType === 'ec';
  const signature = sign('sha256', signedSet, signer.key);
  const unsigned = options.unsigned ? await options.unsigned(signature) : [];
  const signerInfo = sequence(
    integer(1),
    sequence(signer.certificate.issuerDer, signer.certificate.serialDer),
    algorithm(OID.sha256),
    tlv(0xa0, content(readDer(signedSet))),
    isEc ? algorithm(OID.ecdsaWithSha256, false) : algorithm(OID.rsaEncryption),
    octets(signature),
    ...(unsigned.length > 0 ? [tlv(0xa1, Buffer.concat(unsigned))] : []),
  );
  const encapsulated = options.content
    ? sequence(oid(contentType), contextTag(0, octets(options.content.bytes)))
    : sequence(oid(OID.data));
  const signedData = sequence(
    integer(options.content ? 3 : 1),
    setOf(algorithm(OID.sha256)),
    encapsulated,
    tlv(0xa0, Buffer.concat([signer.certificate.der, ...signer.chain])),
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), contextTag(0, signedData));
}

export { attribute as cmsAttribute };

export interface ParsedCms {
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** The signed attributes re-tagged as SET OF: what the signature covers. */
  signedAttributes: Buffer | null;
  messageDigest: Buffer | null;
  signature: Buffer;
  certificates: Buffer[];
  /** The signer's certificate among them (by issuer and serial), if present. */
  signerCertificate: Buffer | null;
  /** Encapsulated content, if any. */
  content: Buffer | null;
  unsigned: Map<string, Der[]>;
}

function attributes(set: Der): Map<string, Der[]> {
  const map = new Map<string, Der[]>();
  for (const item of children(set)) map.set(decodeOid(child(item, 0)), children(child(item, 1)));
  return map;
}

/** Reads a ContentInfo holding SignedData with one signer; throws DerError when it is not one. */
export function parseSignedData(bytes: Buffer): ParsedCms {
  const info = readDer(bytes);
  if (decodeOid(child(info, 0)) !== OID.signedData) throw new DerError('not SignedData');
  const signedData = child(child(info, 1, 0xa0), 0, 0x30);
  const parts = children(signedData);
  const encapsulated = parts[2];
  let encapsulatedContent: Buffer | null = null;
  if (encapsulated && children(encapsulated)[1]) {
    const wrapped = child(child(encapsulated, 1, 0xa0), 0, 0x04);
    encapsulatedContent = Buffer.from(content(wrapped));
  }
  const certificates = parts
    .filter((part) => part.tag === 0xa0)
    .flatMap((set) => children(set).map((cert) => Buffer.from(raw(cert))));
  const signerInfos = parts[parts.length - 1];
  if (signerInfos?.tag !== 0x31) throw new DerError('no SignerInfos');
  const signerInfo = child(signerInfos, 0, 0x30);
  const fields = children(signerInfo);
  const sid = fields[1];
  if (!sid) throw new DerError('no signer identifier');
  let index = 3;
  let signedAttributes: Buffer | null = null;
  let signed = new Map<string, Der[]>();
  if (fields[index]?.tag === 0xa0) {
    const element = fields[index] as Der;
    signedAttributes = Buffer.concat([Buffer.from([0x31]), raw(element).subarray(1)]);
    signed = attributes(element);
    index++;
  }
  const signatureAlgorithm = decodeOid(child(fields[index] as Der, 0));
  const signatureValue = fields[index + 1];
  if (signatureValue?.tag !== 0x04) throw new DerError('no signature value');
  const unsignedElement = fields[index + 2];
  const digestValue = signed.get(OID.messageDigest)?.[0];
  return {
    digestAlgorithm: decodeOid(child(fields[2] as Der, 0)),
    signatureAlgorithm,
    signedAttributes,
    messageDigest: digestValue ? Buffer.from(content(digestValue)) : null,
    signature: Buffer.from(content(signatureValue)),
    certificates,
    signerCertificate: findSigner(sid, certificates),
    content: encapsulatedContent,
    unsigned: unsignedElement?.tag === 0xa1 ? attributes(unsignedElement) : new Map(),
  };
}

function findSigner(sid: Der, certificates: Buffer[]): Buffer | null {
  if (sid.tag !== 0x30) return certificates[0] ?? null;
  const wanted = raw(sid);
  for (const der of certificates) {
    const tbs = child(readDer(der), 0);
    const fields = children(tbs);
    const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
    const serial = fields[offset];
    const issuer = fields[offset + 2];
    if (serial && issuer && sequence(raw(issuer), raw(serial)).equals(wanted)) return der;
  }
  return null;
}

/** Whether the signer's key signed the signed attributes. */
export function verifySignerSignature(parsed: ParsedCms): boolean {
  const hash = DIGESTS[parsed.digestAlgorithm];
  if (!hash || !parsed.signerCertificate || !parsed.signedAttributes) return false;
  const key = new X509Certificate(parsed.signerCertificate).publicKey;
  return verify(hash, parsed.signedAttributes, key, parsed.signature);
}

export interface TimestampFacts {
  time: Date;
  /** The imprint matches the signature and the TSA's own signature verifies. */
  valid: boolean;
  tsaCertificate: Buffer | null;
}

/** Reads an RFC 3161 TimeStampToken and checks it stamps `signature`. */
export function readTimestamp(token: Buffer, signature: Buffer): TimestampFacts {
  const parsed = parseSignedData(token);
  if (!parsed.content) throw new DerError('timestamp without TSTInfo');
  const tstInfo = readDer(parsed.content);
  const fields = children(tstInfo);
  const imprint = fields[2] as Der;
  const imprintHash = DIGESTS[decodeOid(child(child(imprint, 0), 0))];
  const imprintValue = content(child(imprint, 1, 0x04));
  const genTime = fields.find((field) => field.tag === 0x18);
  if (!genTime) throw new DerError('timestamp without time');
  const contentHash = DIGESTS[parsed.digestAlgorithm];
  const valid =
    imprintHash !== undefined &&
    contentHash !== undefined &&
    createHash(imprintHash).update(signature).digest().equals(imprintValue) &&
    parsed.messageDigest !== null &&
    createHash(contentHash).update(parsed.content).digest().equals(parsed.messageDigest) &&
    verifySignerSignature(parsed);
  return { time: decodeTime(genTime), valid, tsaCertificate: parsed.signerCertificate };
}
