import { describe, expect, it } from 'vitest';
import { samplePdf, testPki } from '../test/signing-fixtures.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { signPdf } from './sign-pdf.ts';

describe('inspectPdfSignatures on bad input', () => {
  it('says an unsigned PDF, garbage and an empty file are not signed', async () => {
    expect(await inspectPdfSignatures(await samplePdf())).toEqual({ signed: false, signatures: [] });
    expect(await inspectPdfSignatures(Buffer.from('%PDF-1.7\n garbage ( << [ \n'))).toEqual({
      signed: false,
      signatures: [],
    });
    expect(await inspectPdfSignatures(Buffer.alloc(0))).toEqual({ signed: false, signatures: [] });
    expect(await inspectPdfSignatures(Buffer.alloc(4096, 0xff))).toEqual({ signed: false, signatures: [] });
    // Junk that names a ByteRange but whose startxref points at no cross-reference section.
    const junk = Buffer.concat([
      Buffer.from('%PDF-1.7\n/ByteRange [0 1 2 3]\n'),
      Buffer.alloc(100_000, 0x28),
      Buffer.from('startxref\n40\n%%EOF\n'),
    ]);
    expect(await inspectPdfSignatures(junk)).toEqual({ signed: false, signatures: [] });
  });

  it('reports a damaged CMS as not intact with a reason, without throwing', async () => {
    const signed = await signPdf(await samplePdf(), { identity: testPki().identity });
    const start = signed.indexOf('/Contents <', 0, 'latin1') + '/Contents <'.length;
    const damaged = Buffer.from(signed);
    damaged.write('3082FFFF0000', start, 'latin1');
    const [signature] = (await inspectPdfSignatures(damaged)).signatures;
    expect(signature).toMatchObject({ intact: false, signer: null });
    expect(signature?.reason?.en).toBe('The signature data (CMS) is damaged or unreadable.');
    const zeroed = Buffer.from(signed);
    zeroed.write('0'.repeat(4000), start, 'latin1');
    expect((await inspectPdfSignatures(zeroed)).signatures[0]?.intact).toBe(false);
  });

  it('reports a ByteRange that does not bracket the signature value', async () => {
    const signed = await signPdf(await samplePdf(), { identity: testPki().identity });
    const at = signed.indexOf('/ByteRange [0 ', 0, 'latin1') + '/ByteRange [0 '.length;
    const moved = Buffer.from(signed);
    moved[at] = moved[at] === 0x31 ? 0x32 : 0x31;
    const [signature] = (await inspectPdfSignatures(moved)).signatures;
    expect(signature?.intact).toBe(false);
    expect(signature?.reason?.en).toBe(
      'The signed range (/ByteRange) is invalid: the signature does not say which part of the file it signs.',
    );
  });
});
