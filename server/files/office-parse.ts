import type { CellValue } from 'exceljs';
import { AppError, msg } from '../../core/errors.ts';
import { htmlToPlanText } from './documents.ts';
import type { NamedTable, Table } from './tabular.ts';
import { checkZipBuffer, type ZipLimits } from './zip-limits.ts';

/**
 * .docx and .xlsx read whole in memory (plans, unit and framework imports), run inside the office
 * worker: the zip is bounded first, then what the parsers produce (rows, cells, lines).
 */
const MiB = 1024 * 1024;
export const OFFICE_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 64 * MiB };
export const MAX_TABLE_ROWS = 100_000;
export const MAX_TABLE_CELLS = 2_000_000;
export const MAX_DOCUMENT_LINES = 50_000;

const grouped = (count: number) => count.toLocaleString('vi-VN');

export async function parseDocx(data: Buffer): Promise<string> {
  checkZipBuffer(data, OFFICE_ZIP_LIMITS);
  let html: string;
  // The parsers are loaded on first use (in the office worker), never at the server's start.
  const { default: mammoth } = await import('mammoth');
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: data }));
  } catch {
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        'Không đọc được nội dung tệp .docx (tệp hỏng hoặc được bảo vệ).',
        'The .docx file cannot be read (damaged or protected).',
      ),
    );
  }
  const text = htmlToPlanText(html);
  assertLineCount(text);
  return text;
}

/** A document of more lines than any plan is refused before the importer walks it. */
export function assertLineCount(text: string): void {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    lines += 1;
    if (lines > MAX_DOCUMENT_LINES)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        msg(
          `Văn bản có quá ${grouped(MAX_DOCUMENT_LINES)} đoạn: vượt giới hạn. Hãy chia nhỏ tệp.`,
          `The document has more than ${grouped(MAX_DOCUMENT_LINES)} paragraphs: over the limit. Split the file.`,
        ),
        { limit: MAX_DOCUMENT_LINES },
      );
  }
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as CellValue);
    return '';
  }
  return String(value).normalize('NFC');
}

export async function parseXlsx(data: Buffer): Promise<Table> {
  const [first] = await parseWorkbook(data, 1);
  return first ?? { headers: [], rows: [] };
}

/** Every sheet of a workbook (or its first `limit`), by name; the row and cell caps hold across them all. */
export async function parseWorkbook(data: Buffer, limit = Number.POSITIVE_INFINITY): Promise<NamedTable[]> {
  checkZipBuffer(data, OFFICE_ZIP_LIMITS);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        'Không đọc được tệp .xlsx (tệp hỏng hoặc không phải Excel).',
        'The .xlsx file cannot be read (damaged or not Excel).',
      ),
    );
  }
  const sheets = workbook.worksheets.slice(0, limit);
  const rowCount = sheets.reduce((sum, sheet) => sum + sheet.rowCount, 0);
  const cellCount = sheets.reduce((sum, sheet) => sum + sheet.rowCount * sheet.columnCount, 0);
  if (rowCount > MAX_TABLE_ROWS || cellCount > MAX_TABLE_CELLS)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      msg(
        `Bảng tính vượt giới hạn ${grouped(MAX_TABLE_ROWS)} dòng hoặc ${grouped(MAX_TABLE_CELLS)} ô. Hãy chia nhỏ tệp.`,
        `The spreadsheet exceeds the limit of ${grouped(MAX_TABLE_ROWS)} rows or ${grouped(MAX_TABLE_CELLS)} cells. Split the file.`,
      ),
      { limit: MAX_TABLE_ROWS },
    );
  return sheets.map((sheet) => {
    const width = sheet.columnCount;
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value).trim()));
    }
    const [headers = [], ...body] = rows;
    return { name: sheet.name.normalize('NFC'), headers, rows: body };
  });
}
