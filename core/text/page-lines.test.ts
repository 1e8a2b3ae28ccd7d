import { describe, expect, it } from 'vitest';
import { hasTextLayer, type LaidOutPage, type PagePiece, pagesToText } from './page-lines.ts';

const A4 = { width: 595, height: 842 };
/** A run of text at (x, baseline y), 13 pt, about half a point per… character width of 6.5 pt. */
const piece = (text: string, x: number, y: number, size = 13): PagePiece => ({
  text,
  x,
  y,
  width: text.length * size * 0.5,
  size,
});
const page = (pieces: PagePiece[]): LaidOutPage => ({ ...A4, pieces });

describe('pagesToText', () => {
  it('writes a two-column header column by column, the centred title after it', () => {
    const text = pagesToText([
      page([
        piece('ỦY BAN NHÂN DÂN', 60, 60, 12),
        piece('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 60, 12),
        piece('TỈNH HƯNG YÊN', 70, 76, 12),
        piece('Độc lập - Tự do - Hạnh phúc', 340, 76, 12),
        piece('Số: 29/KH-UBND', 75, 100, 12),
        piece('Hưng Yên, ngày 27 tháng 02 năm 2020', 320, 100, 12),
        piece('KẾ HOẠCH', 270, 140),
        piece('Nâng cao Chỉ số PAPI năm 2020', 200, 157),
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
      'Số: 29/KH-UBND',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hưng Yên, ngày 27 tháng 02 năm 2020',
      '',
      'KẾ HOẠCH',
      'Nâng cao Chỉ số PAPI năm 2020',
    ]);
  });

  it('joins a paragraph’s wrapped lines, keeps marked lines and indented first lines apart, spaces pieces by their gaps', () => {
    const body = [
      piece('a) Sở Tư pháp chủ trì rà soát, công bố thủ tục hành chính thuộc thẩm quyền', 98, 200),
      piece('giải quyết của tỉnh; hoàn thành trước ngày', 70, 217),
      piece('30/6/2026.', 70 + 44 * 6.5 + 3, 217),
      piece('b) Sở Nội vụ kiểm tra việc giải quyết hồ sơ.', 98, 234),
      piece('Định kỳ hằng quý báo cáo kết quả về Ủy ban nhân dân tỉnh để theo dõi, chỉ', 98, 251),
      piece('đạo.', 70, 268),
    ];
    expect(pagesToText([page(body)]).split('\n')).toEqual([
      'a) Sở Tư pháp chủ trì rà soát, công bố thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh; hoàn thành trước ngày 30/6/2026.',
      'b) Sở Nội vụ kiểm tra việc giải quyết hồ sơ.',
      'Định kỳ hằng quý báo cáo kết quả về Ủy ban nhân dân tỉnh để theo dõi, chỉ đạo.',
    ]);
  });

  it('does not join a short line ending a paragraph to the next one', () => {
    const text = pagesToText([
      page([
        piece('Thực hiện tốt công tác tuyên truyền về cải cách hành chính trên địa bàn', 98, 200),
        piece('tỉnh', 70, 217),
        piece('Ủy ban nhân dân các huyện chủ trì thực hiện nhiệm vụ này trong năm', 70, 234),
      ]),
    ]);
    expect(text.split('\n')).toEqual([
      'Thực hiện tốt công tác tuyên truyền về cải cách hành chính trên địa bàn tỉnh',
      'Ủy ban nhân dân các huyện chủ trì thực hiện nhiệm vụ này trong năm',
    ]);
  });

  it('drops page numbers and running heads, and writes a wider gap as a paragraph break', () => {
    const pages = [1, 2, 3].map((number) =>
      page([
        piece('Kế hoạch số 29/KH-UBND', 240, 30, 10),
        piece(`Dòng một trang ${number}.`, 98, 100),
        piece(`Dòng hai trang ${number}.`, 98, 117),
        piece(`Đoạn sau trang ${number}.`, 98, 160),
        piece(`- ${number} -`, 290, 810, 10),
      ]),
    );
    expect(pagesToText(pages).split('\n')).toEqual(
      [1, 2, 3].flatMap((number) => [
        `Dòng một trang ${number}.`,
        `Dòng hai trang ${number}.`,
        '',
        `Đoạn sau trang ${number}.`,
      ]),
    );
  });
});

describe('hasTextLayer', () => {
  it('is false when most pages have next to no letters (a scan with a page number or a stamp)', () => {
    const words = page([
      piece('Ủy ban nhân dân tỉnh ban hành kế hoạch cải cách hành chính năm 2026', 70, 100),
    ]);
    const bare = page([piece('2', 290, 810)]);
    expect(hasTextLayer([words, words, bare])).toBe(true);
    expect(hasTextLayer([words, bare, bare])).toBe(false);
    expect(hasTextLayer([])).toBe(false);
  });
});
