import type { FileSignatureSummary } from '../../core/files/signature-views.ts';
import { nowOf } from '../clock.ts';
import { readFileSignatures } from '../documents/file-signatures.ts';
import { readDocument } from '../files/documents.ts';
import { assertCanRecognise, ocrProgressMessage, recogniseScan } from '../files/ocr.ts';
import type { SystemTools } from '../files/system-tools.ts';
import { type JobContext, startJob } from '../jobs/jobs.ts';

/** The job kind of a scanned plan being recognised: the person's jobs list shows it on the import page. */
export const PLAN_OCR_JOB = 'plan-ocr';

/** What a recognised scan's job carries when done: the text, previewed the usual way. */
export interface PlanOcrResult {
  text: string;
  pages: number;
}

/**
 * A plan file's text, read at once; or, for a scan, the id of the background job recognising it (checked
 * first: without Tesseract and its Vietnamese model the person is told at once what is missing). A PDF's
 * signatures come with either, judged against the trust list now (null: not a PDF).
 */
export async function readPlanFile(
  ctx: JobContext,
  file: { fileName: string; data: Buffer },
  tools: SystemTools,
): Promise<({ text: string } | { jobId: number }) & { signature: FileSignatureSummary | null }> {
  const reading = await readDocument(file.fileName, file.data, { soffice: tools.soffice });
  const signature = await readFileSignatures(ctx.db, file, nowOf(ctx));
  if ('text' in reading) return { text: reading.text, signature };
  const { scan } = reading;
  await assertCanRecognise(tools.tesseract, scan);
  const total = scan.kind === 'pdf' ? scan.pages : 1;
  const jobId = await startJob(
    ctx,
    PLAN_OCR_JOB,
    async (progress) => {
      const started = performance.now();
      await progress(0, total, ocrProgressMessage(0, total, 0, ctx.user.locale));
      const text = await recogniseScan(tools.tesseract, scan, (done, pages) =>
        progress(done, pages, ocrProgressMessage(done, pages, performance.now() - started, ctx.user.locale)),
      );
      const result: PlanOcrResult = { text, pages: total };
      return { result };
    },
    { fileName: file.fileName, pages: total },
  );
  return { jobId, signature };
}
