import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedAnswers, paperRowsOf, readPaperDate } from './paper-table.ts';
import type { SurveyDefinition } from './survey.ts';

const SIPAS: SurveyDefinition = JSON.parse(
  readFileSync(new URL('../../reference/surveys/SIPAS-2023-2026.json', import.meta.url), 'utf8'),
);
const question = (code: string) => {
  const found = SIPAS.questions.find((candidate) => candidate.code === code);
  if (!found) throw new Error(code);
  return found;
};

describe('paperRowsOf: a file of paper forms as rows', () => {
  it('matches headers ignoring case, diacritics and separators, and numbers rows as in the file', () => {
    const { rows, issues } = paperRowsOf(SIPAS, {
      headers: ['so phieu', 'NGÀY', 'ma ho so', 'kenh', 'dv1.1', 'DV1 2', 'gopy'],
      rows: [
        ['P-1', '05/03/2026', '', '1', '4', 'Hài lòng', ' Tốt '],
        ['', '', '', '', '', '', ''],
        ['P-2', '', 'HS-9', '2', '5', '', ''],
      ],
    });
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        answers: { KENH: '1', 'DV1.1': '4', 'DV1.2': 'Hài lòng', GOPY: 'Tốt' },
        answeredOn: '2026-03-05',
        paperNumber: 'P-1',
        dossierCode: null,
      },
      {
        row: 4,
        answers: { KENH: '2', 'DV1.1': '5' },
        answeredOn: '',
        paperNumber: 'P-2',
        dossierCode: 'HS-9',
      },
    ]);
  });

  it('gives rows without a date the default date, and keeps a date that is none as typed', () => {
    const { rows } = paperRowsOf(
      SIPAS,
      {
        headers: ['Ngày', 'DV1.1'],
        rows: [
          ['', '3'],
          ['31/02/2026', '3'],
          ['46086', '3'],
        ],
      },
      { defaultDate: '2026-03-10' },
    );
    expect(rows.map((row) => row.answeredOn)).toEqual(['2026-03-10', '31/02/2026', '2026-03-05']);
  });

  it('refuses an unknown column and a repeated one by name, on row 1, and reads no row then', () => {
    const { rows, issues } = paperRowsOf(SIPAS, {
      headers: ['DV1.1', 'DV9.9', 'dv1.1', 'Date', 'Ngày'],
      rows: [['4', '4', '4', '01/03/2026', '01/03/2026']],
    });
    expect(rows).toEqual([]);
    expect(issues.map((issue) => [issue.row, issue.column])).toEqual([
      [1, 'DV9.9'],
      [1, 'dv1.1'],
      [1, 'Ngày'],
    ]);
    expect(issues[0]?.reason.vi).toBe(`Phiếu "${SIPAS.nameVi}" không có câu hỏi mã "DV9.9".`);
    expect(issues[1]?.reason.vi).toBe('Cột này trùng với cột "DV1.1".');
  });

  it('ignores an empty column without a header, refuses one that holds data', () => {
    expect(paperRowsOf(SIPAS, { headers: ['DV1.1', ''], rows: [['4', '']] }).issues).toEqual([]);
    const { issues } = paperRowsOf(SIPAS, {
      headers: ['DV1.1', ''],
      rows: [
        ['4', ''],
        ['4', 'x'],
      ],
    });
    expect(issues).toEqual([
      {
        row: 1,
        column: '#2',
        reason: {
          vi: 'Cột thứ 2 có dữ liệu nhưng không có tiêu đề (mã câu hỏi).',
          en: 'Column 2 holds data but has no header (question code).',
        },
      },
    ]);
  });
});

describe('readPaperDate and allowedAnswers', () => {
  it('reads dd/mm/yyyy, ISO (an Excel date cell) and an Excel serial; anything else stays as typed', () => {
    expect(readPaperDate('5/3/2026')).toBe('2026-03-05');
    expect(readPaperDate('2026-03-05')).toBe('2026-03-05');
    expect(readPaperDate('45658')).toBe('2025-01-01');
    expect(readPaperDate('hôm qua')).toBe('hôm qua');
    expect(readPaperDate('12345')).toBe('12345');
  });

  it('lists the answers a column takes', () => {
    expect(allowedAnswers(question('DV1.1'))).toBe(
      '1 (Rất không hài lòng), 2 (Không hài lòng), 3 (Bình thường), 4 (Hài lòng), 5 (Rất hài lòng)',
    );
    expect(allowedAnswers(question('TIEN'), 'en')).toBe('1 (Yes), 0 (No)');
    expect(allowedAnswers(question('GOPY'))).toBe('Ý kiến bằng chữ (không bắt buộc)');
  });
});
