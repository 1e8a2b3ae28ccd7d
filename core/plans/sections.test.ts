import { describe, expect, it } from 'vitest';
import { cleanLines, toParagraphs } from './normalise.ts';
import { buildOutline, walk } from './numbering.ts';
import { isAssignmentHeading, sectionRoles } from './sections.ts';

function roles(text: string) {
  const root = buildOutline(toParagraphs(cleanLines(text)), []);
  const found = sectionRoles(root);
  return [...walk(root)].map((node) => [node.ref, found.get(node) ?? null, isAssignmentHeading(node)]);
}

describe('headingRole', () => {
  it('reads the headings an OCR damaged by their letters’ skeletons', () => {
    expect(
      roles(
        ['I. MỤC PÍCH, YÊU CẦU', 'II. MỤC T1ÊU', 'III. NHIỆM VỤ, GIẢI PLIÁP', 'IV. TỔ CHỨC TIIỰC HIỆN'].join(
          '\n',
        ),
      ),
    ).toEqual([
      ['I', 'purpose', false],
      ['II', 'objectives', false],
      ['III', 'tasks', false],
      ['IV', 'organisation', false],
    ]);
  });

  it('reads what a section is for from the first words of its heading', () => {
    expect(
      roles(
        [
          'I. KẾT QUẢ THỰC HIỆN NĂM 2023',
          'II. NGUYÊN NHÂN CỦA HẠN CHẾ',
          'III. MỤC ĐÍCH, YÊU CẦU',
          'IV. MỤC TIÊU, CHỈ TIÊU',
          'V. CÁC NHIỆM VỤ, GIẢI PHÁP KHẮC PHỤC HẠN CHẾ',
          '1. Đánh giá, phân loại công chức',
          'a) Kiểm tra, đánh giá định kỳ công tác kiểm soát TTHC.',
          'VI. PHÂN CÔNG CÁC ĐƠN VỊ ĐẦU MỐI',
          'VII. KINH PHÍ THỰC HIỆN',
          'VIII. TỔ CHỨC THỰC HIỆN',
          '1. Mục tiêu',
          '- Các sở thực hiện.',
        ].join('\n'),
      ),
    ).toEqual([
      ['I', 'context', false],
      ['II', 'context', false],
      ['III', 'purpose', false],
      ['IV', 'objectives', false],
      ['V', 'tasks', false],
      // A task heading inside the tasks section that happens to start with "Đánh giá".
      ['V.1', null, false],
      ['V.1.a', null, false],
      ['VI', 'organisation', true],
      ['VII', 'funding', false],
      ['VIII', 'organisation', false],
      ['VIII.1', 'objectives', false],
      ['VIII.1.1', null, false],
    ]);
  });
});
