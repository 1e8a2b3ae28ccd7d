import { describe, expect, it } from 'vitest';
import { responsibilityOf } from './agencies.ts';
import { toMatchText } from './match-key.ts';

const read = (sentence: string) => responsibilityOf(toMatchText(sentence));

describe('responsibilityOf', () => {
  it('takes the subject as lead and the units after "phối hợp với" as coordinating', () => {
    expect(
      read('Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ, Sở Tài chính và UBND cấp huyện rà soát văn bản.'),
    ).toEqual({
      lead: ['Sở Tư pháp'],
      support: ['Sở Nội vụ', 'Sở Tài chính', 'UBND cấp huyện'],
    });
    expect(read('UBND cấp huyện chỉ đạo UBND cấp xã thực hiện:')).toEqual({
      lead: ['UBND cấp huyện'],
      support: [],
    });
  });

  it('does not take an object of the sentence for the lead', () => {
    expect(
      read('Tham mưu UBND tỉnh ban hành kế hoạch, báo cáo UBND tỉnh (qua Sở Nội vụ tổng hợp).').lead,
    ).toEqual([]);
    expect(read('Phối hợp hoạt động giữa các sở, ban, ngành trong công tác quốc phòng.').support).toEqual([]);
  });

  it('reads lists of units, titles before them and the units an assigning body names', () => {
    expect(
      read('Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố căn cứ chức năng…').lead,
    ).toEqual(['Các sở, ban, ngành', 'UBND cấp huyện']);
    expect(read('Giao Sở Nội vụ chủ trì tổng hợp.').lead).toEqual(['Sở Nội vụ']);
    expect(read('UBND tỉnh giao Sở Y tế chủ trì triển khai.').lead).toEqual(['Sở Y tế']);
    expect(
      read('Đề nghị Ủy ban Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội các cấp giám sát.').lead,
    ).toEqual(['Ủy ban MTTQ Việt Nam tỉnh', 'Các đoàn thể chính trị - xã hội']);
    expect(read('Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Sở Tài chính.')).toEqual({
      lead: ['Sở Y tế'],
      support: ['Sở Tài chính'],
    });
  });

  it('names a specific district or newspaper with its proper name', () => {
    expect(
      read('Sở Tài nguyên và Môi trường và UBND các huyện Nghĩa Hành, Ba Tơ đẩy nhanh việc triển khai.').lead,
    ).toEqual(['Sở Tài nguyên và Môi trường', 'UBND huyện Nghĩa Hành', 'UBND huyện Ba Tơ']);
    expect(read('UBND huyện Lý Sơn xây dựng đề án.').lead).toEqual(['UBND huyện Lý Sơn']);
    expect(read('Báo Hưng Yên, Đài Phát thanh và Truyền hình Hưng Yên đưa tin.').lead).toEqual([
      'Báo Hưng Yên',
      'Đài Phát thanh và Truyền hình tỉnh',
    ]);
  });

  it('recognises units written without diacritics, in short form, or damaged by OCR', () => {
    expect(read('So Tu phap chu tri, phoi hop voi So Noi vu.')).toEqual({
      lead: ['Sở Tư pháp'],
      support: ['Sở Nội vụ'],
    });
    expect(read('Sở TN&MT chủ trì, phối hợp Sở NN&PTNT.')).toEqual({
      lead: ['Sở Tài nguyên và Môi trường'],
      support: ['Sở Nông nghiệp và Phát triển nông thôn'],
    });
    expect(read('5ở N6i vụ tham mưu UBND tỉnh.').lead).toEqual(['Sở Nội vụ']);
    expect(read('UBND cac huyen, thi xa, thanh pho trien khai.').lead).toEqual(['UBND cấp huyện']);
  });
});

describe('groups as documents name them', () => {
  it('reads each way of naming all communes or all departments as the group, with a title before it', () => {
    const cases: [string, string][] = [
      ['UBND cấp xã tổ chức thực hiện.', 'UBND cấp xã'],
      ['UBND các xã, phường tổ chức thực hiện.', 'UBND cấp xã'],
      ['UBND các xã, phường, đặc khu tổ chức thực hiện.', 'UBND cấp xã'],
      ['Chủ tịch UBND các xã, phường chỉ đạo thực hiện.', 'UBND cấp xã'],
      ['Các sở, ban, ngành tổ chức thực hiện.', 'Các sở, ban, ngành'],
      ['Các sở, ban, ngành tỉnh tổ chức thực hiện.', 'Các sở, ban, ngành'],
      ['Các cơ quan chuyên môn thuộc UBND tỉnh tổ chức thực hiện.', 'Các sở, ban, ngành'],
      ['Thủ trưởng các sở, ban, ngành chỉ đạo thực hiện.', 'Các sở, ban, ngành'],
    ];
    for (const [sentence, lead] of cases) expect(read(sentence).lead, sentence).toEqual([lead]);
  });
});
