import { describe, expect, it } from 'vitest';
import { type LaidOutPage, type PagePiece, pagesToText } from './page-lines.ts';

const A4 = { width: 595, height: 842 };
/** A run of text at (x, baseline y), 12 pt, half a font size a character. */
const piece = (text: string, x: number, y: number, size = 12): PagePiece => ({
  text,
  x,
  y,
  width: text.length * size * 0.5,
  size,
});
const page = (pieces: PagePiece[]): LaidOutPage => ({ ...A4, pieces });

/** Column starts of a five-column task table: STT, task, lead, support, deadline. */
const [NUMBER, TASK, LEAD, SUPPORT, DUE] = [74, 110, 300, 390, 475] as const;

/** The header as Word centres it: one-line cells sit between the lines of the two-line ones. */
const header = (y: number) => [
  piece('Cơ quan', LEAD, y),
  piece('Cơ quan', SUPPORT, y),
  piece('Thời gian', DUE, y),
  piece('STT', NUMBER, y + 7),
  piece('Nội dung nhiệm vụ', TASK + 40, y + 7),
  piece('chủ trì', LEAD + 5, y + 14),
  piece('phối hợp', SUPPORT + 2, y + 14),
  piece('hoàn thành', DUE, y + 14),
];
const HEADER = '| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |';

/** A short line of a justified paragraph ended by a line break, stretched to the margins: its words evenly apart. */
const stretched = (words: string[], y: number, left = 98, right = 525) => {
  const widths = words.map((word) => word.length * 6);
  const gap = (right - left - widths.reduce((sum, width) => sum + width, 0)) / (words.length - 1);
  let x = left;
  return words.map((word, at) => {
    const placed = piece(word, x, y);
    x += (widths[at] ?? 0) + gap;
    return placed;
  });
};

describe('tables on a page', () => {
  it('writes a five-column table as pipe rows, wrapped cells joined, text around it as before', () => {
    const text = pagesToText([
      page([
        piece('I. NHIỆM VỤ CỤ THỂ', 70, 70, 13),
        ...header(100),
        // A group row, then rows 14 pt a line and 5 pt of padding between rows.
        piece('I', NUMBER + 2, 133),
        piece('Cải cách thủ tục hành chính', TASK, 133),
        piece('1', NUMBER + 2, 152),
        piece('Rà soát, công bố danh mục thủ', TASK, 152),
        piece('Văn phòng', LEAD, 152),
        piece('Sở Tư pháp;', SUPPORT, 152),
        piece('Quý I/2024', DUE, 152),
        piece('tục hành chính thuộc thẩm', TASK, 166),
        piece('UBND tỉnh', LEAD, 166),
        piece('các sở', SUPPORT, 166),
        piece('quyền của tỉnh', TASK, 180),
        // A row whose number is centred between its two lines.
        piece('Xin lỗi người dân khi hồ sơ', TASK, 199),
        piece('UBND các', LEAD, 199),
        piece('Thường', DUE, 199),
        piece('2', NUMBER + 2, 206),
        piece('trễ hạn', TASK, 213),
        piece('huyện', LEAD, 213),
        piece('xuyên', DUE, 213),
        piece('II. TỔ CHỨC THỰC HIỆN', 70, 250, 13),
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      'I. NHIỆM VỤ CỤ THỂ',
      HEADER,
      '| I | Cải cách thủ tục hành chính |  |  |  |',
      '| 1 | Rà soát, công bố danh mục thủ tục hành chính thuộc thẩm quyền của tỉnh | Văn phòng UBND tỉnh | Sở Tư pháp; các sở | Quý I/2024 |',
      '| 2 | Xin lỗi người dân khi hồ sơ trễ hạn | UBND các huyện |  | Thường xuyên |',
      'II. TỔ CHỨC THỰC HIỆN',
    ]);
  });

  it('reads rows without padding by their numbers, a cell’s wrapped lines having none', () => {
    const text = pagesToText([
      page([
        piece('STT', NUMBER, 100),
        piece('Nhiệm vụ', TASK, 100),
        piece('Chủ trì', LEAD, 100),
        piece('Phối hợp', SUPPORT, 100),
        piece('Thời gian', DUE, 100),
        piece('1', NUMBER + 2, 114),
        piece('Số hóa kết quả giải quyết', TASK, 114),
        piece('Sở Nội vụ', LEAD, 114),
        piece('Năm 2024', DUE, 114),
        piece('thủ tục hành chính', TASK, 128),
        piece('2', NUMBER + 2, 142),
        piece('Báo cáo kết quả', TASK, 142),
        piece('Sở Nội vụ', LEAD, 142),
        piece('Các sở', SUPPORT, 142),
        piece('Hằng quý', DUE, 142),
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      '| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |',
      '| 1 | Số hóa kết quả giải quyết thủ tục hành chính | Sở Nội vụ |  | Năm 2024 |',
      '| 2 | Báo cáo kết quả | Sở Nội vụ | Các sở | Hằng quý |',
    ]);
  });

  it('goes on over a page break: the header repeated atop the page dropped, a row broken by the page joined', () => {
    const first = page([
      piece('Phụ lục', 270, 60, 13),
      ...header(100),
      piece('1', NUMBER + 2, 133),
      piece('Công khai kết quả giải quyết', TASK, 133),
      piece('Sở Tư pháp', LEAD, 133),
      piece('Quý II/2024', DUE, 133),
      piece('hồ sơ trên Cổng dịch vụ công', TASK, 147),
      piece('1', 295, 810, 10),
    ]);
    const second = page([
      piece('2', 295, 35, 10),
      ...header(60),
      piece('của tỉnh', TASK, 93),
      piece('2', NUMBER + 2, 112),
      piece('Đối thoại với doanh nghiệp', TASK, 112),
      piece('Sở Tài chính', LEAD, 112),
      piece('Tháng 6/2024', DUE, 112),
      piece('Ghi chú: các sở báo cáo hằng quý về Sở Nội vụ để tổng hợp.', 98, 160, 13),
    ]);
    expect(pagesToText([first, second]).split('\n')).toEqual([
      'Phụ lục',
      HEADER,
      '| 1 | Công khai kết quả giải quyết hồ sơ trên Cổng dịch vụ công của tỉnh | Sở Tư pháp |  | Quý II/2024 |',
      '| 2 | Đối thoại với doanh nghiệp | Sở Tài chính |  | Tháng 6/2024 |',
      'Ghi chú: các sở báo cáo hằng quý về Sở Nội vụ để tổng hợp.',
    ]);
  });

  // Written exactly as before tables were read (the line with wide gaps is not joined, as before).
  it('does not take a signature block, a line with wide gaps or stretched lines for a table', () => {
    const text = pagesToText([
      page([
        piece('Thực hiện tốt công tác tuyên truyền về cải cách hành chính trên địa bàn', 98, 200),
        piece('tỉnh; các', 70, 217),
        piece('sở,', 160, 217),
        piece('ban, ngành phối hợp thực hiện.', 230, 217),
        piece('Nơi nhận:', 70, 300),
        piece('KT. CHỦ TỊCH', 380, 300),
        piece('- Như trên;', 70, 314),
        piece('PHÓ CHỦ TỊCH', 378, 314),
        piece('- Lưu: VT.', 70, 328),
        ...stretched(['-', 'Bộ', 'Nội', 'vụ;'], 420),
        ...stretched(['-', 'Sở', 'Tư', 'pháp;'], 434),
        ...stretched(['-', 'Sở', 'Nội', 'vụ.'], 448),
        piece('Nguyễn Văn A', 380, 380),
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      'Thực hiện tốt công tác tuyên truyền về cải cách hành chính trên địa bàn',
      'tỉnh; các sở, ban, ngành phối hợp thực hiện.',
      '',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      ...['-', 'Bộ', '-', 'Sở', '-', 'Sở'],
      '',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn A',
      // The stretched lines' words line up in gutters but are evenly apart: no table (written as before, in columns).
      ...['Nội', 'vụ;', 'Tư', 'pháp;', 'Nội', 'vụ.'],
    ]);
  });
});
