/** The questionnaire workbook's layout: sheets, columns, the words for codes, and where a definition's field lives in it. */
import type { Channel } from '../dossiers/dossier-values.ts';
import { fromZod, type Msg, msg, type RowIssue } from '../errors.ts';
import { foldVietnamese } from '../text/vietnamese.ts';

export const QUESTION_SHEET = 'Câu hỏi';
export const ELEMENT_SHEET = 'Yếu tố';
export const INFO_SHEET = 'Thông tin';

export const INFO_LABELS = {
  code: 'Mã phiếu',
  nameVi: 'Tên phiếu',
  nameEn: 'Tên tiếng Anh',
  fromYear: 'Áp dụng từ năm',
  toYear: 'Đến năm',
  status: 'Tình trạng',
  source: 'Nguồn',
  indexMethod: 'Cách tính chỉ số',
  minRespondents: 'Số người trả lời tối thiểu',
  indicatorCode: 'Mã chỉ số trong danh mục',
  frameworkCode: 'Mã khung chỉ số',
} as const;
export type InfoField = keyof typeof INFO_LABELS;

const QUESTION_FIELDS: Record<string, string> = {
  code: 'Mã câu hỏi',
  element: 'Yếu tố',
  kind: 'Loại',
  textVi: 'Câu hỏi',
  textEn: 'Tiếng Anh',
  options: 'Phương án',
  satisfied: 'Hài lòng khi',
  scored: 'Tính điểm',
  required: 'Bắt buộc',
  condition: 'Điều kiện',
  unconfirmed: 'Chưa xác nhận',
  fromDossier: 'Kênh nộp hồ sơ',
};
const OPTION_FIELDS: Record<string, string> = { en: 'Phương án (tiếng Anh)', channels: 'Kênh nộp hồ sơ' };
const ELEMENT_FIELDS: Record<string, string> = {
  code: 'Mã yếu tố',
  nameVi: 'Tên',
  nameEn: 'Tên tiếng Anh',
  subIndex: 'Chỉ số thành phần',
};

export interface RowsOf {
  questionRows: readonly number[];
  elementRows: readonly number[];
  infoRows: ReadonlyMap<InfoField, number>;
}

/** "questions.3.condition" → the "Câu hỏi" sheet, the fourth question's row, column "Điều kiện". */
export function locateIssue(path: string, message: string | Msg, rows: RowsOf): RowIssue {
  const reason = typeof message === 'string' ? fromZod(message) : message;
  const [area, index, field, , optionField] = path.split('.');
  const at = Number(index);
  if (area === 'questions') {
    const column =
      field === 'options' && optionField && OPTION_FIELDS[optionField]
        ? OPTION_FIELDS[optionField]
        : (QUESTION_FIELDS[field ?? ''] ?? 'Mã câu hỏi');
    return { row: rows.questionRows[at] ?? 2, column: `${QUESTION_SHEET} › ${column}`, reason };
  }
  if (area === 'elements')
    return {
      row: rows.elementRows[at] ?? 2,
      column: `${ELEMENT_SHEET} › ${ELEMENT_FIELDS[field ?? ''] ?? 'Mã yếu tố'}`,
      reason,
    };
  const info = (area ?? '') in INFO_LABELS ? (area as InfoField) : 'code';
  return { row: rows.infoRows.get(info) ?? 1, column: `${INFO_SHEET} › ${INFO_LABELS[info]}`, reason };
}

export const QUESTION_COLUMNS = [
  'Mã câu hỏi',
  'Yếu tố',
  'Loại',
  'Câu hỏi',
  'Tiếng Anh',
  'Phương án',
  'Hài lòng khi',
  'Tính điểm',
  'Bắt buộc',
  'Điều kiện',
  'Chưa xác nhận',
  'Phương án (tiếng Anh)',
  'Kênh nộp hồ sơ',
] as const;
export const ELEMENT_COLUMNS = [
  'Mã yếu tố',
  'Tên',
  'Tên tiếng Anh',
  'Chỉ số thành phần',
  'Tiêu chí của khung',
] as const;
export const INFO_COLUMNS = ['Mục', 'Giá trị'] as const;

/** SIPAS's two sub-indices in words; a province's own sub-index stays as it writes it. */
export const SUB_INDEX_NAMES: Record<string, Msg> = {
  service: msg('Dịch vụ hành chính công', 'Public administrative services'),
  policy: msg('Chính sách', 'Policy'),
};
/** The dossier channels in the words a one-stop export uses (read back by `parseChannel`). */
export const CHANNEL_NAMES: Record<Channel, Msg> = {
  direct: msg('Trực tiếp', 'In person'),
  online_partial: msg('Trực tuyến một phần', 'Partly online'),
  online_full: msg('Trực tuyến toàn trình', 'Fully online'),
  postal: msg('Bưu chính công ích', 'By post'),
};
export interface SurveySheet {
  name: string;
  headers: string[];
  rows: string[][];
}

/** A sheet's cells by column name (folded), with its issues written against the sheet's own name. */
export function sheetReader(sheet: SurveySheet, issues: RowIssue[]) {
  const at = new Map(sheet.headers.map((header, index) => [foldVietnamese(header.trim()), index]));
  return {
    has: (column: string) => at.has(foldVietnamese(column)),
    cell: (cells: readonly string[], column: string) => {
      const index = at.get(foldVietnamese(column));
      return index === undefined ? '' : (cells[index] ?? '').trim();
    },
    issue: (row: number, column: string, reason: Msg) =>
      issues.push({ row, column: `${sheet.name} › ${column}`, reason }),
  };
}

export const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');
