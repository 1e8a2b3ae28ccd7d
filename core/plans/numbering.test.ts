import { describe, expect, it } from 'vitest';
import { classifyMarker } from './markers.ts';
import { cleanLines, toParagraphs } from './normalise.ts';
import { buildOutline, walk } from './numbering.ts';

function outline(text: string) {
  const warnings: string[] = [];
  const root = buildOutline(toParagraphs(cleanLines(text)), warnings);
  return { refs: [...walk(root)].map((node) => node.ref), warnings, root };
}

describe('classifyMarker', () => {
  it('reads the numbering of Nghị định 30/2020 and its OCR slips', () => {
    const cases: Array<[string, string | null, string]> = [
      ['II. NHIỆM VỤ', 'roman', 'II'],
      ['I1. NHIỆM VỤ', 'roman', 'II'],
      ['Il. NHIỆM VỤ', 'roman', 'II'],
      ['III- TỔ CHỨC THỰC HIỆN', 'roman', 'III'],
      ['11. Sở Công Thương', 'arabic', '11'],
      ['2.1. Đối với Chỉ số PAR INDEX', 'decimal', '2.1'],
      ['2.l. Đối với Chỉ số PAR INDEX', 'decimal', '2.1'],
      ['1O. Sở Y tế', 'arabic', '10'],
      ['l2) Sở Tư pháp', 'arabic', '12'],
      ['S. Sở Tài nguyên và Môi trường', 'arabic', '5'],
      ['¢) Thực hiện quy trình', 'letter', 'c'],
      ['đ) Tổ chức lấy ý kiến', 'letter', 'đ'],
      ['a. Mục đích', 'letter', 'a'],
      ['- Sở Tư pháp:', 'dash', ''],
      ['+ Theo dõi, đôn đốc', 'plus', ''],
      ['Điều 3. Chánh Văn phòng', 'article', '3'],
      ['Phần II', 'part', 'II'],
    ];
    for (const [text, kind, label] of cases) {
      expect(classifyMarker(text), text).toMatchObject({ kind, label });
    }
    for (const text of [
      'S.cải cách',
      '2,5% số đơn vị',
      '2.5% số đơn vị',
      'V/v triển khai',
      'Căn cứ Luật',
      '30% cấp xã',
    ]) {
      expect(classifyMarker(text), text).toBeNull();
    }
  });
});

describe('buildOutline', () => {
  it('follows the document numbering, counting unnumbered bullets in order', () => {
    const { refs } = outline(
      'II. NHIỆM VỤ\n1. Nội dung một\na) Các huyện thực hiện:\n- Việc một.\n- Việc hai.\n+ Chi tiết.\nb) Việc khác.\n2. Một số nhiệm vụ cụ thể:\n2.1. Đối với PAPI\na) Việc.',
    );
    expect(refs).toEqual([
      'II',
      'II.1',
      'II.1.a',
      'II.1.a.1',
      'II.1.a.2',
      'II.1.a.2.1',
      'II.1.b',
      'II.2',
      'II.2.1',
      'II.2.1.a',
    ]);
  });

  it('keeps refs unique through numbering slips and says what it did', () => {
    const { refs, warnings } = outline(
      '1. Một\na) x\nb) x\nc) x\nd) x\nd) x\ne) x\n2. Hai\nk) x\nl) x\nl) x\nm) x\n2. Lặp',
    );
    expect(refs).toEqual([
      '1',
      '1.a',
      '1.b',
      '1.c',
      '1.d',
      '1.đ',
      '1.e',
      '2',
      '2.k',
      '2.l',
      '2.l-2',
      '2.m',
      '2-2',
    ]);
    expect(warnings).toEqual([
      'Dòng 6: điểm "d)" lặp lại, hiểu là "đ)".',
      'Dòng 11: số thứ tự "l)" lặp lại, ghi là "l-2".',
      'Dòng 13: số thứ tự "2." lặp lại, ghi là "2-2".',
    ]);
  });

  it('reads "I." inside section II as the "1." an OCR took for a capital I', () => {
    const { refs, warnings } = outline(
      'I. MỤC ĐÍCH\n1. Mục đích\nII. NHIỆM VỤ\nI. Đối với nội dung “Quản trị điện tử”\na) x\n2. Hai\nIII. TỔ CHỨC',
    );
    expect(refs).toEqual(['I', 'I.1', 'II', 'II.1', 'II.1.a', 'II.2', 'III']);
    expect(warnings).toEqual([]);
  });

  it('attaches unnumbered paragraphs to the item they follow', () => {
    const { root } = outline('1. Sở Tư pháp\n\nChủ trì, phối hợp với các cơ quan.\n\n2. Sở Tài chính');
    expect(root.children[0]?.paragraphs).toEqual(['Sở Tư pháp', 'Chủ trì, phối hợp với các cơ quan.']);
  });
});
