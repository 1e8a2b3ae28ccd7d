/** The labels of paper questionnaires: the keyboard grid and the file import, vi and en. */
export const SURVEY_PAPER_MESSAGES = {
  surveyPaperPrint: { vi: 'In phiếu giấy (PDF)', en: 'Print the paper form (PDF)' },
  surveyPaperTitle: { vi: 'Nhập phiếu khảo sát giấy', en: 'Enter paper questionnaires' },
  surveyPaperUnit: { vi: 'Đơn vị được khảo sát', en: 'Unit surveyed' },
  surveyPaperChooseUnit: { vi: 'Chọn đơn vị để nhập phiếu.', en: 'Choose the unit to enter forms for.' },
  surveyPaperDefaultDate: { vi: 'Ngày trả lời (mặc định)', en: 'Date answered (default)' },
  surveyPaperDefaultDateHelp: {
    vi: 'Dùng cho các phiếu để trống cột Ngày.',
    en: 'Used for the forms whose Date is left empty.',
  },
  surveyPaperLegend: { vi: 'Thang 5 mức', en: 'Five levels' },
  surveyPaperKeys: {
    vi: 'Gõ số để chọn và sang ô kế tiếp; Enter, Tab hoặc mũi tên để di chuyển; Backspace để xoá. Hết dòng thì sang phiếu mới. Ô xám: câu không hỏi với phiếu này.',
    en: 'Type a digit to choose and move on; Enter, Tab or the arrows move; Backspace clears. At the end of a row a new form starts. Grey cells: questions this form does not ask.',
  },
  surveyPaperRowNumber: { vi: 'Phiếu', en: 'Form' },
  surveyPaperRowsKept: {
    vi: 'Các phiếu chưa lưu được giữ trên máy này cho đến khi lưu.',
    en: 'Unsaved forms are kept on this computer until saved.',
  },
  surveyPaperSave: { vi: 'Lưu {count} phiếu', en: 'Save forms ({count})' },
  surveyPaperSaved: { vi: 'Đã lưu {count} phiếu.', en: 'Forms saved: {count}.' },
  surveyPaperRefused: {
    vi: 'Chưa lưu phiếu nào: sửa các ô tô đỏ rồi lưu lại.',
    en: 'No form was saved: correct the cells in red and save again.',
  },
  surveyPaperBadDate: {
    vi: 'Ngày không hợp lệ (dd/mm/yyyy), và chưa có ngày mặc định.',
    en: 'The date is not valid (dd/mm/yyyy), and there is no default date.',
  },
  surveyPaperTooMany: {
    vi: 'Mỗi lần lưu tối đa 500 phiếu: lưu bớt rồi nhập tiếp.',
    en: 'At most 500 forms per save: save some, then go on.',
  },
  surveyPaperAddRow: { vi: 'Thêm phiếu', en: 'Add a form' },
  surveyPaperRemoveRow: { vi: 'Xoá phiếu này', en: 'Remove this form' },
  surveyPaperClear: { vi: 'Xoá các phiếu chưa lưu', en: 'Discard unsaved forms' },
  surveyPaperClearConfirm: {
    vi: 'Xoá {count} phiếu đã gõ nhưng chưa lưu? Không lấy lại được.',
    en: 'Discard the typed but unsaved forms ({count})? They cannot be recovered.',
  },
  surveyPaperRowProblem: { vi: 'Phiếu này', en: 'This form' },
  surveyPaperFromFile: { vi: 'Nhập từ tệp', en: 'Import from a file' },
  surveyPaperTemplate: { vi: 'Tải mẫu nhập', en: 'Download the template' },
  surveyPaperFileHelp: {
    vi: 'Mỗi dòng một phiếu, mỗi cột một mã câu hỏi; trả lời bằng số 1–5 hoặc bằng chữ (có hay không dấu đều được). Tất cả hoặc không: có lỗi thì không ghi phiếu nào.',
    en: 'One row per form, one column per question code; answers as 1–5 or in words (with or without diacritics). All or nothing: with any error, no form is recorded.',
  },
  surveyPaperCheckFile: { vi: 'Kiểm tra tệp', en: 'Check the file' },
  surveyPaperFileValid: {
    vi: '{count} phiếu hợp lệ, chưa ghi.',
    en: 'Valid forms: {count}, not recorded yet.',
  },
  surveyPaperRecord: { vi: 'Ghi {count} phiếu', en: 'Record forms ({count})' },
  surveyPaperRecordConfirm: {
    vi: 'Ghi {count} phiếu của {unit} vào kết quả khảo sát?',
    en: 'Record the forms of {unit} ({count}) in the survey results?',
  },
  surveyPaperRecorded: { vi: 'Đã ghi {count} phiếu từ tệp.', en: 'Forms recorded from the file: {count}.' },
  surveyPaperNotInUse: {
    vi: 'Phiếu khảo sát này không nhận trả lời (bản nháp hoặc đã ngừng dùng).',
    en: 'This questionnaire takes no answers (a draft, or retired).',
  },
  surveyPaperAllSurveys: { vi: 'Các phiếu khảo sát', en: 'Questionnaires' },
} as const;
