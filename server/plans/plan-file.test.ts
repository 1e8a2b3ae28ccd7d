import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureHeader } from '../../core/plans/corpus/header.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';
import { planTextToPdf } from '../test/plan-pdf.ts';
import { scannedPlan, skipOcr } from '../test/scan-plan.ts';

let t: TestApp;
let coordinator: Session;
beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
});
afterAll(() => t.close());

const seed = ensureHeader(
  readFileSync(new URL('../../core/plans/fixtures/hung-yen-papi-2020.txt', import.meta.url), 'utf8'),
  'Ủy ban nhân dân tỉnh Hưng Yên',
);

describe('POST /api/plans/preview-file with PDFs and scans', () => {
  it('previews a PDF with a text layer at once', async () => {
    const response = await coordinator.upload(
      '/api/plans/preview-file',
      'ke-hoach.pdf',
      await planTextToPdf(seed),
    );
    expect(response.status).toBe(200);
    expect(response.json.plan.document).toMatchObject({
      number: '29/KH-UBND',
      issuedOn: '2020-02-27',
      issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
    });
    expect(response.json.plan.tasks).toHaveLength(64);
    expect(response.json.text.split('\n')[0]).toBe('ỦY BAN NHÂN DÂN');
  });

  it('refuses a .pdf that is not one, and a damaged PDF, in words', async () => {
    const fake = await coordinator.upload(
      '/api/plans/preview-file',
      'ke-hoach.pdf',
      Buffer.from('MZ\u0090\u0000'),
    );
    expect(fake.status).toBe(400);
    expect(fake.json.error.code).toBe('UNSUPPORTED_FILE');
    const damaged = await coordinator.upload(
      '/api/plans/preview-file',
      'ke-hoach.pdf',
      Buffer.from('%PDF-1.4\nxx'),
    );
    expect(damaged.status).toBe(400);
    expect(damaged.json.error.message).toBe('Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF).');
  });

  it.skipIf(skipOcr)(
    'recognises a scanned PDF in a background job with pages per minute, whose text previews as any other',
    async () => {
      const { pdf } = await scannedPlan();
      const started = await coordinator.upload('/api/plans/preview-file', 'ke-hoach-quet.pdf', pdf);
      expect(started.status).toBe(202);
      const jobId = started.json.jobId as number;
      const job = await vi.waitFor(
        async () => {
          const { json } = await coordinator.request('GET', `/api/jobs/${jobId}`);
          if (json.status === 'running') throw new Error('still running');
          return json;
        },
        { timeout: 100_000, interval: 100 },
      );
      expect(job).toMatchObject({
        kind: 'plan-ocr',
        status: 'done',
        progress: 1,
        total: 1,
        params: { fileName: 'ke-hoach-quet.pdf', pages: 1 },
      });
      expect(job.message).toMatch(/^Trang 1\/1 — \d+,\d trang\/phút$/);
      // The person's own list of recognitions holds it, so the import page finds it again.
      const listed = await coordinator.request('GET', '/api/jobs?kind=plan-ocr');
      expect(listed.json.map((row: { id: number }) => row.id)).toContain(jobId);
      const preview = await coordinator.request('POST', '/api/plans/preview', { text: job.result.text });
      expect(preview.json.plan.document).toMatchObject({ number: '45/KH-UBND', issuedOn: '2026-03-15' });
    },
    120_000,
  );
});

describe('without Tesseract', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp({ env: { CHISO_TESSERACT: '/khong-co/tesseract' } });
  });
  afterAll(() => bare.close());

  it('answers a scan at once with what is missing and what to do', async () => {
    const { png } = await scannedPlan();
    const session = await signInAs(bare, 'coordinator', '33');
    const refused = await session.upload('/api/plans/preview-file', 'ke-hoach.png', png);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(
      /^Tệp là bản quét \(ảnh, không có lớp chữ\) nhưng máy chủ chưa cài nhận dạng chữ \(Tesseract, gói tesseract-ocr và tesseract-ocr-vie\)\. Hãy nhờ quản trị cài/,
    );
    const jobs = await session.request('GET', '/api/jobs?kind=plan-ocr');
    expect(jobs.json).toEqual([]);
  });
});
