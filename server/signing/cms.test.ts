import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfsigValidations } from '../test/poppler.ts';
import { samplePdf, startTsa, testPki } from '../test/signing-fixtures.ts';
import { raw, readDer } from './der.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { signPdf } from './sign-pdf.ts';

/** OpenSSL's reading of a signed PDF's CMS, verified against the ByteRange's bytes. */
function opensslView(pdf: Buffer): { printed: string; verified: string } {
  const [a, b, c, d] = (/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(pdf.toString('latin1')) ?? [])
    .slice(1)
    .map(Number) as number[];
  const signature = Buffer.from(pdf.subarray((b as number) + 1, (c as number) - 1).toString('latin1'), 'hex');
  const dir = mkdtempSync(join(tmpdir(), 'chiso-cms-'));
  try {
    writeFileSync(join(dir, 'sig.der'), raw(readDer(signature)));
    writeFileSync(
      join(dir, 'data.bin'),
      Buffer.concat([
        pdf.subarray(a, (a as number) + (b as number)),
        pdf.subarray(c, (c as number) + (d as number)),
      ]),
    );
    writeFileSync(join(dir, 'ca.pem'), testPki().caPem);
    const printed = execFileSync(
      'openssl',
      ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(dir, 'sig.der')],
      { encoding: 'utf8' },
    );
    const verified = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sig.der'),
        '-content',
        join(dir, 'data.bin'),
        '-binary',
        '-CAfile',
        join(dir, 'ca.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { printed, verified };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the CMS inside a signed PDF', () => {
  it('verifies with OpenSSL against the CA and signs content-type, message-digest and signing-certificate-v2, no signing-time', async () => {
    const { printed } = opensslView(await signPdf(await samplePdf(), { identity: testPki().identity }));
    const signedAttributes = printed.slice(
      printed.indexOf('signedAttrs:'),
      printed.indexOf('signatureAlgorithm:', printed.indexOf('signedAttrs:')),
    );
    expect([...signedAttributes.matchAll(/object: (\S+)/g)].map((match) => match[1])).toEqual([
      'contentType',
      'messageDigest',
      'id-smime-aa-signingCertificateV2',
    ]);
    expect(printed).toContain('unsignedAttrs:\n          <ABSENT>');
  });

  it('carries the TSA token as the unsigned signature-time-stamp', async () => {
    const tsa = await startTsa(testPki().tsa, new Date('2026-12-06T03:16:02Z'));
    try {
      const { printed } = opensslView(
        await signPdf(await samplePdf(), { identity: testPki().identity, tsaUrl: tsa.url }),
      );
      expect(printed).toContain('object: id-smime-aa-timeStampToken (1.2.840.113549.1.9.16.2.14)');
    } finally {
      tsa.server.close();
    }
  });
});

describe('signing a PDF that already has a form', () => {
  it('keeps its fields and annotations and adds the signature beside them', async () => {
    const source = await PDFDocument.load(await samplePdf());
    const form = source.getForm();
    form.createTextField('hoTen').addToPage(source.getPage(1), { x: 72, y: 600, width: 200, height: 20 });
    const pdf = Buffer.from(await source.save());
    const signed = await signPdf(pdf, {
      identity: testPki().identity,
      appearance: { rect: 'default', kind: 'person', lines: ['Ký bởi: Nguyễn Văn A'] },
    });
    expect(await pdfsigValidations(signed)).toEqual(['Signature is Valid.']);
    const doc = await PDFDocument.load(signed);
    expect(
      doc
        .getForm()
        .getFields()
        .map((field) => field.getName()),
    ).toEqual(['hoTen', 'Signature1']);
    expect(doc.getPage(1).node.Annots()?.size()).toBe(2);
    expect(doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).get(PDFName.of('SigFlags'))?.toString()).toBe(
      '3',
    );
    expect((await inspectPdfSignatures(signed)).signatures.map((item) => item.intact)).toEqual([true]);
  });
});
