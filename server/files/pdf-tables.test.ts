import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { planTextToDocx, planTextToPdf } from '../test/plan-pdf.ts';
import { readDocument } from './documents.ts';
import { convertWithLibreOffice } from './libreoffice.ts';
import { findSoffice } from './system-tools.ts';

/** A plan whose tasks are all in a table, long enough to run over a page, cells long enough to wrap. */
const TASKS = [
  [
    '1',
    'Rà soát, công bố, công khai đầy đủ danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của cấp tỉnh, cấp xã trên Cổng dịch vụ công',
    'Văn phòng UBND tỉnh',
    'Sở Tư pháp',
    'Quý I/2026',
  ],
  [
    '2',
    'Xin lỗi người dân, doanh nghiệp bằng văn bản khi hồ sơ giải quyết quá hạn, công khai lý do trễ hạn',
    'UBND các xã, phường',
    '',
    'Thường xuyên',
  ],
  [
    '3',
    'Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực, bảo đảm tái sử dụng dữ liệu đã số hóa',
    'Sở Khoa học và Công nghệ',
    'Các sở, ban, ngành',
    '31/10/2026',
  ],
  [
    '4',
    'Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với người dân về cải cách hành chính',
    'UBND các xã, phường',
    'Ủy ban MTTQ Việt Nam tỉnh',
    'Tháng 9/2026',
  ],
  [
    '5',
    'Công khai dự toán, quyết toán ngân sách của tỉnh trên cổng thông tin điện tử đúng thời hạn luật định',
    'Sở Tài chính',
    '',
    'Trước 30/6/2026',
  ],
  [
    '6',
    'Kiểm tra việc thực hiện quy tắc ứng xử của cán bộ, công chức tại bộ phận một cửa các cấp',
    'Sở Nội vụ',
    'Thanh tra tỉnh',
    'Quý III/2026',
  ],
  [
    '7',
    'Nâng cấp hệ thống thông tin giải quyết thủ tục hành chính, kết nối với Cơ sở dữ liệu quốc gia về dân cư',
    'Sở Khoa học và Công nghệ',
    'Công an tỉnh',
    'Quý IV/2026',
  ],
  [
    '8',
    'Tuyên truyền về quyền giám sát của người dân đối với việc thực hiện dân chủ ở cơ sở',
    'Sở Văn hóa, Thể thao và Du lịch',
    'UBND các xã, phường',
    'Năm 2026',
  ],
  [
    '9',
    'Nâng cấp Cổng dịch vụ công của tỉnh, bảo đảm người dân nộp hồ sơ trực tuyến toàn trình thuận lợi',
    'Sở Khoa học và Công nghệ',
    'Văn phòng UBND tỉnh',
    'Quý III/2026',
  ],
  [
    '10',
    'Hướng dẫn người dân sử dụng dịch vụ công trực tuyến tại bộ phận một cửa các xã, phường',
    'UBND các xã, phường',
    'Tỉnh đoàn',
    'Thường xuyên',
  ],
  [
    '11',
    'Công khai thông tin quy hoạch, kế hoạch sử dụng đất và khung giá đất trên cổng thông tin điện tử',
    'Sở Nông nghiệp và Môi trường',
    'UBND các xã, phường',
    '30/9/2026',
  ],
  [
    '12',
    'Thu thập ý kiến người dân về chất lượng phục vụ của các cơ quan hành chính nhà nước',
    'Sở Nội vụ',
    '',
    'Tháng 11/2026',
  ],
];
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const PLAN = `ỦY BAN NHÂN DÂN
TỈNH HƯNG YÊN
Số: 52/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hưng Yên, ngày 20 tháng 3 năm 2026

KẾ HOẠCH

Cải thiện Chỉ số PAPI tỉnh Hưng Yên năm 2026

I. NHIỆM VỤ CỤ THỂ

${row(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'])}
|---|---|---|---|---|
${row(['I', 'Thủ tục hành chính công', '', '', ''])}
${TASKS.slice(0, 3).map(row).join('\n')}
${row(['II', 'Tham gia của người dân ở cấp cơ sở', '', '', ''])}
${TASKS.slice(3, 5).map(row).join('\n')}
${row(['III', 'Kiểm soát tham nhũng trong khu vực công', '', '', ''])}
${TASKS.slice(5, 8).map(row).join('\n')}
${row(['IV', 'Quản trị điện tử', '', '', ''])}
${TASKS.slice(8).map(row).join('\n')}

II. TỔ CHỨC THỰC HIỆN

Sở Nội vụ chủ trì theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch này; định kỳ hằng quý báo cáo Ủy ban nhân dân tỉnh./.
`;

/** What the importer takes from the table: every task's text (folded), lead units, deadline and dimension. */
function reading(text: string) {
  const plan = parsePlan(text);
  return {
    number: plan.document.number,
    tasks: plan.tasks.map((task) => ({
      text: foldVietnamese(task.text),
      lead: task.lead,
      support: task.support,
      due: task.due,
      dimension: task.dimension,
    })),
  };
}

async function pdfText(data: Buffer): Promise<string> {
  const read = await readDocument('ke-hoach.pdf', data);
  if (!('text' in read)) throw new Error('the PDF was taken for a scan');
  return read.text;
}

describe('a plan whose tasks are a table, as PDF', () => {
  const expected = reading(PLAN);

  it('reads the source’s tasks (the figures the PDFs must match)', () => {
    expect(expected.number).toBe('52/KH-UBND');
    expect(expected.tasks[0]).toEqual({
      text: foldVietnamese(TASKS[0]?.[1] ?? ''),
      lead: ['Văn phòng UBND tỉnh'],
      support: ['Sở Tư pháp'],
      due: '2026-03-31',
      dimension: 'PAPI.5',
    });
    // Twelve tasks of the table under their group's dimension, then the one of "Tổ chức thực hiện".
    expect(expected.tasks.map((task) => [task.lead.join(', '), task.due, task.dimension])).toEqual([
      ['Văn phòng UBND tỉnh', '2026-03-31', 'PAPI.5'],
      ['UBND cấp xã', '2026-12-31', 'PAPI.5'],
      ['Sở Khoa học và Công nghệ', '2026-10-31', 'PAPI.5'],
      ['UBND cấp xã', '2026-09-30', 'PAPI.1'],
      ['Sở Tài chính', '2026-06-30', 'PAPI.1'],
      ['Sở Nội vụ', '2026-09-30', 'PAPI.4'],
      ['Sở Khoa học và Công nghệ', '2026-12-31', 'PAPI.4'],
      ['Sở Văn hóa, Thể thao và Du lịch', '2026-12-31', 'PAPI.4'],
      ['Sở Khoa học và Công nghệ', '2026-09-30', 'PAPI.8'],
      ['UBND cấp xã', '2026-12-31', 'PAPI.8'],
      ['Sở Nông nghiệp và Môi trường', '2026-09-30', 'PAPI.8'],
      ['Sở Nội vụ', '2026-11-30', 'PAPI.8'],
      ['Sở Nội vụ', '2026-12-31', null],
    ]);
  });

  it('typeset by pdf-lib, cells wrapped at their columns over two pages, reads as its source', async () => {
    const text = await pdfText(await planTextToPdf(PLAN));
    expect(reading(text)).toEqual(expected);
  });

  const soffice = findSoffice();
  // Optional on a developer's machine; CI installs LibreOffice and sets CHISO_REQUIRE_LIBREOFFICE.
  it.skipIf(!soffice && !process.env.CHISO_REQUIRE_LIBREOFFICE)(
    'as a Word table printed to PDF by LibreOffice, reads as the .docx does',
    async () => {
      const docx = await planTextToDocx(PLAN);
      const fromDocx = await readDocument('ke-hoach.docx', docx);
      if (!('text' in fromDocx)) throw new Error('the .docx was not read as text');
      const docxReading = reading(fromDocx.text);
      expect(docxReading.tasks.map((task) => task.text)).toEqual(expected.tasks.map((task) => task.text));
      const pdf = await convertWithLibreOffice(docx, { from: 'docx', to: 'pdf' });
      expect(reading(await pdfText(pdf))).toEqual(docxReading);
    },
    150_000,
  );
});
