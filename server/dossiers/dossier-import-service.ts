import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { DOSSIER_FIELD_LABELS, type DossierField } from '../../core/dossiers/dossier-fields.ts';
import { type DossierIssue, validateDossierRow } from '../../core/dossiers/dossier-rows.ts';
import { createRollupTally, type RollupTally } from '../../core/dossiers/dossier-tally.ts';
import { AppError } from '../../core/errors.ts';
import { mutate } from '../audit/audit-log.ts';
import { openCopy } from '../db/bulk-copy.ts';
import { sqlState, type Tx } from '../db/engine.ts';
import { procedures, units } from '../db/schema/index.ts';
import { type DossierContext, resolveDossierColumns } from './dossier-mapping-service.ts';
import { type DossierFormat, type FileRow, readDossierRows } from './dossier-readers.ts';
import {
  createStaging,
  DOSSIER_COLUMNS,
  dossierLine,
  mergeRollupDelta,
  repeatedCodes,
  STAGING_COLUMNS,
  type StagedRow,
  stageRollupDelta,
  stagingLine,
  tallyRollupDelta,
  writeDossiers,
} from './dossier-staging.ts';

export interface NewProcedure {
  code: string;
  name: string;
  field: string;
}

/** What an import did (or, on a dry run, would do). `imported` counts new codes, `updated` existing ones. */
export interface DossierImportResult {
  imported: number;
  updated: number;
  /** The first refusals by line (at most MAX_LISTED); `rejectedCount` counts them all. */
  rejected: DossierIssue[];
  rejectedCount: number;
  newProcedures: NewProcedure[];
  dryRun: boolean;
}

export interface DossierImportProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number | null;
  /** `rereading`: the file read a second time, through staging, because it holds stored codes. */
  phase: 'reading' | 'rereading' | 'checking' | 'writing';
}

export interface DossierImportOptions {
  /** The file, on disk: a file whose codes turn out to be stored already is read a second time. */
  path: string;
  /** The name the audit records (an upload's own name); the file's name by default. */
  fileName?: string;
  format: DossierFormat;
  dryRun: boolean;
  /** Canonical field → the file's header, for a layout that is not recognised. */
  mapping?: Partial<Record<DossierField, string>>;
  /** Called as rows land; never awaited, so it must not hold the import up. */
  onProgress?: (progress: DossierImportProgress) => void;
  /** Set by the routes: the job whose import this is (recorded on procedures it brings in). */
  jobId?: number;
  /** Given every refusal of a refused file by line (at most MAX_KEPT), for a list to download. */
  onRefusals?: (refusals: readonly DossierIssue[]) => void;
}

const FLUSH_ROWS = 1000;
const MAX_LISTED = 1000;
// Kept for the list to download: a few megabytes at most, however many rows a file gets wrong.
const MAX_KEPT = 100_000;

/** Thrown inside the transaction to roll it back (refused file, or a dry run) with the summary. */
class RolledBack extends Error {
  readonly result: DossierImportResult;
  constructor(result: DossierImportResult) {
    super('rolled back');
    this.result = result;
  }
}

/** Thrown inside a direct write when the primary key meets a code stored already or repeated. */
class NeedsStaging extends Error {}

/**
 * Imports a dossier file all or nothing, in one transaction: rows are streamed and checked, written,
 * and the roll-ups adjusted, or on any refusal everything is rolled back and the bad rows are listed
 * by line. Most files bring only new codes: their rows go straight into `dossiers` with COPY and are
 * counted for the roll-ups as they pass. The primary key stops that at the first code the table holds
 * already or the file repeats; the file is then read again through a staging table, where repeats are
 * checked as a set and the codes that exist are updated, their old counts taken off the roll-ups.
 */
export async function importDossiers(
  ctx: DossierContext,
  options: DossierImportOptions,
): Promise<DossierImportResult> {
  try {
    return await importOnce(ctx, options, 'direct');
  } catch (error) {
    if (!(error instanceof NeedsStaging)) throw error;
  }
  return importOnce(ctx, options, 'staged');
}

type WriteMode = 'direct' | 'staged';

/** Where checked rows go: COPY lines, sent every FLUSH_ROWS rows. */
interface RowSink {
  add(row: StagedRow): void;
  flush(): Promise<void>;
  /** Every row in; a direct write throws NeedsStaging when a code was there already. */
  end(): Promise<void>;
  abort(): Promise<void>;
  /** The direct write's roll-up counts. */
  tally?: RollupTally;
}

async function openSink(ctx: DossierContext, tx: Tx, mode: WriteMode): Promise<RowSink> {
  if (mode === 'staged') await createStaging(tx);
  const copy =
    mode === 'direct'
      ? await openCopy(ctx.db, tx, 'dossiers', DOSSIER_COLUMNS)
      : await openCopy(ctx.db, tx, 'dossier_staging', STAGING_COLUMNS);
  const tally = mode === 'direct' ? createRollupTally() : undefined;
  // A direct write meeting a stored or repeated code goes the staged way instead.
  const stageOnConflict = (error: unknown): never => {
    if (mode === 'direct' && sqlState(error) === '23505') throw new NeedsStaging();
    throw error;
  };
  return {
    add(row) {
      if (tally) {
        copy.add(dossierLine(row));
        tally.add(row.unitId, row.field, row);
      } else copy.add(stagingLine(row));
    },
    flush: () => copy.flush().catch(stageOnConflict),
    end: () => copy.end().catch(stageOnConflict),
    abort: () => copy.abort(),
    tally,
  };
}

async function importOnce(
  ctx: DossierContext,
  options: DossierImportOptions,
  mode: WriteMode,
): Promise<DossierImportResult> {
  const totalBytes = statSync(options.path).size;
  const counted = new PassThrough();
  let bytesRead = 0;
  counted.on('data', (chunk: Buffer) => {
    bytesRead += chunk.length;
  });
  const source = createReadStream(options.path, { highWaterMark: 256 * 1024 });
  source.on('error', (error: Error) => counted.destroy(error));
  source.pipe(counted);
  const rows = readDossierRows(counted, options.format);
  const report = (phase: DossierImportProgress['phase'], rowsRead: number) =>
    options.onProgress?.({
      rowsRead,
      bytesRead,
      totalBytes,
      phase: phase === 'reading' && mode === 'staged' ? 'rereading' : phase,
    });

  try {
    const header = await rows.next();
    if (header.done) throw new AppError('IMPORT_REJECTED', 'Tệp không có dòng tiêu đề.', { rows: [] });
    const headers = header.value.cells.map((cell) => cell.trim());
    const { columns } = await resolveDossierColumns(ctx, headers, options.mapping);
    return await mutate(ctx, async (tx, audit) => {
      const unitByCode = await unitLookup(ctx, tx);
      const catalogue = new Map(
        (await tx.select().from(procedures)).map((procedure) => [procedure.code, procedure]),
      );
      const sink = await openSink(ctx, tx, mode);
      // The COPY holds the connection: it is given up before the transaction rolls back.
      try {
        return await writeChecked(sink);
      } catch (error) {
        await sink.abort();
        throw error;
      }

      async function writeChecked(sink: RowSink): Promise<DossierImportResult> {
        const rejected: DossierIssue[] = [];
        let rejectedCount = 0;
        const reject = (issue: DossierIssue) => {
          rejectedCount += 1;
          if (rejected.length < MAX_KEPT) rejected.push(issue);
        };
        // Procedures seen for the first time: name and field from the first row that gives them.
        const introduced = new Map<
          string,
          { line: number; name: string | null; field: string; level: string | null }
        >();
        const unitColumn = headers[columns.unitCode ?? -1] || DOSSIER_FIELD_LABELS.unitCode;
        const fieldColumn = headers[columns.field ?? -1] || DOSSIER_FIELD_LABELS.field;

        let rowsRead = 0;
        let written = 0;
        for await (const { line, cells } of rows as AsyncGenerator<FileRow>) {
          if (cells.every((cell) => cell.trim() === '')) continue;
          rowsRead += 1;
          // The COPY takes rows while the next are read; other requests get a turn between batches.
          if (rowsRead % FLUSH_ROWS === 0) {
            await sink.flush();
            report('reading', rowsRead);
            await new Promise((resolve) => setImmediate(resolve));
          }
          const checked = validateDossierRow(headers, columns, line, cells);
          if (checked.issues) {
            for (const issue of checked.issues) reject(issue);
            continue;
          }
          const row = checked.row;
          const unit = unitByCode(row.unitCode);
          if (unit === 'unknown') {
            reject({ line, column: unitColumn, reason: `Không tìm thấy đơn vị có mã "${row.unitCode}".` });
            continue;
          }
          if (unit === 'outside') {
            reject({
              line,
              column: unitColumn,
              reason: `Đơn vị "${row.unitCode}" ngoài phạm vi bạn được nhập hồ sơ.`,
            });
            continue;
          }
          const known = catalogue.get(row.procedureCode);
          const first = introduced.get(row.procedureCode);
          const field = row.field ?? known?.field ?? null;
          if (!field) {
            reject({
              line,
              column: fieldColumn,
              reason: `Thiếu lĩnh vực: thủ tục "${row.procedureCode}" chưa có trong danh mục.`,
            });
            continue;
          }
          if (!known && !first)
            introduced.set(row.procedureCode, { line, name: row.procedureName, field, level: row.level });
          else if (first && !first.name && row.procedureName) first.name = row.procedureName;
          // The checked row becomes the staged one in place: a copy per row is garbage a million times.
          // Rows keep going in after a refusal: a repeated code met later is then listed too.
          const staged = row as StagedRow;
          staged.unitId = unit.id;
          staged.field = field;
          sink.add(staged);
          written += 1;
        }
        await sink.end();
        report('checking', rowsRead);

        for (const [code, procedure] of introduced) {
          if (!procedure.name)
            reject({
              line: procedure.line,
              column: headers[columns.procedureName ?? -1] || DOSSIER_FIELD_LABELS.procedureName,
              reason: `Thiếu tên thủ tục: thủ tục "${code}" chưa có trong danh mục.`,
            });
        }
        if (!sink.tally) {
          const repeats = await repeatedCodes(tx, MAX_KEPT);
          rejectedCount += repeats.count - repeats.rows.length;
          const codeColumn = headers[columns.code ?? -1] || DOSSIER_FIELD_LABELS.code;
          for (const repeat of repeats.rows)
            reject({
              line: repeat.line,
              column: codeColumn,
              reason: `Mã hồ sơ "${repeat.code}" đã có ở dòng ${repeat.firstLine} với nội dung khác.`,
            });
        }
        if (rowsRead === 0 && rejectedCount === 0)
          reject({ line: 2, column: '', reason: 'Tệp không có dòng dữ liệu nào.' });

        const newProcedures = [...introduced].map(([code, p]) => ({
          code,
          name: p.name ?? '',
          field: p.field,
        }));
        rejected.sort((a, b) => a.line - b.line);
        const result = (imported: number, updated: number): DossierImportResult => ({
          imported,
          updated,
          rejected: rejected.slice(0, MAX_LISTED),
          rejectedCount,
          newProcedures: rejectedCount > 0 ? [] : newProcedures,
          dryRun: options.dryRun,
        });
        if (rejectedCount > 0) {
          options.onRefusals?.(rejected);
          throw new RolledBack(result(0, 0));
        }

        report('writing', rowsRead);
        if (newProcedures.length > 0)
          await tx.insert(procedures).values(
            [...introduced].map(([code, p]) => ({
              code,
              name: p.name ?? code,
              field: p.field,
              level: p.level,
              firstSeenJobId: options.jobId ?? null,
            })),
          );
        let summary: DossierImportResult;
        if (sink.tally) {
          await tallyRollupDelta(tx, sink.tally.cells());
          summary = result(written, 0);
        } else {
          const updated = await stageRollupDelta(tx);
          await writeDossiers(tx, updated > 0);
          const [{ staged = 0 } = {}] = (
            await tx.execute<{ staged: number }>(sql`select count(*)::int as staged from dossier_staging`)
          ).rows;
          summary = result(staged - updated, updated);
        }
        await mergeRollupDelta(tx);
        // The whole path was taken (constraints included); a dry run now undoes it.
        if (options.dryRun) throw new RolledBack(summary);
        await audit({
          action: 'dossiers.imported',
          entityType: 'dossier_import',
          entityId: options.jobId ?? null,
          after: {
            fileName: options.fileName ?? basename(options.path),
            rows: rowsRead,
            imported: summary.imported,
            updated: summary.updated,
            newProcedures: newProcedures.map((procedure) => procedure.code),
          },
        });
        return summary;
      }
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    // Two imports writing the same dossiers or roll-up cells in opposite orders: PostgreSQL stops one.
    if (sqlState(error) === '40P01')
      throw new AppError('CONFLICT', 'Một lượt nhập khác đang ghi cùng dữ liệu; hãy nhập lại tệp.');
    throw error;
  } finally {
    source.destroy();
  }
}

type UnitVerdict = { id: number } | 'unknown' | 'outside';

/**
 * Unit codes resolved from the unit table, loaded once (a province has thousands of units, a file
 * millions of rows): the active unit with the code, else the last one closed (history before a merge).
 */
async function unitLookup(ctx: DossierContext, tx: Tx): Promise<(code: string) => UnitVerdict> {
  const all = await tx
    .select({ id: units.id, code: units.code, path: units.path, validTo: units.validTo })
    .from(units);
  const byCode = new Map<string, (typeof all)[number]>();
  for (const unit of all) {
    if (!unit.code) continue;
    const seen = byCode.get(unit.code);
    const isBetter =
      !seen || (seen.validTo !== null && (unit.validTo === null || unit.validTo > seen.validTo));
    if (isBetter) byCode.set(unit.code, unit);
  }
  const verdicts = new Map<string, UnitVerdict>();
  return (code) => {
    let verdict = verdicts.get(code);
    if (verdict === undefined) {
      const unit = byCode.get(code);
      verdict = !unit
        ? 'unknown'
        : hasPermissionOn(ctx.user.grants, 'dossiers.import', unit.path)
          ? { id: unit.id }
          : 'outside';
      verdicts.set(code, verdict);
    }
    return verdict;
  };
}
