import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Grant } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { Database } from '../db/engine.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';
import { importDossiers } from './dossier-import-service.ts';
import { parseDossierMapping } from './dossier-mapping-service.ts';
import { checkedDossierFormat } from './dossier-readers.ts';

/**
 * `npx chiso dossiers import FILE [--dry-run] [--json] [--mapping JSON|FILE]`: the same import as the web, as the installation
 * itself. Prints the summary (JSON on stdout with --json), progress on stderr; exits 1 when refused.
 */
export async function dossierImportCommand(
  database: Database,
  args: string[],
  grants: readonly Grant[],
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, mapping: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Thiếu đường dẫn tệp: npx chiso dossiers import FILE [--dry-run] [--json] [--mapping JSON|FILE]',
        'Missing file path: npx chiso dossiers import FILE [--dry-run] [--json] [--mapping JSON|FILE]',
      ),
    );
  const ctx = { db: database.db, actor: SYSTEM_ACTOR, ip: null, user: { grants } };
  // A layout mapped once (here or in the web app) is remembered by its headers; --mapping gives one now:
  // JSON text or a .json file, canonical field → the file's header.
  const mappingText = values.mapping?.trim();
  const mapping = mappingText
    ? parseDossierMapping(mappingText.startsWith('{') ? mappingText : readFileSync(mappingText, 'utf8'))
    : undefined;
  let lastReport = 0;
  try {
    const result = await importDossiers(ctx, {
      path: file,
      fileName: basename(file),
      format: await checkedDossierFormat(file, file),
      dryRun: values['dry-run'] ?? false,
      mapping,
      onProgress: ({ rowsRead, phase }) => {
        const now = Date.now();
        if (phase === 'reading' && now - lastReport < 1000) return;
        lastReport = now;
        process.stderr.write(`${phase}: ${rowsRead} dòng\n`);
      },
    });
    const { imported, updated, rejected, rejectedCount, newProcedures, dryRun } = result;
    if (values.json)
      console.log(JSON.stringify({ imported, updated, rejected, rejectedCount, newProcedures, dryRun }));
    else if (rejectedCount === 0)
      console.log(
        `Đã ${dryRun ? 'kiểm tra (chưa ghi)' : 'nhập'}: ${imported} hồ sơ mới, ${updated} cập nhật, ${newProcedures.length} thủ tục mới.`,
      );
    if (rejectedCount > 0) {
      if (!values.json)
        for (const issue of rejected)
          console.error(`  dòng ${issue.line}, cột "${issue.column}": ${issue.reason}`);
      console.error(`Tệp có ${rejectedCount} lỗi; chưa có gì được ghi.`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError && values.json) {
      const rejected = (error.details.rows ?? []).map((row) => ({
        line: row.row,
        column: row.column,
        reason: row.reason.vi,
      }));
      console.log(
        JSON.stringify({
          imported: 0,
          updated: 0,
          rejected: rejected.length > 0 ? rejected : [{ line: 1, column: '', reason: error.message }],
          rejectedCount: Math.max(1, rejected.length),
          newProcedures: [],
        }),
      );
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
