import { X509Certificate } from 'node:crypto';
import { child, children, content, type Der, decodeOid, decodeString, raw, readDer } from './der.ts';

/** A distinguished name's parts by their usual short names (the first of each kind). */
export interface NameParts {
  commonName?: string;
  organisation?: string;
  organisationalUnit?: string;
  country?: string;
  province?: string;
  locality?: string;
  email?: string;
  /** Vietnamese CAs put the tax code (MST) or ID number (CMND/CCCD) here. */
  userId?: string;
}

const NAME_OIDS: Record<string, keyof NameParts> = {
  '2.5.4.3': 'commonName',
  '2.5.4.10': 'organisation',
  '2.5.4.11': 'organisationalUnit',
  '2.5.4.6': 'country',
  '2.5.4.8': 'province',
  '2.5.4.7': 'locality',
  '1.2.840.113549.1.9.1': 'email',
  '0.9.2342.19200300.100.1.1': 'userId',
};

export function nameParts(name: Der): NameParts {
  const parts: NameParts = {};
  for (const rdn of children(name))
    for (const attribute of children(rdn)) {
      const key = NAME_OIDS[decodeOid(child(attribute, 0))];
      if (key && parts[key] === undefined) parts[key] = decodeString(child(attribute, 1));
    }
  return parts;
}

/** What the signing code needs of a certificate, read from its DER. */
export interface CertificateFacts {
  der: Buffer;
  pem: string;
  subject: NameParts;
  issuer: NameParts;
  /** Upper-case hex, no separators. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** The raw DER of the issuer Name and of the serial INTEGER, as CMS's IssuerAndSerialNumber wants them. */
  issuerDer: Buffer;
  serialDer: Buffer;
}

export function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function pemToDer(pem: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => Buffer.from(block.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
}

export function certificateFacts(der: Buffer): CertificateFacts {
  const certificate = readDer(der);
  const tbs = child(certificate, 0, 0x30);
  const fields = children(tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  const subject = fields[offset + 4];
  if (!serial || !issuer || !subject) throw new Error('not a certificate');
  const x509 = new X509Certificate(der);
  return {
    der: Buffer.from(raw(certificate)),
    pem: toPem(Buffer.from(raw(certificate))),
    subject: nameParts(subject),
    issuer: nameParts(issuer),
    serial: content(serial)
      .toString('hex')
      .replace(/^(00)+(?=.)/, '')
      .toUpperCase(),
    notBefore: x509.validFromDate,
    notAfter: x509.validToDate,
    issuerDer: Buffer.from(raw(issuer)),
    serialDer: Buffer.from(raw(serial)),
  };
}
