import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfsigValidations } from '../test/poppler.ts';
import {
  forgePkcs12,
  makeCa,
  makeCertificate,
  opensslPkcs12,
  samplePdf,
  testPki,
} from '../test/signing-fixtures.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { readPkcs12 } from './pkcs12.ts';
import { signPdf } from './sign-pdf.ts';

const ca = makeCa();
const leaf = makeCertificate({
  subject: [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: 'UBND tỉnh Hưng Yên' },
    { shortName: 'CN', value: 'Nguyễn Văn A' },
  ],
  issuer: ca,
  serial: '0a0b',
  notBefore: new Date(Date.UTC(2025, 0, 1)),
  notAfter: new Date(Date.UTC(2030, 0, 1)),
});

const expected = {
  certificate: leaf.pem.replace(/\r\n/g, '\n'),
  chain: [ca.pem.replace(/\r\n/g, '\n')],
  subject: { country: 'VN', organisation: 'UBND tỉnh Hưng Yên', commonName: 'Nguyễn Văn A' },
  issuer: { country: 'VN', commonName: 'Chiso Test Root CA' },
  serial: '0A0B',
  notBefore: new Date(Date.UTC(2025, 0, 1)),
  notAfter: new Date(Date.UTC(2030, 0, 1)),
};

describe('readPkcs12', () => {
  it.each([
    ['OpenSSL 3’s default (PBES2, AES-256-CBC, SHA-256 MAC)', () => opensslPkcs12(leaf, ca, 'mk')],
    [
      'OpenSSL -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)',
      () => opensslPkcs12(leaf, ca, 'mk', ['-legacy']),
    ],
    ['node-forge with 3DES', () => forgePkcs12(leaf, [ca], 'mk', '3des')],
    ['node-forge with AES-256', () => forgePkcs12(leaf, [ca], 'mk', 'aes256')],
  ])('reads %s: the key, the signer’s certificate, its chain and subject', (_, make) => {
    const identity = readPkcs12(make(), 'mk');
    expect(identity).toMatchObject(expected);
    expect(identity.privateKey.asymmetricKeyType).toBe('rsa');
  });

  it('refuses a wrong password, a file that is not PKCS#12 and one without a private key, saying so', () => {
    const p12 = opensslPkcs12(leaf, ca, 'mk');
    expect(() => readPkcs12(p12, 'sai')).toThrow('Mật khẩu của tệp chứng thư số (.p12/.pfx) không đúng.');
    const wrong = (() => {
      try {
        readPkcs12(p12, 'sai');
      } catch (error) {
        return error as { code: string; text: { en: string } };
      }
    })();
    expect(wrong?.code).toBe('VALIDATION_FAILED');
    expect(wrong?.text.en).toBe('The password of the certificate file (.p12/.pfx) is wrong.');
    expect(() => readPkcs12(Buffer.from('không phải p12'), 'mk')).toThrow(/Không đọc được tệp chứng thư số/);
    const dir = mkdtempSync(join(tmpdir(), 'chiso-p12-nokey-'));
    try {
      writeFileSync(join(dir, 'leaf.pem'), leaf.pem);
      execFileSync('openssl', [
        'pkcs12',
        '-export',
        '-nokeys',
        '-in',
        join(dir, 'leaf.pem'),
        '-out',
        join(dir, 'c.p12'),
        '-passout',
        'pass:mk',
      ]);
      expect(() => readPkcs12(readFileSync(join(dir, 'c.p12')), 'mk')).toThrow(
        'Tệp chứng thư số không chứa khóa bí mật: hãy xuất lại kèm khóa bí mật.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads an EC (P-256) key made by OpenSSL, and its signature is valid for pdfsig', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-p12-ec-'));
    try {
      const file = (name: string) => join(dir, name);
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '30',
          '-subj',
          '/CN=EC signer/O=Sở Nội vụ',
          '-utf8',
          '-keyout',
          file('k.pem'),
          '-out',
          file('c.pem'),
        ],
        { stdio: 'ignore' },
      );
      execFileSync('openssl', [
        'pkcs12',
        '-export',
        '-in',
        file('c.pem'),
        '-inkey',
        file('k.pem'),
        '-out',
        file('ec.p12'),
        '-passout',
        'pass:mk',
      ]);
      const identity = readPkcs12(readFileSync(file('ec.p12')), 'mk');
      expect(identity.privateKey.asymmetricKeyType).toBe('ec');
      expect(identity.subject).toEqual({ commonName: 'EC signer', organisation: 'Sở Nội vụ' });
      const signed = await signPdf(await samplePdf(), { identity });
      expect(await pdfsigValidations(signed)).toEqual(['Signature is Valid.']);
      expect((await inspectPdfSignatures(signed)).signatures[0]?.intact).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the test PKI’s identity its subject in Vietnamese', () => {
    expect(testPki().identity.subject.commonName).toBe('Nguyễn Văn A');
  });
});
