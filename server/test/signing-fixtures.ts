import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { createSignedData, OID } from '../signing/cms.ts';
import { child, generalizedTime, integer, oid, raw, readDer, sequence } from '../signing/der.ts';
import { readPkcs12, type SigningIdentity } from '../signing/pkcs12.ts';

/** Certificates made in the test: an own root CA, a person's leaf, a TSA. */
export interface TestPki {
  caPem: string;
  otherRootPem: string;
  leafPem: string;
  leafKeyPem: string;
  /** PKCS#12 written by node-forge with 3DES (a legacy file). */
  p12: Buffer;
  password: string;
  identity: SigningIdentity;
  tsa: SigningIdentity;
}

function rsaKeys() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { pem, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

interface Made {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  keyPem: string;
  pem: string;
}

export function makeCertificate(options: {
  subject: Array<{ shortName: string; value: string }>;
  issuer?: Made;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  ca?: boolean;
  timestamping?: boolean;
}): Made {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = options.serial;
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  const attributes = options.subject.map((item) => ({
    shortName: item.shortName,
    value: item.value,
    valueTagClass: (item.shortName === 'C'
      ? forge.asn1.Type.PRINTABLESTRING
      : forge.asn1.Type.UTF8) as unknown as forge.asn1.Class,
  }));
  cert.setSubject(attributes);
  cert.setIssuer(options.issuer ? options.issuer.cert.subject.attributes : attributes);
  const extensions: object[] = [{ name: 'basicConstraints', cA: options.ca ?? false, critical: true }];
  extensions.push(
    options.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
  );
  if (options.timestamping) extensions.push({ name: 'extKeyUsage', timeStamping: true, critical: true });
  extensions.push({ name: 'subjectKeyIdentifier' });
  cert.setExtensions(extensions);
  cert.sign(options.issuer?.key ?? keys.key, forge.md.sha256.create());
  return { cert, key: keys.key, keyPem: keys.pem, pem: forge.pki.certificateToPem(cert) };
}

export const LEAF_SUBJECT = [
  { shortName: 'C', value: 'VN' },
  { shortName: 'O', value: 'UBND tỉnh Hưng Yên' },
  { shortName: 'CN', value: 'Nguyễn Văn A' },
];

export function makeCa(name = 'Chiso Test Root CA') {
  return makeCertificate({
    subject: [
      { shortName: 'C', value: 'VN' },
      { shortName: 'CN', value: name },
    ],
    serial: '01',
    notBefore: new Date(Date.UTC(2024, 0, 1)),
    notAfter: new Date(Date.UTC(2034, 0, 1)),
    ca: true,
  });
}

export function forgePkcs12(
  made: Made,
  chain: Made[],
  password: string,
  algorithm: '3des' | 'aes256' = '3des',
): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(made.key, [made.cert, ...chain.map((item) => item.cert)], password, {
    algorithm,
    friendlyName: 'test',
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** `openssl pkcs12 -export` of the leaf and the CA, with extra flags (e.g. -legacy). */
export function opensslPkcs12(leaf: Made, ca: Made, password: string, flags: string[] = []): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-p12-'));
  try {
    writeFileSync(join(dir, 'leaf.pem'), leaf.pem);
    writeFileSync(join(dir, 'key.pem'), leaf.keyPem);
    writeFileSync(join(dir, 'ca.pem'), ca.pem);
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      join(dir, 'leaf.pem'),
      '-inkey',
      join(dir, 'key.pem'),
      '-certfile',
      join(dir, 'ca.pem'),
      '-out',
      join(dir, 'out.p12'),
      '-passout',
      `pass:${password}`,
      ...flags,
    ]);
    return readFileSync(join(dir, 'out.p12'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nguyễn Văn A's identity (valid 2025–2030) under a new root CA named `caName`. */
export function identityUnder(caName: string): SigningIdentity {
  const ca = makeCa(caName);
  const leaf = makeCertificate({
    subject: LEAF_SUBJECT,
    issuer: ca,
    serial: '5e',
    notBefore: new Date(Date.UTC(2025, 0, 1)),
    notAfter: new Date(Date.UTC(2030, 0, 1)),
  });
  return readPkcs12(forgePkcs12(leaf, [ca], 'x'), 'x');
}

let cached: TestPki | null = null;

export function testPki(): TestPki {
  if (cached) return cached;
  const ca = makeCa();
  const otherRoot = makeCa('Another Root CA');
  const leaf = makeCertificate({
    subject: LEAF_SUBJECT,
    issuer: ca,
    serial: '1a2b3c',
    notBefore: new Date(Date.UTC(2025, 0, 1)),
    notAfter: new Date(Date.UTC(2030, 0, 1)),
  });
  const tsaCert = makeCertificate({
    subject: [{ shortName: 'CN', value: 'Chiso Test TSA' }],
    issuer: ca,
    serial: '7757',
    notBefore: new Date(Date.UTC(2025, 0, 1)),
    notAfter: new Date(Date.UTC(2030, 0, 1)),
    timestamping: true,
  });
  const password = 'mật-khẩu 1';
  const p12 = forgePkcs12(leaf, [ca], password);
  cached = {
    caPem: ca.pem,
    otherRootPem: otherRoot.pem,
    leafPem: leaf.pem,
    leafKeyPem: leaf.keyPem,
    p12,
    password,
    identity: readPkcs12(p12, password),
    tsa: readPkcs12(forgePkcs12(tsaCert, [ca], 'tsa'), 'tsa'),
  };
  return cached;
}

/** A PDF made with pdf-lib: two pages of text; with object and xref streams when asked. */
export async function samplePdf(options: { objectStreams?: boolean } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of ['Ke hoach cai cach hanh chinh 2026', 'Trang cuoi: noi ky']) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(text, { x: 72, y: 760, size: 14, font });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: options.objectStreams ?? false }));
}

/** A transparent PNG in `color` (#rrggbb), drawn as a QR code: something to see in the box. */
export async function samplePng(color: string): Promise<Buffer> {
  return QRCode.toBuffer('Chữ ký', {
    color: { dark: `${color}ff`, light: '#00000000' },
    margin: 0,
    scale: 4,
  });
}

/** An RFC 3161 timestamp server on 127.0.0.1 that stamps every request at `time`. */
export async function startTsa(
  identity: SigningIdentity,
  time: Date,
): Promise<{ url: string; server: Server; requests: number }> {
  const state = { requests: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      state.requests++;
      const body = Buffer.concat(chunks);
      const timeStampReq = readDer(body);
      const imprint = raw(child(timeStampReq, 1));
      const nonce = raw(child(timeStampReq, 2));
      const tstInfo = sequence(
        integer(1),
        oid('1.2.3.4.1'),
        imprint,
        integer(4242),
        generalizedTime(time),
        nonce,
      );
      const token = await createSignedData({
        signer: { key: identity.privateKey, certificate: identity.certificateFacts, chain: [] },
        digest: createHash('sha256').update(tstInfo).digest(),
        content: { type: OID.tstInfo, bytes: tstInfo },
      });
      response.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      response.end(sequence(sequence(integer(0)), token));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/tsa`,
    server,
    get requests() {
      return state.requests;
    },
  };
}
