import { describe, expect, it } from 'vitest';
import { forgePkcs12, makeCa, makeCertificate, samplePdf, testPki } from '../test/signing-fixtures.ts';
import { inspectPdfSignatures } from './inspect.ts';
import { readPkcs12 } from './pkcs12.ts';
import { signPdf } from './sign-pdf.ts';
import { evaluateTrust } from './trust.ts';

const SIGNED_AT = new Date('2026-12-06T03:15:30Z');
const NOW = new Date('2027-01-10T00:00:00Z');

describe('evaluateTrust', () => {
  it('trusts a signature that chains to the given root, and no signature without roots or with another root', async () => {
    const pki = testPki();
    const inspection = await inspectPdfSignatures(
      await signPdf(await samplePdf(), { identity: pki.identity, signingTime: SIGNED_AT }),
    );
    expect(evaluateTrust(inspection, [pki.caPem], NOW)).toEqual([
      { fieldName: 'Signature1', trusted: true, validAtSigningTime: true, reason: null },
    ]);
    const untrusted = {
      fieldName: 'Signature1',
      trusted: false,
      validAtSigningTime: true,
      reason: {
        vi: 'Chứng thư số của người ký không xác thực được tới một tổ chức cung cấp dịch vụ chứng thực tin cậy.',
        en: 'The signer’s certificate does not chain to a trusted certification authority.',
      },
    };
    expect(evaluateTrust(inspection, [pki.otherRootPem], NOW)).toEqual([untrusted]);
    expect(evaluateTrust(inspection, [], NOW)).toEqual([untrusted]);
  });

  it('says a leaf that had expired at signing time was not valid then', async () => {
    const ca = makeCa();
    const expired = makeCertificate({
      subject: [{ shortName: 'CN', value: 'Trần Thị B' }],
      issuer: ca,
      serial: '05',
      notBefore: new Date(Date.UTC(2024, 0, 1)),
      notAfter: new Date(Date.UTC(2025, 5, 1)),
    });
    const identity = readPkcs12(forgePkcs12(expired, [ca], 'mk'), 'mk');
    const inspection = await inspectPdfSignatures(
      await signPdf(await samplePdf(), { identity, signingTime: SIGNED_AT }),
    );
    expect(inspection.signatures[0]?.intact).toBe(true);
    expect(evaluateTrust(inspection, [ca.pem], NOW)).toEqual([
      {
        fieldName: 'Signature1',
        trusted: false,
        validAtSigningTime: false,
        reason: {
          vi: 'Chứng thư số "Trần Thị B" không còn hiệu lực vào thời điểm ký 06/12/2026 10:15:30 +07:00 (hiệu lực 01/01/2024 07:00:00 +07:00 – 01/06/2025 07:00:00 +07:00).',
          en: 'The certificate "Trần Thị B" was not valid at the signing time 2026-12-06T03:15:30.000Z (valid 2024-01-01T00:00:00.000Z – 2025-06-01T00:00:00.000Z).',
        },
      },
    ]);
  });

  it('does not trust a chained signature whose file was changed', async () => {
    const pki = testPki();
    const signed = await signPdf(await samplePdf(), { identity: pki.identity, signingTime: SIGNED_AT });
    signed[signed.indexOf('595.28', 0, 'latin1')] = '6'.charCodeAt(0);
    const [trust] = evaluateTrust(await inspectPdfSignatures(signed), [pki.caPem], NOW);
    expect(trust).toMatchObject({ trusted: false, validAtSigningTime: true });
    expect(trust?.reason?.vi).toBe('Nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp).');
  });
});
