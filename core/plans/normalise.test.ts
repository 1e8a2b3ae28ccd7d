import { describe, expect, it } from 'vitest';
import { cleanLine, cleanLines, isSiteChrome, toParagraphs } from './normalise.ts';

const paragraphs = (text: string) => toParagraphs(cleanLines(text)).map((paragraph) => paragraph.text);

describe('cleanLine', () => {
  it('drops markdown residue and keeps the words', () => {
    expect(cleanLine('### **1. Đôi với nội dung “Tham gia của người dân”**')).toBe(
      '1. Đôi với nội dung “Tham gia của người dân”',
    );
    expect(cleanLine('c) *Đối với tiêu chí “Cải cách tài chính công”:*')).toBe(
      'c) Đối với tiêu chí “Cải cách tài chính công”:',
    );
    expect(cleanLine('xây dựng (*gửi Sở Nội vụ trước ngày 31/03/2020*).')).toBe(
      'xây dựng (gửi Sở Nội vụ trước ngày 31/03/2020).',
    );
    expect(cleanLine('- CV: HCTC<sup>Điều</sup>; Trung tâm PVHCC^{Thủy}; NC_{lmc440}.')).toBe(
      '- CV: HCTC; Trung tâm PVHCC; NC.',
    );
    expect(cleanLine('* một ý')).toBe('- một ý');
  });

  it('flattens table rows and drops rules, page numbers and horizontal lines', () => {
    expect(cleanLine('| CV | Số..... |')).toBe('CV Số.....');
    expect(cleanLine('|---------|--|')).toBe('');
    for (const furniture of ['- 3 -', '12', 'Trang 2/10', 'Page 4', '* * *', '_____']) {
      expect(cleanLine(furniture)).toBe('');
    }
    expect(cleanLine('2,5%')).toBe('2,5%');
  });
});

describe('cleanLines', () => {
  it('removes a running header repeated beside blank lines, not repeated items or wrapped tails', () => {
    const page = ['CÔNG BÁO/Số 12', '', '- Sở Nội vụ:', '+ Tham mưu kế hoạch', 'trên địa bàn tỉnh.', ''];
    const lines = cleanLines([...page, ...page, ...page].join('\n'));
    expect(lines.filter((line) => line === 'CÔNG BÁO/Số 12')).toHaveLength(0);
    expect(lines.filter((line) => line === '- Sở Nội vụ:')).toHaveLength(3);
    expect(lines.filter((line) => line === 'trên địa bàn tỉnh.')).toHaveLength(3);
  });
});

describe('isSiteChrome', () => {
  it('drops a web page’s buttons and counters, not a line of the document', () => {
    for (const line of [
      'A A A',
      'Cỡ chữ: A- A A+',
      'Chia sẻ',
      'In trang',
      'Lượt xem: 1.234',
      'Facebook | Zalo | Email',
      '[Quảng cáo]',
    ])
      expect([line, isSiteChrome(line)]).toEqual([line, true]);
    for (const line of [
      'Chia sẻ dữ liệu giữa các sở, ngành.',
      'In ấn tài liệu tuyên truyền',
      'Quay lại nội dung tại Mục II',
    ])
      expect([line, isSiteChrome(line)]).toEqual([line, false]);
  });
});

describe('toParagraphs', () => {
  it('joins a sentence cut by a page break and starts a paragraph at each marker', () => {
    expect(
      paragraphs(
        'd) Thực hiện tốt công tác tiếp công dân thông qua các cuộc họp\n\n12\n\nthường xuyên.\n\ne) Tiếp tục.',
      ),
    ).toEqual([
      'd) Thực hiện tốt công tác tiếp công dân thông qua các cuộc họp thường xuyên.',
      'e) Tiếp tục.',
    ]);
  });

  it('undoes a hard wrap, even where a line starts with "- " inside "kinh tế - xã hội"', () => {
    const wrapped = [
      'II. NHIỆM VỤ',
      '',
      'a) Nâng cấp lưới điện nhằm đảm bảo cung cấp điện phục vụ kinh tế',
      '- xã hội và điện lưới phục vụ sinh hoạt của người dân trên',
      'địa bàn tỉnh; tăng tỷ lệ hộ sử dụng điện thường xuyên, an toàn.',
      '- Từng bước thực hiện nhựa hóa các tuyến đường ở nông thôn để',
      'phục vụ nhu cầu đi lại, sản xuất kinh doanh của nhân dân.',
      'b) Giữ vững an ninh, trật tự trên địa bàn khu dân cư.',
      '',
      'III. MỤC TIÊU',
      'Kết quả Chỉ số PAPI nằm trong nhóm 20 tỉnh dẫn đầu cả nước.',
    ];
    expect(paragraphs(wrapped.join('\n'))).toEqual([
      'II. NHIỆM VỤ',
      'a) Nâng cấp lưới điện nhằm đảm bảo cung cấp điện phục vụ kinh tế - xã hội và điện lưới phục vụ sinh hoạt của người dân trên địa bàn tỉnh; tăng tỷ lệ hộ sử dụng điện thường xuyên, an toàn.',
      '- Từng bước thực hiện nhựa hóa các tuyến đường ở nông thôn để phục vụ nhu cầu đi lại, sản xuất kinh doanh của nhân dân.',
      'b) Giữ vững an ninh, trật tự trên địa bàn khu dân cư.',
      'III. MỤC TIÊU',
      'Kết quả Chỉ số PAPI nằm trong nhóm 20 tỉnh dẫn đầu cả nước.',
    ]);
  });

  it('keeps a signature block apart from the last paragraph', () => {
    const body = `${'Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương '.repeat(3)}khu vực công./.np`;
    expect(paragraphs(`4. Đề nghị Ủy ban MTTQ\n\n${body}\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH`)).toEqual([
      '4. Đề nghị Ủy ban MTTQ',
      body,
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ]);
  });
});
