import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfsigValidations, poppler } from '../test/poppler.ts';
import { samplePdf, samplePng, startTsa, testPki } from '../test/signing-fixtures.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { appendRevision, openForUpdate } from './pdf-update.ts';
import { signPdf } from './sign-pdf.ts';

const SIGNED_AT = new Date('2026-12-06T03:15:30Z');

const personAppearance = async () => ({
  rect: 'default' as const,
  kind: 'person' as const,
  image: await samplePng('#1030c0'),
  lines: ['Ký bởi: Nguyễn Văn A', 'Thời gian: 06/12/2026 10:15:30 +07:00'],
});

describe.each([
  ['a classic xref table', false],
  ['an xref stream and object streams', true],
])('signing a PDF with %s', (_, objectStreams) => {
  it('appends an incremental update that pdfsig finds valid and we find intact; one byte changed breaks both', async () => {
    const original = await samplePdf({ objectStreams });
    const signed = await signPdf(original, {
      identity: testPki().identity,
      signingTime: SIGNED_AT,
      reason: 'Phê duyệt kế hoạch',
      location: 'Hưng Yên',
      appearance: await personAppearance(),
    });
    expect(signed.subarray(0, original.length).equals(original)).toBe(true);
    expect(await pdfsigValidations(signed)).toEqual(['Signature is Valid.']);
    const pdfsig = await poppler('pdfsig', ['-nocert'], signed);
    expect(pdfsig).toContain('- Signer Certificate Common Name: Nguyễn Văn A');
    expect(pdfsig).toContain('- Signature Type: ETSI.CAdES.detached');
    expect(pdfsig).toContain('- Total document signed');

    const inspection = await inspectPdfSignatures(signed);
    expect(inspection.signed).toBe(true);
    expect(inspection.signatures).toHaveLength(1);
    const [signature] = inspection.signatures;
    expect(signature).toMatchObject({
      fieldName: 'Signature1',
      signer: 'Nguyễn Văn A',
      organisation: 'UBND tỉnh Hưng Yên',
      serial: '1A2B3C',
      issuer: 'Chiso Test Root CA',
      subFilter: 'ETSI.CAdES.detached',
      signedAt: '2026-12-06T10:15:30+07:00',
      timestamped: false,
      intact: true,
      reason: null,
      coversWholeFile: true,
      changesAfter: 'none',
      reasonText: 'Phê duyệt kế hoạch',
      location: 'Hưng Yên',
    });
    expect(signature?.certificates).toEqual([
      testPki().leafPem.replace(/\r\n/g, '\n'),
      testPki().caPem.replace(/\r\n/g, '\n'),
    ]);

    // One byte of the page size, inside the first signed range.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('595.28', 0, 'latin1');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(signature?.byteRange[1] as number);
    tampered[at] = '6'.charCodeAt(0);
    expect(await pdfsigValidations(tampered)).toEqual(['Digest Mismatch.']);
    const broken = (await inspectPdfSignatures(tampered)).signatures[0];
    expect(broken?.intact).toBe(false);
    expect(broken?.reason?.en).toBe(
      'The file content was changed after signing (the digest does not match).',
    );
  });

  it('adds a second signature (an organisation after a person) that leaves the first valid', async () => {
    const { identity } = testPki();
    const first = await signPdf(await samplePdf({ objectStreams }), {
      identity,
      signingTime: SIGNED_AT,
      appearance: await personAppearance(),
    });
    const second = await signPdf(first, {
      identity,
      signingTime: new Date('2026-12-06T03:20:00Z'),
      appearance: {
        rect: { x: 72, y: 120, width: 220, height: 72 },
        kind: 'organisation',
        image: await samplePng('#d00000'),
        lines: ['UBND tỉnh Hưng Yên', '2026-12-06T10:20:00+07:00'],
      },
    });
    expect(second.subarray(0, first.length).equals(first)).toBe(true);
    expect(await pdfsigValidations(second)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const { signatures } = await inspectPdfSignatures(second);
    expect(
      signatures.map((item) => [item.fieldName, item.intact, item.coversWholeFile, item.changesAfter]),
    ).toEqual([
      ['Signature1', true, false, 'signatures-only'],
      ['Signature2', true, true, 'none'],
    ]);
  });

  it('tells an unrelated edit after signing apart from a signature', async () => {
    const signed = await signPdf(await samplePdf({ objectStreams }), {
      identity: testPki().identity,
      signingTime: SIGNED_AT,
    });
    const update = await openForUpdate(signed);
    const font = await update.doc.embedFont(StandardFonts.Helvetica);
    update.doc.getPage(0).drawText('Sua sau khi ky', { x: 72, y: 700, size: 12, font });
    await update.doc.flush();
    const edited = appendRevision(update).bytes;
    const [signature] = (await inspectPdfSignatures(edited)).signatures;
    expect(signature).toMatchObject({ intact: true, coversWholeFile: false, changesAfter: 'other' });
    expect(await pdfsigValidations(edited)).toEqual(['Signature is Valid.']);
  });
});

describe('a visible signature', () => {
  it('draws Vietnamese text in the embedded Liberation Sans that pdftotext reads back', async () => {
    const signed = await signPdf(await samplePdf(), {
      identity: testPki().identity,
      signingTime: SIGNED_AT,
      appearance: {
        rect: 'default',
        kind: 'organisation',
        lines: ['UBND tỉnh Hưng Yên', '2026-12-06T10:15:30+07:00'],
      },
    });
    const text = await poppler('pdftotext', ['-f', '2', '-l', '2', '-layout'], signed);
    expect(text).toContain('UBND tỉnh Hưng Yên');
    expect(text).toContain('2026-12-06T10:15:30+07:00');
    const person = await signPdf(await samplePdf(), {
      identity: testPki().identity,
      signingTime: SIGNED_AT,
      appearance: await personAppearance(),
    });
    expect(await poppler('pdftotext', ['-f', '2', '-l', '2'], person)).toContain('Ký bởi: Nguyễn Văn A');
  });

  it('goes on the page and rectangle asked for, the last page by default', async () => {
    const signed = await signPdf(await samplePdf(), {
      identity: testPki().identity,
      signingTime: SIGNED_AT,
      appearance: {
        page: 1,
        rect: { x: 100, y: 200, width: 150, height: 50 },
        kind: 'person',
        lines: ['Ký bởi: Nguyễn Văn A'],
      },
    });
    const doc = await PDFDocument.load(signed);
    const annots = doc.getPage(0).node.Annots();
    expect(annots?.size()).toBe(1);
    expect(doc.getPage(1).node.Annots()?.size() ?? 0).toBe(0);
    expect(await poppler('pdftotext', ['-f', '1', '-l', '1'], signed)).toContain('Ký bởi: Nguyễn Văn A');
  });
});

describe('a timestamp (PAdES B-T)', () => {
  it('adds the TSA’s token as signature-time-stamp, and signedAt is the TSA’s time', async () => {
    const pki = testPki();
    const tsa = await startTsa(pki.tsa, new Date('2026-12-06T03:16:02Z'));
    try {
      const signed = await signPdf(await samplePdf(), {
        identity: pki.identity,
        signingTime: SIGNED_AT,
        tsaUrl: tsa.url,
      });
      expect(tsa.requests).toBe(1);
      expect(await pdfsigValidations(signed)).toEqual(['Signature is Valid.']);
      const [signature] = (await inspectPdfSignatures(signed)).signatures;
      expect(signature).toMatchObject({
        timestamped: true,
        signedAt: '2026-12-06T10:16:02+07:00',
        intact: true,
      });
    } finally {
      tsa.server.close();
    }
  });

  it('refuses when the TSA cannot be reached, or signs without it when told to', async () => {
    const pki = testPki();
    const tsa = await startTsa(pki.tsa, new Date());
    const url = tsa.url;
    await new Promise((resolve) => tsa.server.close(resolve));
    const pdf = await samplePdf();
    const refusal = await signPdf(pdf, { identity: pki.identity, tsaUrl: url }).catch((error) => error);
    expect(refusal.text.vi).toContain(`Không lấy được dấu thời gian từ máy chủ ${url}`);
    const signed = await signPdf(pdf, {
      identity: pki.identity,
      signingTime: SIGNED_AT,
      tsaUrl: url,
      onTimestampFailure: 'sign-without',
    });
    const [signature] = (await inspectPdfSignatures(signed)).signatures;
    expect(signature).toMatchObject({
      timestamped: false,
      signedAt: '2026-12-06T10:15:30+07:00',
      intact: true,
    });
  });
});
