import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import {
  DOSSIER_FIELD_LABELS,
  type DossierColumns,
  type DossierField,
} from '../../core/dossiers/dossier-fields.ts';
import { type DossierIssue, validateDossierRow } from '../../core/dossiers/dossier-rows.ts';
import { createRollupTally, type RollupTally } from '../../core/dossiers/dossier-tally.ts';
import { AppError, inLocale, msg } from '../../core/errors.ts';
import { type Audit, mutate } from '../audit/audit-log.ts';
import { openCopy } from '../db/bulk-copy.ts';
import { type DbOrTx, hasOneConnection, sqlState, type Tx } from '../db/engine.ts';
import { procedures, units } from '../db/schema/index.ts';
import { type DossierContext, resolveDossierColumns } from './dossier-mapping-service.ts';
import { type DossierFormat, type FileRow, readDossierRows } from './dossier-readers.ts';
import {
  createStaging,
  DOSSIER_COLUMNS,
  dossierLine,
  hasRepeatedCodes,
  insertStaged,
  mergeRollupDelta,
  openLoadStaging,
  repeatedCodes,
  STAGING_COLUMNS,
  type StagedRow,
  type Staging,
  stageRollupDelta,
  stagingLine,
  TEMPORARY_STAGING,
  TEMPORARY_STAGING_NAME,
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
  /** The first refusals by line (at most MAX_LISTED), in the reader's language; `rejectedCount` counts them all. */
  rejected: { line: number; column: string; reason: string }[];
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

/** Where checked rows go: COPY lines, into `dossiers` or a staging table. */
interface RowSink {
  /** A checked row's COPY line. */
  add(lines: string): void;
  flush(): Promise<void>;
  /** Every row in; a direct write throws NeedsStaging when a code was there already. */
  end(): Promise<void>;
  abort(): Promise<void>;
}

/** A direct write meeting a stored or repeated code goes the staged way instead. */
function stageOnConflict(mode: WriteMode) {
  return (error: unknown): never => {
    if (mode === 'direct' && sqlState(error) === '23505') throw new NeedsStaging();
    throw error;
  };
}

/** PostgreSQL: rows go, inside the transaction, straight into `dossiers` or into the temporary staging table. */
async function openSink(ctx: DossierContext, tx: Tx, mode: WriteMode): Promise<RowSink> {
  if (mode === 'staged') await createStaging(tx);
  const copy =
    mode === 'direct'
      ? await openCopy(ctx.db, tx, 'dossiers', DOSSIER_COLUMNS)
      : await openCopy(ctx.db, tx, TEMPORARY_STAGING_NAME, STAGING_COLUMNS);
  const onConflict = stageOnConflict(mode);
  return {
    add: (lines) => copy.add(lines),
    flush: () => copy.flush().catch(onConflict),
    end: () => copy.end().catch(onConflict),
    abort: () => copy.abort(),
  };
}

/** What reading and checking a file found, before anything is written. */
interface CheckedFile {
  rowsRead: number;
  written: number;
  rejected: DossierIssue[];
  rejectedCount: number;
  /** Procedures seen for the first time: name and field from the first row that gives them. */
  introduced: Map<string, { line: number; name: string | null; field: string; level: string | null }>;
  /** The roll-up counts of the rows (kept for a direct write only). */
  tally: RollupTally | null;
}

async function importOnce(
  ctx: DossierContext,
  options: DossierImportOptions,
  mode: WriteMode,
): Promise<DossierImportResult> {
  const totalBytes = statSync(options.path).size;
  // One connection for every request (PGlite): the file is read, checked and staged before the
  // transaction opens, in batches between which other requests take their turn. The staging table is
  // made before the file is opened (its stream flows from its first listener on).
  const load = hasOneConnection(ctx.db) ? await openLoadStaging(ctx.db) : null;
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
    if (header.done)
      throw new AppError(
        'IMPORT_REJECTED',
        msg('Tệp không có dòng tiêu đề.', 'The file has no header row.'),
        { rows: [] },
      );
    const headers = header.value.cells.map((cell) => cell.trim());
    const { columns } = await resolveDossierColumns(ctx, headers, options.mapping);
    // Units and procedures are read before a COPY opens: the connection serves nothing else during one.
    const lookupsOn = async (db: DbOrTx) => ({
      unitByCode: await unitLookup(ctx, db),
      catalogue: new Map(
        (await db.select().from(procedures)).map((procedure) => [procedure.code, procedure]),
      ),
    });
    const readInto = (lookups: Awaited<ReturnType<typeof lookupsOn>>, sink: RowSink) =>
      checkRows({
        rows: rows as AsyncGenerator<FileRow>,
        headers,
        columns,
        ...lookups,
        sink,
        mode,
        onBatch: (rowsRead) => report('reading', rowsRead),
      });

    if (load) {
      const lookups = await lookupsOn(ctx.db);
      // Each batch is a COPY of its own into the import's staging table, outside any transaction.
      const copy = await openCopy(
        ctx.db,
        ctx.db,
        load.name,
        mode === 'direct' ? DOSSIER_COLUMNS : STAGING_COLUMNS,
      );
      let file: CheckedFile;
      try {
        file = await readInto(lookups, copy);
        await copy.end();
      } catch (error) {
        await copy.abort();
        throw error;
      }
      // A refused file of new codes writes nothing: it is answered without a transaction, unless it
      // repeats a code, which the set path names (so every refusal is listed at once).
      if (mode === 'direct' && isRefused(file)) {
        if (await hasRepeatedCodes(ctx.db, load.table)) throw new NeedsStaging();
        return refusalOf(file, headers, columns, options, ctx.user.locale) as DossierImportResult;
      }
      return await mutate(ctx, async (tx, audit) => {
        report('checking', file.rowsRead);
        // New codes move to `dossiers` in one statement; a stored or repeated one sends the file the set way.
        if (mode === 'direct') await insertStaged(tx, load.table).catch(stageOnConflict(mode));
        return finish(tx, audit, file, load.table);
      });
    }

    return await mutate(ctx, async (tx, audit) => {
      const lookups = await lookupsOn(tx);
      const sink = await openSink(ctx, tx, mode);
      // The COPY holds the connection: it is given up before the transaction rolls back.
      try {
        const file = await readInto(lookups, sink);
        await sink.end();
        report('checking', file.rowsRead);
        return await finish(tx, audit, file, TEMPORARY_STAGING);
      } catch (error) {
        await sink.abort();
        throw error;
      }
    });

    async function finish(
      tx: Tx,
      audit: Audit,
      file: CheckedFile,
      staging: Staging,
    ): Promise<DossierImportResult> {
      const { rowsRead, written, introduced, rejected } = file;
      if (!file.tally) {
        const repeats = await repeatedCodes(tx, staging, MAX_KEPT);
        file.rejectedCount += repeats.count - repeats.rows.length;
        const codeColumn = headers[columns.code ?? -1] || DOSSIER_FIELD_LABELS.code;
        for (const repeat of repeats.rows)
          rejectRow(file, {
            line: repeat.line,
            column: codeColumn,
            reason: msg(
              `Mã hồ sơ "${repeat.code}" đã có ở dòng ${repeat.firstLine} với nội dung khác.`,
              `The dossier code "${repeat.code}" is already on line ${repeat.firstLine} with different content.`,
            ),
          });
      }
      const refusal = refusalOf(file, headers, columns, options, ctx.user.locale);
      if (refusal) throw new RolledBack(refusal);

      report('writing', rowsRead);
      const newProcedures = newProceduresOf(introduced);
      if (newProcedures.length > 0)
        await tx
          .insert(procedures)
          .values(
            [...introduced].map(([code, p]) => ({
              code,
              name: p.name ?? code,
              field: p.field,
              level: p.level,
              firstSeenJobId: options.jobId ?? null,
            })),
          )
          // Another import brought the same procedure in while this file was being read.
          .onConflictDoNothing();
      const result = (imported: number, updated: number) =>
        summaryOf(ctx.user.locale, rejected, 0, newProcedures, options.dryRun, imported, updated);
      let summary: DossierImportResult;
      if (file.tally) {
        await tallyRollupDelta(tx, file.tally.cells());
        summary = result(written, 0);
      } else {
        const updated = await stageRollupDelta(tx, staging);
        await writeDossiers(tx, staging, updated > 0);
        const [{ staged = 0 } = {}] = (
          await tx.execute<{ staged: number }>(sql`select count(*)::int as staged from ${staging}`)
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
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    // Two imports writing the same dossiers or roll-up cells in opposite orders: PostgreSQL stops one.
    if (sqlState(error) === '40P01')
      throw new AppError(
        'CONFLICT',
        msg(
          'Một lượt nhập khác đang ghi cùng dữ liệu; hãy nhập lại tệp.',
          'Another import is writing the same data; import the file again.',
        ),
      );
    throw error;
  } finally {
    source.destroy();
    // Dropped however the import ended (a table left by a failed drop goes with the next import).
    await load?.drop().catch(() => {});
  }
}

function rejectRow(file: Pick<CheckedFile, 'rejected' | 'rejectedCount'>, issue: DossierIssue): void {
  file.rejectedCount += 1;
  if (file.rejected.length < MAX_KEPT) file.rejected.push(issue);
}

const newProceduresOf = (introduced: CheckedFile['introduced']): NewProcedure[] =>
  [...introduced].map(([code, p]) => ({ code, name: p.name ?? '', field: p.field }));

function summaryOf(
  locale: string | undefined,
  rejected: DossierIssue[],
  rejectedCount: number,
  newProcedures: NewProcedure[],
  dryRun: boolean,
  imported: number,
  updated: number,
): DossierImportResult {
  return {
    imported,
    updated,
    rejected: rejected
      .slice(0, MAX_LISTED)
      .map((issue) => ({ ...issue, reason: inLocale(issue.reason, locale) })),
    rejectedCount,
    newProcedures: rejectedCount > 0 ? [] : newProcedures,
    dryRun,
  };
}

/** Whether `refusalOf` will refuse the file (without listing anything yet). */
function isRefused(file: CheckedFile): boolean {
  return (
    file.rejectedCount > 0 ||
    file.rowsRead === 0 ||
    [...file.introduced.values()].some((procedure) => !procedure.name)
  );
}

/**
 * The refusal of a checked file, or null when nothing is wrong: rows refused, procedures brought in
 * without a name, or no data row at all. Adds the last two to the file's refusals.
 */
function refusalOf(
  file: CheckedFile,
  headers: string[],
  columns: DossierColumns,
  options: DossierImportOptions,
  locale: string | undefined,
): DossierImportResult | null {
  for (const [code, procedure] of file.introduced) {
    if (!procedure.name)
      rejectRow(file, {
        line: procedure.line,
        column: headers[columns.procedureName ?? -1] || DOSSIER_FIELD_LABELS.procedureName,
        reason: msg(
          `Thiếu tên thủ tục: thủ tục "${code}" chưa có trong danh mục.`,
          `The procedure name is missing: the procedure "${code}" is not in the catalogue yet.`,
        ),
      });
  }
  if (file.rowsRead === 0 && file.rejectedCount === 0)
    rejectRow(file, {
      line: 2,
      column: '',
      reason: msg('Tệp không có dòng dữ liệu nào.', 'The file has no data rows.'),
    });
  if (file.rejectedCount === 0) return null;
  file.rejected.sort((a, b) => a.line - b.line);
  options.onRefusals?.(file.rejected);
  return summaryOf(locale, file.rejected, file.rejectedCount, [], options.dryRun, 0, 0);
}

/**
 * Reads the file's rows, checks each and gives the good ones to the sink as COPY lines. Rows keep
 * going in after a refusal: a repeated code met later is then listed too.
 */
async function checkRows(input: {
  rows: AsyncGenerator<FileRow>;
  headers: string[];
  columns: DossierColumns;
  unitByCode: (code: string) => UnitVerdict;
  catalogue: Map<string, typeof procedures.$inferSelect>;
  sink: RowSink;
  mode: WriteMode;
  onBatch: (rowsRead: number) => void;
}): Promise<CheckedFile> {
  const { headers, columns, unitByCode, catalogue, sink } = input;
  const tally = input.mode === 'direct' ? createRollupTally() : null;
  const file: CheckedFile = {
    rowsRead: 0,
    written: 0,
    rejected: [],
    rejectedCount: 0,
    introduced: new Map(),
    tally,
  };
  const reject = (issue: DossierIssue) => rejectRow(file, issue);
  const unitColumn = headers[columns.unitCode ?? -1] || DOSSIER_FIELD_LABELS.unitCode;
  const fieldColumn = headers[columns.field ?? -1] || DOSSIER_FIELD_LABELS.field;
  for await (const { line, cells } of input.rows) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    file.rowsRead += 1;
    // The COPY takes rows while the next are read; other requests get a turn between batches.
    if (file.rowsRead % FLUSH_ROWS === 0) {
      await sink.flush();
      input.onBatch(file.rowsRead);
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
      reject({
        line,
        column: unitColumn,
        reason: msg(
          `Không tìm thấy đơn vị có mã "${row.unitCode}".`,
          `No unit found with the code "${row.unitCode}".`,
        ),
      });
      continue;
    }
    if (unit === 'outside') {
      reject({
        line,
        column: unitColumn,
        reason: msg(
          `Đơn vị "${row.unitCode}" ngoài phạm vi bạn được nhập hồ sơ.`,
          `The unit "${row.unitCode}" is outside the scope you may import dossiers for.`,
        ),
      });
      continue;
    }
    const known = catalogue.get(row.procedureCode);
    const first = file.introduced.get(row.procedureCode);
    const field = row.field ?? known?.field ?? null;
    if (!field) {
      reject({
        line,
        column: fieldColumn,
        reason: msg(
          `Thiếu lĩnh vực: thủ tục "${row.procedureCode}" chưa có trong danh mục.`,
          `The field is missing: the procedure "${row.procedureCode}" is not in the catalogue yet.`,
        ),
      });
      continue;
    }
    if (!known && !first)
      file.introduced.set(row.procedureCode, { line, name: row.procedureName, field, level: row.level });
    else if (first && !first.name && row.procedureName) first.name = row.procedureName;
    // The checked row becomes the staged one in place: a copy per row is garbage a million times.
    const staged = row as StagedRow;
    staged.unitId = unit.id;
    staged.field = field;
    if (tally) {
      sink.add(dossierLine(staged));
      tally.add(staged.unitId, staged.field, staged);
    } else sink.add(stagingLine(staged));
    file.written += 1;
  }
  return file;
}

type UnitVerdict = { id: number } | 'unknown' | 'outside';

/**
 * Unit codes resolved from the unit table, loaded once (a province has thousands of units, a file
 * millions of rows): the active unit with the code, else the last one closed (history before a merge).
 */
async function unitLookup(ctx: DossierContext, tx: DbOrTx): Promise<(code: string) => UnitVerdict> {
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
