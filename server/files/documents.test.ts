import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import { htmlToPlanText, readDocument } from './documents.ts';

const readText = async (fileName: string, data: Buffer) => {
  const read = await readDocument(fileName, data);
  if (!('text' in read)) throw new Error('read as a scan');
  return read.text;
};

describe('htmlToPlanText', () => {
  it('writes Word’s automatic numbering out as plans number by hand, and tables as pipe rows', () => {
    const html =
      '<p>KẾ HOẠCH</p><ol><li>Mục một<ol><li>Việc <strong>a</strong></li><li><p>Việc b</p></li></ol></li><li>Mục hai</li></ol>' +
      '<ul><li>gạch<ul><li>cộng</li></ul></li></ul>' +
      '<table><tr><td><p>Nội dung</p></td><td>Chủ trì</td></tr><tr><td>Rà soát &amp; công bố</td><td>Sở Nội vụ</td></tr></table>';
    expect(htmlToPlanText(html).split('\n')).toEqual([
      'KẾ HOẠCH',
      '1. Mục một',
      'a) Việc a',
      'b) Việc b',
      '2. Mục hai',
      '- gạch',
      '+ cộng',
      '| Nội dung | Chủ trì |',
      '| Rà soát & công bố | Sở Nội vụ |',
    ]);
  });
});

describe('readDocumentText', () => {
  it('reads a .docx with automatic numbering and a task table into tasks', async () => {
    const numbered = (text: string, level: number) =>
      new Paragraph({ text, numbering: { reference: 'plan', level } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'plan',
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
              { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph('ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN'),
            new Paragraph('Số: 12/KH-UBND'),
            new Paragraph('Hưng Yên, ngày 10 tháng 3 năm 2026'),
            new Paragraph('KẾ HOẠCH'),
            new Paragraph('Cải thiện Chỉ số PAPI năm 2026'),
            new Paragraph('II. NHIỆM VỤ, GIẢI PHÁP'),
            numbered('Đối với nội dung “Thủ tục hành chính công”', 0),
            numbered(
              'Sở Tư pháp chủ trì rà soát, công bố thủ tục hành chính, hoàn thành trước ngày 30/6/2026.',
              1,
            ),
            numbered('Sở Nội vụ chủ trì kiểm tra việc giải quyết hồ sơ đúng hạn.', 1),
            new Table({
              rows: [
                new TableRow({
                  children: ['Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian hoàn thành'].map(
                    (text) => new TableCell({ children: [new Paragraph(text)] }),
                  ),
                }),
                new TableRow({
                  children: [
                    'Cập nhật cơ sở dữ liệu quốc gia về thủ tục hành chính',
                    'Văn phòng UBND tỉnh',
                    'Quý II/2026',
                  ].map((text) => new TableCell({ children: [new Paragraph(text)] })),
                }),
              ],
            }),
          ],
        },
      ],
    });
    const text = await readText('ke-hoach.docx', await Packer.toBuffer(doc));
    expect(text).toContain('1. Đối với nội dung “Thủ tục hành chính công”');
    expect(text).toContain('a) Sở Tư pháp chủ trì');
    expect(text).toContain(
      '| Cập nhật cơ sở dữ liệu quốc gia về thủ tục hành chính | Văn phòng UBND tỉnh | Quý II/2026 |',
    );
    const plan = parsePlan(text);
    expect(plan.document.number).toBe('12/KH-UBND');
    const byLead = new Map(plan.tasks.map((task) => [task.lead[0], task]));
    expect(byLead.get('Sở Tư pháp')).toMatchObject({ dimension: 'PAPI.5', due: '2026-06-30' });
    // The table under b) is read as b)'s tasks, one per row.
    expect(byLead.get('Văn phòng UBND tỉnh')).toMatchObject({ dimension: 'PAPI.5', due: '2026-06-30' });
  });

  it('refuses what is not a readable document, saying what to do', async () => {
    await expect(readText('hong.docx', Buffer.from('PK\u0003\u0004 broken'))).rejects.toThrow(
      /không đọc được/i,
    );
    await expect(
      readText('ke-hoach.txt', Buffer.from([0x4b, 0xd5, 0x20, 0x48, 0x4f, 0xb8, 0x43, 0x48])),
    ).rejects.toThrow(/UTF-8|TCVN3|VNI/);
  });
});
