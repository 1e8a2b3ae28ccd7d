import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DossierIssue } from '../../core/dossiers/dossier-rows.ts';
import { AppError, fieldError, inLocale, type Msg, msg } from '../../core/errors.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { CONTENT_TYPES, writeTable } from '../files/tabular.ts';
import { newUploadDir, removeLeftUploads } from '../http/upload-dir.ts';
import { type JobProgress, startJob } from '../jobs/jobs.ts';
import { type DossierImportProgress, importDossiers } from './dossier-import-service.ts';
import {
  type DossierMapping,
  findDossierMappings,
  parseDossierMapping,
  rememberDossierMapping,
  resolveDossierColumns,
} from './dossier-mapping-service.ts';
import { checkedDossierFormat, type DossierFormat, readDossierRows } from './dossier-readers.ts';

/** A year of a province's one-stop data as CSV is around a gigabyte: the upload goes to disk, never to memory. */
export const MAX_DOSSIER_UPLOAD_BYTES = 2 * 1024 ** 3;
interface Upload {
  dir: string;
  path: string;
  fileName: string;
  format: DossierFormat;
  dryRun: boolean;
  mapping: DossierMapping | undefined;
}

/** The multipart parts in any order: the file streamed to a temporary folder, the two text fields kept. */
async function receiveUpload(request: FastifyRequest): Promise<Upload> {
  const dir = newUploadDir();
  try {
    let file: { path: string; fileName: string } | null = null;
    const fields: Record<string, string> = {};
    for await (const part of request.parts({ limits: { fileSize: MAX_DOSSIER_UPLOAD_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        const path = join(dir, `upload${extname(part.filename).toLowerCase().slice(0, 10)}`);
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
        file = { path, fileName: part.filename };
      } else fields[part.fieldname] = String(part.value);
    }
    if (!file) throw fieldError('file', msg('Vui lòng chọn tệp.', 'Choose a file.'));
    const format = await checkedDossierFormat(file.path, file.fileName);
    let mapping: DossierMapping | undefined;
    if (fields.mapping) mapping = parseDossierMapping(fields.mapping);
    if (fields.dryRun !== undefined && !['true', 'false'].includes(fields.dryRun))
      throw fieldError('dryRun', msg('dryRun là "true" hoặc "false".', 'dryRun is "true" or "false".'));
    return { dir, ...file, format, dryRun: fields.dryRun === 'true', mapping };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function headersOf(upload: Upload): Promise<string[]> {
  const stream = createReadStream(upload.path);
  const rows = readDossierRows(stream, upload.format);
  try {
    const first = await rows.next();
    if (first.done)
      throw new AppError(
        'IMPORT_REJECTED',
        msg('Tệp không có dòng tiêu đề.', 'The file has no header row.'),
        { rows: [] },
      );
    return first.value.cells.map((cell) => cell.trim());
  } finally {
    await rows.return(undefined);
    stream.destroy();
  }
}

/** Every refused row as a spreadsheet to work through beside the file (CSV that Excel opens). */
async function refusalList(refusals: readonly DossierIssue[], locale: string) {
  const rows = refusals.map((issue) => [String(issue.line), issue.column, inLocale(issue.reason, locale)]);
  return {
    fileName: 'loi-nhap-ho-so.csv',
    contentType: CONTENT_TYPES.csv,
    data: await writeTable(
      { headers: locale === 'en' ? ['Line', 'Column', 'Reason'] : ['Dòng', 'Cột', 'Lý do'], rows },
      'csv',
    ),
  };
}

const PHASES: Record<DossierImportProgress['phase'], Msg> = {
  reading: msg('Đang đọc', 'Reading'),
  rereading: msg(
    'Có hồ sơ đã nhập trước, đang đọc lại để cập nhật',
    'Some dossiers were imported before: reading again to update',
  ),
  checking: msg('Đang kiểm tra', 'Checking'),
  writing: msg('Đang ghi', 'Writing'),
};

/**
 * Progress as the job shows it (in the language it was started in): kibibytes of the file read out of its size (a 2 GiB file overflows a
 * count of bytes), the rows read in the message. Writes never queue up: the latest value wins, and on
 * the single-connection embedded database they land once the import's transaction lets go.
 */
function jobProgressWriter(progress: JobProgress, locale: string) {
  let latest: DossierImportProgress | null = null;
  let writing: Promise<void> | null = null;
  const drain = async () => {
    while (latest) {
      const current: DossierImportProgress = latest;
      latest = null;
      const phase = PHASES[current.phase];
      const rows = current.rowsRead.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN');
      await progress(
        Math.floor(current.bytesRead / 1024),
        Math.ceil((current.totalBytes ?? 0) / 1024),
        inLocale(msg(`${phase.vi}: đã đọc ${rows} dòng`, `${phase.en}: ${rows} rows read`), locale),
      ).catch(() => {});
    }
    writing = null;
  };
  return {
    push: (value: DossierImportProgress) => {
      latest = value;
      writing ??= drain();
    },
    settled: () => writing ?? Promise.resolve(),
  };
}

export async function dossierRoutes(app: FastifyInstance, { db }: { db: Db }) {
  // Uploads a killed import left behind (its process gone) are removed when the server starts.
  const removed = removeLeftUploads();
  if (removed > 0) app.log.info({ removed }, 'removed upload folders of stopped processes');
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dossiers'];

  api.post(
    '/api/dossiers/imports',
    {
      config: { policy: 'dossiers.import' },
      schema: {
        tags,
        summary:
          'Nhập hồ sơ TTHC từ .csv, .xlsx hoặc .jsonl (tất cả hoặc không, chạy nền); trường dryRun, mapping (JSON)',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      const upload = await receiveUpload(request);
      let started = false;
      try {
        // Checked before the job starts: an unreadable encoding or unmapped layout is answered at once.
        const headers = await headersOf(upload);
        await resolveDossierColumns(ctx, headers, upload.mapping);
        // A dry run saves nothing, a mapping included; a real import keeps it when its author may.
        if (upload.mapping && !upload.dryRun) await rememberDossierMapping(ctx, headers, upload.mapping);
        let jobId = 0;
        jobId = await startJob(
          ctx,
          'dossier-import',
          async (progress) => {
            const writer = jobProgressWriter(progress, ctx.user.locale);
            try {
              let refusals: readonly DossierIssue[] = [];
              const result = await importDossiers(ctx, {
                path: upload.path,
                fileName: upload.fileName,
                format: upload.format,
                dryRun: upload.dryRun,
                mapping: upload.mapping,
                onProgress: writer.push,
                onRefusals: (list) => {
                  refusals = list;
                },
                jobId,
              });
              await writer.settled();
              return {
                result,
                files: refusals.length > 0 ? [await refusalList(refusals, ctx.user.locale)] : [],
              };
            } finally {
              rmSync(upload.dir, { recursive: true, force: true });
            }
            // The file's name and whether it was a check: the person's list of recent imports shows them.
          },
          { fileName: upload.fileName, dryRun: upload.dryRun },
        );
        started = true;
        return reply.status(202).send({ jobId });
      } finally {
        if (!started) rmSync(upload.dir, { recursive: true, force: true });
      }
    },
  );

  api.get(
    '/api/dossier-mappings',
    {
      config: { policy: 'dossiers.import' },
      schema: { tags, summary: 'Các cách ánh xạ cột đã ghi nhớ (theo bộ tiêu đề của tệp)' },
    },
    async (request) => findDossierMappings(contextOf(request, db)),
  );
}
