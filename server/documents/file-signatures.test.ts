import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { eq, inArray } from 'drizzle-orm';
import { StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSignatureSummary } from '../../core/files/signature-views.ts';
import { ensureHeader } from '../../core/plans/corpus/header.ts';
import { fixedClock } from '../clock.ts';
import { blobs, evidenceFiles, fileSignatureChecks } from '../db/schema/index.ts';
import { inspectPdfSignatures, type SigningIdentity, signPdf } from '../signing/index.ts';
import { appendRevision, openForUpdate } from '../signing/pdf-update.ts';
import { buildPlan, buildReport, buildRound, COMMUNE_A, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { planTextToPdf } from '../test/plan-pdf.ts';
import { identityUnder, samplePdf, testPki } from '../test/signing-fixtures.ts';
import { LAZY_CHECKS_PER_REQUEST, summariseSignatures } from './file-signatures.ts';

const SIGNED_AT = new Date('2026-03-10T03:15:30Z');
const NOT_TRUSTED = {
  vi: 'Chứng thư số của người ký không xác thực được tới một tổ chức cung cấp dịch vụ chứng thực tin cậy.',
  en: 'The signer’s certificate does not chain to a trusted certification authority.',
};
const DIGEST = {
  vi: 'Nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp).',
  en: 'The file content was changed after signing (the digest does not match).',
};

/** Nguyễn Văn A's signature as listed, trusted or not (the test's CA on the trust list or not). */
const signatureOf = (trusted: boolean, issuer = 'Chiso Test Root CA') => ({
  signer: 'Nguyễn Văn A',
  organisation: 'UBND tỉnh Hưng Yên',
  issuer,
  signedAt: '2026-03-10T10:15:30+07:00',
  timestamped: false,
  intact: true,
  trusted,
  validAtSigningTime: true,
  changesAfter: 'none',
  reason: trusted ? null : NOT_TRUSTED,
});

let other: SigningIdentity | null = null;
/** Nguyễn Văn A under a CA of its own that no test puts on the trust list. */
function untrustedIdentity(): SigningIdentity {
  other ??= identityUnder('Chiso Untrusted CA');
  return other;
}

const signed = async (identity: SigningIdentity, title = 'Biên bản') =>
  signPdf(await samplePdf(), { identity, signingTime: SIGNED_AT, reason: title });

interface Listed {
  fileName: string;
  signature: FileSignatureSummary | null;
}

describe('signatures of the PDFs that arrive, judged when listed', () => {
  let t: TestApp;
  let coordinator: Session;
  beforeAll(async () => {
    t = await createTestApp({ now: fixedClock('2026-03-18T03:00:00Z') });
    coordinator = await signInAs(t, 'coordinator', '33');
  });
  afterAll(() => t.close());

  /** A task led by the Department of Home Affairs, and one of its reporters. */
  const taskEvidence = async () => {
    const plan = await buildPlan(t, { author: coordinator, tasks: 1, leadCode: '33.SNV' });
    const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
    return { reporter, url: `/api/plans/${plan.id}/items/${taskOf(plan, '1').id}/evidence` };
  };
  const list = async (session: Session, url: string): Promise<Listed[]> => {
    const response = await session.request('GET', url);
    expect(response.status, response.body).toBe(200);
    return response.json;
  };

  it('a signed task report is untrusted until its CA is on the trust list, then valid without a new upload', async () => {
    const { reporter, url } = await taskEvidence();
    const added = await reporter.upload(url, 'bien-ban-ky-so.pdf', await signed(testPki().identity));
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    expect(added.json.signature).toEqual({
      signed: true,
      verdict: 'untrusted',
      brokenBy: null,
      signatures: [signatureOf(false)],
    });
    expect((await list(coordinator, url))[0]?.signature).toEqual({
      signed: true,
      verdict: 'untrusted',
      brokenBy: null,
      signatures: [signatureOf(false)],
    });

    const admin = await signInAs(t, 'admin', null);
    const settings = await admin.request('GET', '/api/signing/settings');
    const trusted = await admin.upload(
      `/api/signing/trust?version=${settings.json.version}`,
      'goc.pem',
      Buffer.from(testPki().caPem),
    );
    expect(trusted.status, JSON.stringify(trusted.json)).toBe(200);
    try {
      expect((await list(coordinator, url))[0]?.signature).toEqual({
        signed: true,
        verdict: 'valid',
        brokenBy: null,
        signatures: [signatureOf(true)],
      });
      // One check per content: read when uploaded, judged again each time it is listed.
      expect(
        await t.database.db
          .select()
          .from(fileSignatureChecks)
          .where(eq(fileSignatureChecks.sha256, added.json.sha256)),
      ).toHaveLength(1);
    } finally {
      const removed = await admin.request(
        'DELETE',
        `/api/signing/trust/${encodeURIComponent(trusted.json.trustRoots[0].fingerprint256)}?version=${trusted.json.version}`,
      );
      expect(removed.status).toBe(200);
    }
    expect((await list(coordinator, url))[0]?.signature?.verdict).toBe('untrusted');
  });

  it('a byte changed inside the signed range breaks it, with the reason; an unsigned PDF and a .docx say so', async () => {
    const { reporter, url } = await taskEvidence();
    const tampered = await signed(untrustedIdentity(), 'Sửa sau khi ký');
    const at = tampered.indexOf('595.28', 0, 'latin1');
    tampered[at] = '6'.charCodeAt(0);
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Biên bản')] }] }),
    );
    expect((await reporter.upload(url, 'da-sua.pdf', tampered)).status).toBe(201);
    expect((await reporter.upload(url, 'chua-ky.pdf', await samplePdf())).status).toBe(201);
    expect((await reporter.upload(url, 'bien-ban.docx', docx)).status).toBe(201);
    expect(await list(coordinator, url)).toMatchObject([
      {
        fileName: 'da-sua.pdf',
        signature: {
          signed: true,
          verdict: 'broken',
          brokenBy: 'edited',
          signatures: [
            {
              ...signatureOf(false, 'Chiso Untrusted CA'),
              intact: false,
              reason: DIGEST,
            },
          ],
        },
      },
      {
        fileName: 'chua-ky.pdf',
        signature: { signed: false, verdict: 'unsigned', brokenBy: null, signatures: [] },
      },
      { fileName: 'bien-ban.docx', signature: null },
    ]);
  });

  it('a criterion’s evidence and a report’s signed copy show their signatures too', async () => {
    const round = await buildRound(t, { coordinator });
    const communeId = await unitIdByCode(t.database, COMMUNE_A);
    const communeReporter = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const criterion = `/api/rounds/${round.id}/units/${communeId}/scores/XA.1.1/evidence`;
    const proof = await communeReporter.upload(
      criterion,
      'quyet-dinh.pdf',
      await signed(untrustedIdentity()),
    );
    expect(proof.status, JSON.stringify(proof.json)).toBe(201);
    const expected = {
      signed: true,
      verdict: 'untrusted',
      brokenBy: null,
      signatures: [signatureOf(false, 'Chiso Untrusted CA')],
    };
    expect(proof.json.signature).toEqual(expected);
    expect((await list(coordinator, criterion)).map((file) => file.signature)).toEqual([expected]);

    const report = await buildReport(t, { unitCode: COMMUNE_A, periodCode: '2026Q1' });
    const copies = `/api/reports/${report.id}/signed-copies`;
    const copy = await communeReporter.upload(
      copies,
      'bao-cao-da-ky.pdf',
      await signed(untrustedIdentity(), 'Báo cáo'),
    );
    expect(copy.status, JSON.stringify(copy.json)).toBe(201);
    expect((await list(coordinator, copies)).map((file) => file.signature)).toEqual([expected]);
  });

  it('PDFs stored before checks existed are read when first listed, a few per answer', async () => {
    const { url } = await taskEvidence();
    const itemKey = url.split('/')[5] as string;
    const { db } = t.database;
    const contents = [
      await signed(untrustedIdentity(), 'Lưu từ trước'),
      ...Array.from({ length: LAZY_CHECKS_PER_REQUEST }, (_, index) =>
        Buffer.from(`%PDF-1.4\n% cũ ${index}\n%%EOF\n`),
      ),
    ];
    const sha256s = contents.map((data) => createHash('sha256').update(data).digest('hex'));
    await db
      .insert(blobs)
      .values(contents.map((data, index) => ({ sha256: sha256s[index] as string, size: data.length, data })));
    await db.insert(evidenceFiles).values(
      contents.map((data, index) => ({
        ownerType: 'plan_item',
        ownerKey: itemKey,
        fileName: `cu-${index}.pdf`,
        contentType: 'application/pdf',
        size: data.length,
        sha256: sha256s[index] as string,
        uploadedBy: null,
      })),
    );
    const first = await list(coordinator, url);
    expect(first.map((file) => file.signature?.verdict)).toEqual([
      'untrusted',
      ...Array.from({ length: LAZY_CHECKS_PER_REQUEST - 1 }, () => 'unsigned'),
      'unchecked',
    ]);
    expect(first[0]?.signature?.signatures).toEqual([signatureOf(false, 'Chiso Untrusted CA')]);
    const stored = await db
      .select({ sha256: fileSignatureChecks.sha256 })
      .from(fileSignatureChecks)
      .where(inArray(fileSignatureChecks.sha256, sha256s));
    expect(stored).toHaveLength(LAZY_CHECKS_PER_REQUEST);
    const second = await list(coordinator, url);
    expect(second.map((file) => file.signature?.verdict)).toEqual([
      'untrusted',
      ...Array.from({ length: LAZY_CHECKS_PER_REQUEST }, () => 'unsigned'),
    ]);
  });

  it('a plan’s source on the import page: previews a signed PDF with its signatures, an unsigned one as unsigned, a text file with none', async () => {
    const seed = ensureHeader(
      readFileSync(new URL('../../core/plans/fixtures/hung-yen-papi-2020.txt', import.meta.url), 'utf8'),
      'Ủy ban nhân dân tỉnh Hưng Yên',
    );
    const pdf = await planTextToPdf(seed);
    const signedPlan = await signPdf(pdf, { identity: untrustedIdentity(), signingTime: SIGNED_AT });
    const preview = await coordinator.upload('/api/plans/preview-file', 'ke-hoach-ky-so.pdf', signedPlan);
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json.plan.tasks).toHaveLength(64);
    expect(preview.json.signature).toEqual({
      signed: true,
      verdict: 'untrusted',
      brokenBy: null,
      signatures: [signatureOf(false, 'Chiso Untrusted CA')],
    });
    const unsigned = await coordinator.upload('/api/plans/preview-file', 'ke-hoach.pdf', pdf);
    expect(unsigned.json.signature).toEqual({
      signed: false,
      verdict: 'unsigned',
      brokenBy: null,
      signatures: [],
    });
    const text = await coordinator.upload('/api/plans/preview-file', 'ke-hoach.txt', Buffer.from(seed));
    expect(text.status).toBe(200);
    expect(text.json.signature).toBeNull();
  });
});

describe('summariseSignatures', () => {
  it('calls a signature broken when the file was edited after it, though its bytes are intact', async () => {
    const update = await openForUpdate(await signed(untrustedIdentity()));
    const font = await update.doc.embedFont(StandardFonts.Helvetica);
    update.doc.getPage(0).drawText('Sua sau khi ky', { x: 72, y: 700, size: 12, font });
    await update.doc.flush();
    const edited = appendRevision(update).bytes;
    const summary = summariseSignatures(
      await inspectPdfSignatures(edited),
      [],
      new Date('2026-03-18T03:00:00Z'),
    );
    expect(summary).toEqual({
      signed: true,
      verdict: 'broken',
      brokenBy: 'edited',
      signatures: [
        {
          ...signatureOf(false, 'Chiso Untrusted CA'),
          changesAfter: 'other',
          reason: {
            vi: 'Tệp đã bị sửa sau khi ký: phần thêm vào sau chữ ký không chỉ là chữ ký khác.',
            en: 'The file was edited after signing: what was added after the signature is more than other signatures.',
          },
        },
      ],
    });
  });

  it('calls a signature whose data is damaged broken, the file not edited', async () => {
    const damaged = await signed(untrustedIdentity());
    const [first] = (await inspectPdfSignatures(damaged)).signatures;
    // A hex digit near the end of the CMS in /Contents: inside the signature value (RSA, 256 bytes).
    const start = (first?.byteRange[1] as number) + 1;
    const cmsHex = damaged.subarray(start, start + 8).toString('latin1');
    expect(cmsHex.slice(0, 4)).toBe('3082');
    const at = start + (Number.parseInt(cmsHex.slice(4, 8), 16) + 4) * 2 - 20;
    damaged[at] = damaged[at] === 0x30 ? 0x31 : 0x30;
    const summary = summariseSignatures(
      await inspectPdfSignatures(damaged),
      [],
      new Date('2026-03-18T03:00:00Z'),
    );
    expect(summary).toMatchObject({ signed: true, verdict: 'broken', brokenBy: 'damaged' });
    expect(summary.signatures[0]).toMatchObject({
      intact: false,
      trusted: false,
      reason: {
        vi: 'Chữ ký không khớp với khóa công khai của chứng thư số.',
        en: 'The signature does not verify with the certificate’s public key.',
      },
    });
  });

  it('calls a file valid only when every signature is intact and trusted', async () => {
    const inspection = await inspectPdfSignatures(await signed(testPki().identity));
    const now = new Date('2026-03-18T03:00:00Z');
    expect(summariseSignatures(inspection, [testPki().caPem], now).verdict).toBe('valid');
    expect(summariseSignatures(inspection, [testPki().otherRootPem], now).verdict).toBe('untrusted');
    expect(summariseSignatures({ signed: false, signatures: [] }, [testPki().caPem], now)).toEqual({
      signed: false,
      verdict: 'unsigned',
      brokenBy: null,
      signatures: [],
    });
  });
});
