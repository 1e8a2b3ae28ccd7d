/**
 * The one error type. Every refusal the product makes has a stable code, a Vietnamese message for the
 * user and an English one for logs and the English UI; the server maps codes to HTTP statuses in one table.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ.', en: 'The data is not valid.' },
  IMPORT_REJECTED: {
    vi: 'Tệp có dòng không hợp lệ; chưa có gì được ghi.',
    en: 'The file has invalid rows; nothing was written.',
  },
  DOSSIER_COLUMNS_UNMAPPED: {
    vi: 'Không nhận ra các cột của tệp hồ sơ: hãy chọn cột tương ứng cho từng trường rồi nhập lại.',
    en: 'The columns of the dossier file are not recognised: map each field to a column and import again.',
  },
  UNAUTHENTICATED: { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  INVALID_CREDENTIALS: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  ACCOUNT_LOCKED: {
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
    en: 'The account is temporarily locked after repeated failed sign-ins. Try again later.',
  },
  ACCOUNT_DISABLED: { vi: 'Tài khoản đã bị vô hiệu hóa.', en: 'The account is disabled.' },
  CSRF_FAILED: {
    vi: 'Phiên làm việc không hợp lệ, vui lòng tải lại trang.',
    en: 'Invalid session token; reload the page.',
  },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  INSTALLATION_WIDE_ONLY: {
    vi: 'Đây là dữ liệu dùng chung cho cả hệ thống: chỉ người được phân quyền ở cấp tỉnh mới được thay đổi.',
    en: 'This is shared by the whole installation: only someone granted at the province level may change it.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    vi: 'Bạn đang dùng mật khẩu tạm: hãy đổi mật khẩu trước khi tiếp tục.',
    en: 'You are using a temporary password: change it before going on.',
  },
  NOT_FOUND: { vi: 'Không tìm thấy dữ liệu.', en: 'Not found.' },
  CONFLICT: {
    vi: 'Dữ liệu đã bị người khác thay đổi. Vui lòng tải lại trước khi lưu.',
    en: 'Someone else changed this record. Reload before saving.',
  },
  VERSION_CONFLICT: {
    vi: 'Người khác vừa sửa dữ liệu này sau khi bạn mở nó: hãy xem hai phiên bản và chọn giữ bản nào.',
    en: 'Someone else changed this after you opened it: compare both versions and choose which to keep.',
  },
  DUPLICATE: { vi: 'Dữ liệu đã tồn tại.', en: 'This already exists.' },
  SIGN_IN_THROTTLED: {
    vi: 'Địa chỉ này đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
    en: 'Too many failed sign-ins from this address. Try again in a few minutes.',
  },
  RATE_LIMITED: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau.', en: 'Too many requests; try again later.' },
  PAYLOAD_TOO_LARGE: { vi: 'Tệp quá lớn.', en: 'The file is too large.' },
  UNSUPPORTED_FILE: { vi: 'Định dạng tệp không được hỗ trợ.', en: 'Unsupported file type.' },
  DATABASE_UNAVAILABLE: {
    vi: 'Cơ sở dữ liệu đang chuyển sang máy chủ dự phòng. Những gì đã lưu không mất; vui lòng thử lại sau vài giây.',
    en: 'The database is switching to its standby server. Nothing saved is lost; please try again in a few seconds.',
  },
  INTERNAL: { vi: 'Lỗi hệ thống. Vui lòng thử lại sau.', en: 'Internal error. Please try again later.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A message for the user in both languages the product speaks. */
export interface Msg {
  readonly vi: string;
  readonly en: string;
}

export const msg = (vi: string, en: string): Msg => ({ vi, en });

/** The text of `message` the reader reads: Vietnamese unless the reader chose English. */
export function inLocale(message: Msg, locale: string | null | undefined): string {
  return locale === 'en' ? message.en : message.vi;
}

// zod carries messages as plain strings, so a schema's message is its Vietnamese text and its English is
// remembered here, keyed by that text, when the schema is built. Bounded: a message built per value
// (a number, a name) past the cap is simply shown in Vietnamese.
const ZOD_ENGLISH = new Map<string, string>();
const ZOD_ENGLISH_CAP = 5_000;

/** A zod schema's message in both languages: returns the Vietnamese text zod shows by default. */
export function zodMsg(vi: string, en: string): string {
  if (ZOD_ENGLISH.size < ZOD_ENGLISH_CAP || ZOD_ENGLISH.has(vi)) ZOD_ENGLISH.set(vi, en);
  return vi;
}

/** A message zod gave back (its text is the Vietnamese of a `zodMsg`, or zod's own English default). */
export function fromZod(text: string): Msg {
  return { vi: text, en: ZOD_ENGLISH.get(text) ?? text };
}

/** The first message of a failed zod parse, in both languages. */
export function firstZodMessage(result: { error: { issues: readonly { message: string }[] } }): Msg {
  const first = result.error.issues[0];
  return first ? fromZod(first.message) : ERROR_CODES.VALIDATION_FAILED;
}

/** A problem with one field of a request body or query. */
export interface FieldIssue {
  path: string;
  message: Msg;
}

/** A field's problem as one sentence naming the field: "values.0.numerator: Thiếu tử số." */
export function atPath(issue: FieldIssue): Msg {
  const at = issue.path ? `${issue.path}: ` : '';
  return { vi: `${at}${issue.message.vi}`, en: `${at}${issue.message.en}` };
}

/** A problem with one cell of an imported file: the row as the user sees it (header = row 1), the column, the reason. */
export interface RowIssue {
  row: number;
  column: string;
  reason: Msg;
}

export interface AppErrorDetails {
  fields?: FieldIssue[];
  rows?: RowIssue[];
  [key: string]: unknown;
}

/** `message` (Error's) is the Vietnamese text, for logs and the CLI; `text` carries both languages. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text: Msg;
  readonly details: AppErrorDetails;

  constructor(code: ErrorCode, message?: Msg, details: AppErrorDetails = {}) {
    const text = message ?? ERROR_CODES[code];
    super(text.vi);
    this.code = code;
    this.text = text;
    this.details = details;
    this.name = 'AppError';
  }
}

/** The refusal of an imported file naming its first bad cell; `nothing` says what was not written. */
export function importRejected(issues: RowIssue[], nothing: Msg): AppError {
  const first = issues[0];
  const message = first
    ? {
        vi: `Tệp có ${issues.length} lỗi; ${nothing.vi}. Lỗi đầu tiên — dòng ${first.row}, cột "${first.column}": ${first.reason.vi}`,
        en: `The file has ${issues.length} ${issues.length === 1 ? 'error' : 'errors'}; ${nothing.en}. First error — row ${first.row}, column "${first.column}": ${first.reason.en}`,
      }
    : undefined;
  return new AppError('IMPORT_REJECTED', message, { rows: issues });
}

export function fieldError(path: string, message: Msg): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}
