import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import { parseDate } from '../../core/text/dates.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Database } from '../db/engine.ts';
import { surveys, units } from '../db/schema/index.ts';
import { formatOf } from '../files/tabular.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';
import { importPaperFile } from './paper-import.ts';

const USAGE =
  'npx chiso surveys import FILE --survey CODE --unit MÃ_ĐƠN_VỊ [--dry-run] [--date dd/mm/yyyy] [--json]';

/**
 * `npx chiso surveys import FILE --survey CODE --unit UNITCODE [--dry-run] [--date dd/mm/yyyy] [--json]`:
 * the web's file import of paper forms, as the installation itself, for the newest published version of
 * the questionnaire. Exits 1 on refusal, with every bad cell (JSON on stdout with --json).
 */
export async function surveyImportCommand(
  database: Database,
  args: string[],
  user: SessionUser,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      survey: { type: 'string' },
      unit: { type: 'string' },
      date: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const dryRun = values['dry-run'] ?? false;
  try {
    const [file] = positionals;
    if (!file || !values.survey || !values.unit)
      throw new AppError('VALIDATION_FAILED', msg(`Cách dùng: ${USAGE}`, `Usage: ${USAGE}`));
    const defaultDate = values.date === undefined ? null : parseDate(values.date);
    if (defaultDate === null && values.date !== undefined)
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `Ngày "${values.date}" không hợp lệ (dd/mm/yyyy).`,
          `The date "${values.date}" is not valid (dd/mm/yyyy).`,
        ),
      );
    const [survey] = await database.db
      .select({ id: surveys.id, code: surveys.code, revision: surveys.revision, nameVi: surveys.nameVi })
      .from(surveys)
      .where(and(eq(surveys.code, values.survey), eq(surveys.status, 'published')))
      .orderBy(desc(surveys.revision))
      .limit(1);
    if (!survey)
      throw new AppError(
        'NOT_FOUND',
        msg(
          `Không có phiếu khảo sát mã ${values.survey} đang dùng.`,
          `No questionnaire coded ${values.survey} is in use.`,
        ),
      );
    const [unit] = await database.db
      .select({ id: units.id, code: units.code, name: units.name })
      .from(units)
      .where(and(eq(units.code, values.unit), isNull(units.validTo)));
    if (!unit)
      throw new AppError(
        'NOT_FOUND',
        msg(
          `Không có đơn vị đang hoạt động mã ${values.unit}.`,
          `No active unit has the code ${values.unit}.`,
        ),
      );
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      throw new AppError('NOT_FOUND', msg(`Không đọc được tệp ${file}.`, `Cannot read the file ${file}.`));
    }
    const result = await importPaperFile(
      { db: database.db, actor: SYSTEM_ACTOR, ip: null, user },
      {
        surveyId: survey.id,
        unitId: unit.id,
        file: { data, format: formatOf(basename(file)) },
        dryRun,
        defaultDate,
      },
    );
    if (values.json)
      console.log(JSON.stringify({ recorded: result.recorded, dryRun, survey, unit, batch: result.batch }));
    else
      console.log(
        `Đã ${dryRun ? 'kiểm tra (chưa ghi)' : 'ghi'} ${result.recorded} phiếu của ${unit.name} vào "${survey.nameVi}" (phiên bản ${survey.revision}).`,
      );
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The command line speaks Vietnamese.
    const rows = (error.details.rows ?? []).map((row) => ({ ...row, reason: row.reason.vi }));
    if (values.json)
      console.log(JSON.stringify({ error: { code: error.code, message: error.message, rows } }));
    else for (const row of rows) console.error(`  dòng ${row.row}, cột "${row.column}": ${row.reason}`);
    console.error(error.message);
    return 1;
  }
}
