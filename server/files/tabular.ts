import { parse } from 'csv-parse/sync';
import { AppError, msg } from '../../core/errors.ts';
import { detectVietnameseEncoding, ENCODING_MESSAGES } from '../../core/text/legacy-encoding.ts';
import { readOfficeFile } from './office.ts';

/** Spreadsheet files in and out: CSV (UTF-8, comma or semicolon) and .xlsx, as a header row and text cells. */
export type TabularFormat = 'csv' | 'xlsx';

export interface Table {
  headers: string[];
  rows: string[][];
}

/** One sheet of a workbook read back, by its name. */
export interface NamedTable extends Table {
  name: string;
}

export function formatOf(filename: string): TabularFormat {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new AppError(
    'UNSUPPORTED_FILE',
    msg('Chỉ nhận tệp .csv hoặc .xlsx.', 'Only .csv or .xlsx files are accepted.'),
  );
}

export async function readTable(data: Buffer, format: TabularFormat): Promise<Table> {
  return format === 'csv' ? readCsv(data) : readXlsx(data);
}

function readCsv(data: Buffer): Table {
  const encoding = detectVietnameseEncoding(data);
  if (encoding !== 'utf8') throw new AppError('UNSUPPORTED_FILE', ENCODING_MESSAGES[encoding]);
  const text = new TextDecoder('utf-8')
    .decode(data)
    .replace(/^\uFEFF/, '')
    .normalize('NFC');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError('IMPORT_REJECTED', undefined, {
      rows: [
        {
          row: line ?? 1,
          column: '',
          reason: msg(
            `Tệp CSV sai cấu trúc: ${(error as Error).message}`,
            `The CSV file is malformed: ${(error as Error).message}`,
          ),
        },
      ],
    });
  }
  const [headers = [], ...rows] = records;
  return { headers: headers.map((header) => header.trim()), rows: trimTrailingEmpty(rows) };
}

async function readXlsx(data: Buffer): Promise<Table> {
  const { headers, rows } = await readOfficeFile({ kind: 'xlsx', data });
  return { headers, rows: trimTrailingEmpty(rows) };
}

/** Every sheet of an .xlsx, each with its header row and text cells (a workbook of several tables). */
export async function readWorkbook(data: Buffer): Promise<NamedTable[]> {
  const sheets = await readOfficeFile({ kind: 'workbook', data });
  return sheets.map((sheet) => ({ ...sheet, rows: trimTrailingEmpty(sheet.rows) }));
}

function trimTrailingEmpty(rows: string[][]): string[][] {
  let end = rows.length;
  while (end > 0 && (rows[end - 1] ?? []).every((cell) => cell.trim() === '')) end -= 1;
  return rows.slice(0, end);
}

/** A CSV cell, quoted when it holds a delimiter (comma or semicolon), a quote or a line break. */
export function csvCell(value: string): string {
  return /[",;\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV with a BOM so that Excel opens Vietnamese text correctly. */
export async function writeTable(
  table: Table,
  format: TabularFormat,
  sheetName = 'Dữ liệu',
): Promise<Buffer> {
  if (format === 'csv') {
    const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(','));
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  return writeWorkbook([{ name: sheetName, ...table }]);
}

/** A sheet of a workbook: numbers stay numbers (a spreadsheet sums them), text stays text. */
export interface Sheet {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Per column, an Excel number format ("0.0%", "#,##0"): shown with the reader's decimal comma. */
  formats?: (string | null)[];
}

/** An .xlsx of several sheets, each with a bold frozen header row and columns sized to their content. */
export async function writeWorkbook(sheets: Sheet[]): Promise<Buffer> {
  // Loaded on first use: exceljs is hundreds of modules the server's start need not read.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const { name, headers, rows, formats } of sheets) {
    const sheet = workbook.addWorksheet(name);
    const head = sheet.addRow(headers);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle' };
    for (const row of rows) sheet.addRow(row);
    sheet.columns.forEach((column, index) => {
      const longest = Math.max(...[headers, ...rows].map((row) => String(row[index] ?? '').length));
      column.width = Math.min(60, Math.max(10, longest + 2));
      const format = formats?.[index];
      if (format) column.numFmt = format;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const CONTENT_TYPES: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
