import { type Msg, msg } from '../errors.ts';
import { foldVietnamese } from '../text/vietnamese.ts';

/**
 * The canonical columns of a dossier file (hồ sơ TTHC) and how the headers of one-stop exports map to
 * them: canonical names, the usual Vietnamese column titles, or a mapping the user made once.
 */
export const DOSSIER_FIELDS = [
  'code',
  'unitCode',
  'procedureCode',
  'procedureName',
  'field',
  'level',
  'channel',
  'receivedAt',
  'dueAt',
  'finishedAt',
  'returnedAt',
  'status',
  'digitised',
  'apologyIssued',
] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];

/** A dossier cannot be counted without these; the others may be absent from a file. */
export const REQUIRED_DOSSIER_FIELDS: readonly DossierField[] = [
  'code',
  'unitCode',
  'procedureCode',
  'channel',
  'receivedAt',
];

/** The Vietnamese title of each field, as refusals and the mapping screen name it. */
export const DOSSIER_FIELD_LABELS: Record<DossierField, string> = {
  code: 'Mã hồ sơ',
  unitCode: 'Mã đơn vị',
  procedureCode: 'Mã thủ tục',
  procedureName: 'Tên thủ tục',
  field: 'Lĩnh vực',
  level: 'Cấp',
  channel: 'Kênh nộp',
  receivedAt: 'Ngày tiếp nhận',
  dueAt: 'Hạn xử lý',
  finishedAt: 'Ngày hoàn thành',
  returnedAt: 'Ngày trả kết quả',
  status: 'Trạng thái',
  digitised: 'Số hóa',
  apologyIssued: 'Thư xin lỗi',
};

/** What each field holds, for a reader in English (the file's own titles stay Vietnamese). */
export const DOSSIER_FIELD_LABELS_EN: Record<DossierField, string> = {
  code: 'Dossier code',
  unitCode: 'Unit code',
  procedureCode: 'Procedure code',
  procedureName: 'Procedure name',
  field: 'Field of the procedure',
  level: 'Level',
  channel: 'Channel',
  receivedAt: 'Received at',
  dueAt: 'Due at',
  finishedAt: 'Finished at',
  returnedAt: 'Result returned at',
  status: 'Status',
  digitised: 'Digitised',
  apologyIssued: 'Letter of apology issued',
};

// Folded titles (see headerKey) of one-stop exports; canonical names are added below.
const TITLES: Record<DossierField, readonly string[]> = {
  code: ['ma ho so', 'so ho so', 'ma so ho so', 'so bien nhan', 'ma bien nhan'],
  unitCode: ['ma don vi', 'ma co quan', 'ma don vi tiep nhan', 'ma co quan tiep nhan', 'ma don vi xu ly'],
  procedureCode: ['ma thu tuc', 'ma tthc', 'ma thu tuc hanh chinh'],
  procedureName: ['ten thu tuc', 'ten tthc', 'ten thu tuc hanh chinh', 'thu tuc'],
  field: ['linh vuc', 'ten linh vuc'],
  level: ['cap', 'cap thuc hien', 'cap giai quyet', 'cap thu tuc'],
  channel: ['kenh', 'kenh nop', 'hinh thuc nop', 'hinh thuc tiep nhan', 'hinh thuc', 'kenh tiep nhan'],
  receivedAt: ['ngay tiep nhan', 'thoi gian tiep nhan', 'ngay nhan', 'ngay nop'],
  dueAt: ['han xu ly', 'ngay hen tra', 'han giai quyet', 'ngay hen tra ket qua', 'han tra ket qua'],
  finishedAt: [
    'ngay hoan thanh',
    'ngay co ket qua',
    'thoi gian hoan thanh',
    'ngay xu ly xong',
    'ngay ket thuc',
  ],
  returnedAt: ['ngay tra ket qua', 'ngay tra', 'thoi gian tra ket qua'],
  status: ['trang thai', 'tinh trang', 'trang thai ho so'],
  digitised: ['so hoa', 'da so hoa', 'so hoa ho so', 'ho so so hoa'],
  apologyIssued: ['thu xin loi', 'xin loi', 'da gui thu xin loi', 'co thu xin loi'],
};

const ALIASES = new Map<string, DossierField>();
for (const field of DOSSIER_FIELDS) {
  ALIASES.set(headerKey(field), field);
  for (const title of TITLES[field]) ALIASES.set(title, field);
}

/** A header as compared: folded, without the marks exports add ("Mã hồ sơ (*)", "Ngày tiếp nhận:"). */
export function headerKey(header: string): string {
  return foldVietnamese(header)
    .replace(/[*:().#_\-/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The canonical field a header names, or null. "unitCode", "Mã đơn vị", "MA  DON VI*" all match. */
export function recogniseHeader(header: string): DossierField | null {
  const key = headerKey(header);
  return ALIASES.get(key) ?? ALIASES.get(key.replaceAll(' ', '')) ?? null;
}

/** The layout's identity: folded headers joined, so the same export finds its remembered mapping. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(headerKey).join('|');
}

/** Which cell of a row holds each field (absent: the file has no such column). */
export type DossierColumns = Partial<Record<DossierField, number>>;

export type ColumnResolution =
  | { ok: true; columns: DossierColumns }
  | { ok: false; missing: DossierField[]; suggested: Partial<Record<DossierField, string>> };

/**
 * Headers → columns: a mapping (field → the file's header) wins, then recognised titles. Refused when
 * a required field has no column; `suggested` is what was recognised, for the mapping screen.
 */
export function resolveColumns(
  headers: readonly string[],
  mapping: Partial<Record<DossierField, string>> = {},
): ColumnResolution {
  const columns: DossierColumns = {};
  const suggested: Partial<Record<DossierField, string>> = {};
  headers.forEach((header, index) => {
    const field = recogniseHeader(header);
    if (field && columns[field] === undefined) {
      columns[field] = index;
      suggested[field] = header;
    }
  });
  for (const [field, header] of Object.entries(mapping) as [DossierField, string][]) {
    const index = headers.findIndex((candidate) => headerKey(candidate) === headerKey(header));
    if (index >= 0) columns[field] = index;
  }
  const missing = REQUIRED_DOSSIER_FIELDS.filter((field) => columns[field] === undefined);
  return missing.length > 0 ? { ok: false, missing, suggested } : { ok: true, columns };
}

/** Problems with a user's mapping: unknown fields, headers the file does not have. */
export function mappingProblems(headers: readonly string[], mapping: Record<string, string>): Msg[] {
  const keys = new Set(headers.map(headerKey));
  const problems: Msg[] = [];
  for (const [field, header] of Object.entries(mapping)) {
    if (!(DOSSIER_FIELDS as readonly string[]).includes(field))
      problems.push(
        msg(
          `Trường "${field}" không có trong danh sách trường của hồ sơ.`,
          `The field "${field}" is not one of the dossier's fields.`,
        ),
      );
    else if (!keys.has(headerKey(header)))
      problems.push(msg(`Tệp không có cột "${header}".`, `The file has no column "${header}".`));
  }
  return problems;
}
