import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from './survey.ts';
import { type SurveySheet, surveyFromSheets, surveyToSheets } from './survey-table.ts';

const SIPAS: SurveyDefinition = JSON.parse(
  readFileSync(new URL('../../reference/surveys/SIPAS-2023-2026.json', import.meta.url), 'utf8'),
);

/** The refusals as a Vietnamese reader reads them. */
const inVietnamese = (issues: { row: number; column: string; reason: { vi: string } }[]) =>
  issues.map((issue) => ({ row: issue.row, column: issue.column, reason: issue.reason.vi }));

/** SIPAS's sheets with one change: `edit` receives the sheets by name and changes them in place. */
function sheetsWith(edit: (sheets: Record<string, SurveySheet>) => void): SurveySheet[] {
  const sheets = structuredClone(surveyToSheets(SIPAS));
  edit(Object.fromEntries(sheets.map((sheet) => [sheet.name, sheet])));
  return sheets;
}
const QUESTION_COLUMN = (sheet: SurveySheet, name: string) => sheet.headers.indexOf(name);
/** Sets a cell of the question on `code`'s row. */
function setQuestion(code: string, column: string, value: string) {
  return sheetsWith((sheets) => {
    const sheet = sheets['Câu hỏi'] as SurveySheet;
    const row = sheet.rows.find((cells) => cells[0] === code) as string[];
    row[QUESTION_COLUMN(sheet, column)] = value;
  });
}
const rowOf = (code: string) => SIPAS.questions.findIndex((question) => question.code === code) + 2;

describe('questionnaires as workbooks', () => {
  it('round-trips SIPAS through its three sheets to the same definition', () => {
    const sheets = surveyToSheets(SIPAS);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Câu hỏi', 'Yếu tố', 'Thông tin']);
    const { definition, issues } = surveyFromSheets(sheets);
    expect(issues).toEqual([]);
    expect(definition).toStrictEqual(SIPAS);
  });

  it('writes words, not codes: kinds, satisfied values, conditions, channels, sub-indices, status', () => {
    const [questions, elements, info] = surveyToSheets(SIPAS) as [SurveySheet, SurveySheet, SurveySheet];
    const row = (code: string) =>
      Object.fromEntries(
        questions.headers.map((header, index) => [
          header,
          questions.rows.find((cells) => cells[0] === code)?.[index],
        ]),
      );
    expect(row('KENH')).toEqual({
      'Mã câu hỏi': 'KENH',
      'Yếu tố': 'TT',
      Loại: 'Chọn một',
      'Câu hỏi': 'Ông/bà đã nộp hồ sơ bằng cách nào?',
      'Tiếng Anh': 'How did you submit your application?',
      'Phương án':
        '1=Trực tiếp tại bộ phận một cửa; 2=Trực tuyến (qua Cổng dịch vụ công); 3=Qua bưu chính công ích',
      'Hài lòng khi': '',
      'Tính điểm': 'Không',
      'Bắt buộc': 'Có',
      'Điều kiện': '',
      'Chưa xác nhận': '',
      'Phương án (tiếng Anh)':
        '1=In person at the one-stop desk; 2=Online (public service portal); 3=By post',
      'Kênh nộp hồ sơ': '1=Trực tiếp; 2=Trực tuyến một phần, Trực tuyến toàn trình; 3=Bưu chính công ích',
    });
    expect(row('DV1.5')).toMatchObject({
      Loại: 'Thang 5 mức',
      'Hài lòng khi': '4;5',
      'Tính điểm': 'Có',
      'Điều kiện': 'KENH=2',
      'Chưa xác nhận': 'Có',
    });
    expect(row('GOPY')).toMatchObject({
      Loại: 'Ý kiến (chữ)',
      'Yếu tố': '',
      'Hài lòng khi': '',
      'Tính điểm': '',
    });
    expect(elements.rows[0]).toEqual([
      'DV1',
      'Tiếp cận dịch vụ',
      'Access to the service',
      'Dịch vụ hành chính công',
      'SIPAS.1',
    ]);
    expect(elements.rows[5]?.[3]).toBe('Chính sách');
    expect(Object.fromEntries(info.rows)).toMatchObject({
      'Mã phiếu': 'SIPAS',
      'Áp dụng từ năm': '2023',
      'Đến năm': '2026',
      'Tình trạng': 'Chưa xác nhận',
      'Số người trả lời tối thiểu': '30',
    });
  });

  it('reads what a person types: words for kinds and answers, any case, no diacritics, a blank line', () => {
    const sheets = sheetsWith((all) => {
      const sheet = all['Câu hỏi'] as SurveySheet;
      const row = sheet.rows.find((cells) => cells[0] === 'DV3.1') as string[];
      row[QUESTION_COLUMN(sheet, 'Loại')] = 'thang 5 muc';
      row[QUESTION_COLUMN(sheet, 'Hài lòng khi')] = 'Rất hài lòng';
      row[QUESTION_COLUMN(sheet, 'Bắt buộc')] = 'co';
      sheet.rows.splice(3, 0, ['', '', '']);
    });
    const { definition, issues } = surveyFromSheets(sheets);
    expect(issues).toEqual([]);
    expect(definition?.questions.find((question) => question.code === 'DV3.1')).toMatchObject({
      kind: 'scale5',
      satisfied: [5],
      required: true,
    });
    expect(definition?.questions).toHaveLength(SIPAS.questions.length);
  });

  it('reads a condition on several values and options split by new lines', () => {
    const { definition } = surveyFromSheets(
      sheetsWith((all) => {
        const sheet = all['Câu hỏi'] as SurveySheet;
        const kenh = sheet.rows.find((cells) => cells[0] === 'KENH') as string[];
        kenh[QUESTION_COLUMN(sheet, 'Phương án')] = '1=Trực tiếp\n2=Trực tuyến; có hỗ trợ\n3=Bưu chính;';
        const dv15 = sheet.rows.find((cells) => cells[0] === 'DV1.5') as string[];
        dv15[QUESTION_COLUMN(sheet, 'Điều kiện')] = 'KENH = 2; 3';
      }),
    );
    const kenh = definition?.questions.find((question) => question.code === 'KENH');
    expect(kenh?.options?.map((option) => option.vi)).toEqual([
      'Trực tiếp',
      'Trực tuyến; có hỗ trợ',
      'Bưu chính',
    ]);
    expect(definition?.questions.find((question) => question.code === 'DV1.5')?.condition).toEqual({
      question: 'KENH',
      in: [2, 3],
    });
  });

  it('refuses a workbook without its sheets or columns, naming them', () => {
    expect(inVietnamese(surveyFromSheets([]).issues)).toEqual([
      { row: 1, column: 'Câu hỏi', reason: 'Tệp thiếu trang tính "Câu hỏi".' },
      { row: 1, column: 'Yếu tố', reason: 'Tệp thiếu trang tính "Yếu tố".' },
      { row: 1, column: 'Thông tin', reason: 'Tệp thiếu trang tính "Thông tin".' },
    ]);
    const noKind = sheetsWith((all) => {
      const sheet = all['Câu hỏi'] as SurveySheet;
      sheet.headers[QUESTION_COLUMN(sheet, 'Loại')] = 'Kiểu';
    });
    expect(inVietnamese(surveyFromSheets(noKind).issues)).toEqual([
      { row: 1, column: 'Câu hỏi › Loại', reason: 'Thiếu cột này trong dòng tiêu đề.' },
    ]);
  });

  it('refuses each unreadable cell of the questions by row and column', () => {
    const cases: [string, string, string, string][] = [
      [
        'DV1.1',
        'Loại',
        'Thang điểm',
        'Không rõ loại "Thang điểm" ("Thang 5 mức", "Có / Không", "Chọn một", "Ý kiến (chữ)").',
      ],
      [
        'DV1.1',
        'Hài lòng khi',
        '4;6',
        '"4;6" không phải các giá trị của câu hỏi (1, 2, 3, 4, 5), ví dụ "4;5".',
      ],
      ['DV1.GY', 'Hài lòng khi', '5', 'Câu trả lời bằng chữ không tính hài lòng: để trống.'],
      ['DV1.1', 'Bắt buộc', 'Có lẽ', 'Ghi "Có", "Không" hoặc để trống.'],
      ['DV1.1', 'Chưa xác nhận', '2', 'Ghi "Có", "Không" hoặc để trống.'],
      [
        'DV1.GY',
        'Tính điểm',
        'Có',
        'Chỉ câu hỏi thuộc một yếu tố và không phải ý kiến bằng chữ mới tính điểm.',
      ],
      [
        'DV1.5',
        'Điều kiện',
        'KENH là trực tuyến',
        'Điều kiện viết dạng MÃ=giá trị, ví dụ "KENH=2" hoặc "KENH=2;3" (đang là "KENH là trực tuyến").',
      ],
      ['DV1.1', 'Phương án', '1=Có; 2=Không', 'Chỉ câu hỏi "Chọn một" có phương án riêng: để trống.'],
      ['KENH', 'Phương án', 'Trực tiếp, Trực tuyến', 'Viết dạng "1=Trực tiếp; 2=Trực tuyến".'],
      [
        'KENH',
        'Phương án (tiếng Anh)',
        '1=In person; 7=Online',
        'Không có phương án 7 trong cột "Phương án".',
      ],
      [
        'KENH',
        'Kênh nộp hồ sơ',
        '1=Trực tiếp; 2=Zalo',
        'Không rõ kênh "Zalo" (Trực tiếp, Trực tuyến một phần, Trực tuyến toàn trình, Bưu chính công ích).',
      ],
    ];
    for (const [code, column, value, reason] of cases)
      expect(
        inVietnamese(surveyFromSheets(setQuestion(code, column, value)).issues),
        `${column}=${value}`,
      ).toEqual([{ row: rowOf(code), column: `Câu hỏi › ${column}`, reason }]);
  });

  it('refuses the rules between fields at their row: unknown element, later condition, repeated code, empty text', () => {
    const cases: [string, string, string, string][] = [
      ['DV2.1', 'Yếu tố', 'DV9', 'Không có yếu tố DV9.'],
      ['KENH', 'Điều kiện', 'DV1.1=4', 'Điều kiện phải dựa vào một câu hỏi đứng trước (DV1.1).'],
      ['DV1.2', 'Mã câu hỏi', 'DV1.1', 'Mã câu hỏi DV1.1 bị lặp.'],
      ['DV1.3', 'Câu hỏi', '', 'Chưa có câu hỏi.'],
      ['DV1.4', 'Mã câu hỏi', 'DV 1.4', 'Mã chỉ gồm chữ, số, ".", "-", "_" (tối đa 32 ký tự).'],
    ];
    for (const [code, column, value, reason] of cases)
      expect(
        inVietnamese(surveyFromSheets(setQuestion(code, column, value)).issues),
        `${column}=${value}`,
      ).toEqual([{ row: rowOf(code), column: `Câu hỏi › ${column}`, reason }]);
  });

  it('refuses the elements and the survey fields at their own sheet', () => {
    const repeated = sheetsWith((all) => {
      const row = (all['Yếu tố'] as SurveySheet).rows[1] as string[];
      row[0] = 'DV1';
    });
    // The repeated code, then each question of the element that is now missing (DV2's five rows).
    const refused = inVietnamese(surveyFromSheets(repeated).issues);
    expect(refused[0]).toEqual({ row: 3, column: 'Yếu tố › Mã yếu tố', reason: 'Mã yếu tố DV1 bị lặp.' });
    expect(refused.slice(1).map((issue) => issue.row)).toEqual([9, 10, 11, 12, 13]);
    const info = (label: string, value: string) =>
      sheetsWith((all) => {
        const row = (all['Thông tin'] as SurveySheet).rows.find((cells) => cells[0] === label) as string[];
        row[1] = value;
      });
    const infoRow = (label: string) =>
      (surveyToSheets(SIPAS)[2] as SurveySheet).rows.findIndex((cells) => cells[0] === label) + 2;
    const cases: [string, string, string][] = [
      ['Áp dụng từ năm', 'năm 2023', '"năm 2023" không phải một năm (ví dụ 2026).'],
      ['Đến năm', '2020', 'Năm kết thúc trước năm bắt đầu.'],
      ['Tình trạng', 'Tạm', 'Ghi "Đã xác nhận" hoặc "Chưa xác nhận".'],
      ['Số người trả lời tối thiểu', 'ba mươi', '"ba mươi" không phải một số người.'],
      ['Tên phiếu', '', 'Chưa có tên.'],
      [
        'Cách tính chỉ số',
        'Trung vị',
        'Không rõ cách tính "Trung vị" ("Tỷ lệ câu trả lời hài lòng" hoặc "Điểm trung bình quy về thang 100").',
      ],
    ];
    for (const [label, value, reason] of cases)
      expect(inVietnamese(surveyFromSheets(info(label, value)).issues), label).toEqual([
        { row: infoRow(label), column: `Thông tin › ${label}`, reason },
      ]);
    const unknown = sheetsWith((all) => {
      (all['Thông tin'] as SurveySheet).rows.push(['Người lập', 'Sở Nội vụ']);
    });
    expect(inVietnamese(surveyFromSheets(unknown).issues)[0]).toMatchObject({
      row: 13,
      column: 'Thông tin › Mục',
    });
  });

  it('keeps a province’s own choices: a new sub-index, satisfied values of a choice, scoring a yes/no', () => {
    const own: SurveyDefinition = {
      ...SIPAS,
      code: 'HY_HL',
      elements: [...SIPAS.elements, { code: 'SO', nameVi: 'Chuyển đổi số', subIndex: 'digital' }],
      questions: [
        ...SIPAS.questions,
        {
          code: 'SO.1',
          element: 'SO',
          kind: 'choice',
          textVi: 'Ông/bà dùng ứng dụng nào?',
          options: [
            { value: 1, vi: 'VNeID' },
            { value: 2, vi: 'Cổng dịch vụ công' },
          ],
          satisfied: [1],
          scored: true,
        },
        {
          code: 'SO.2',
          element: 'SO',
          kind: 'yesno',
          textVi: 'Có dễ dùng không?',
          scored: true,
          unconfirmed: true,
        },
        {
          code: 'SO.3',
          element: 'SO',
          kind: 'scale5',
          textVi: 'Mức hài lòng',
          scored: false,
          condition: { question: 'SO.1', in: [1, 2] },
        },
      ],
    };
    const { definition, issues } = surveyFromSheets(surveyToSheets(own));
    expect(issues).toEqual([]);
    expect(definition).toStrictEqual(own);
  });
});
