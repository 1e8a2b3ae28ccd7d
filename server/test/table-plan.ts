/**
 * A plan whose tasks are all in a table (four groups, twelve tasks), long enough to run over a page,
 * cells long enough to wrap: printed by pdf-lib, its first page holds the header and tasks 1–8.
 */
export const TABLE_PLAN_TASKS = [
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
export const TABLE_PLAN = `ỦY BAN NHÂN DÂN
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
${TABLE_PLAN_TASKS.slice(0, 3).map(row).join('\n')}
${row(['II', 'Tham gia của người dân ở cấp cơ sở', '', '', ''])}
${TABLE_PLAN_TASKS.slice(3, 5).map(row).join('\n')}
${row(['III', 'Kiểm soát tham nhũng trong khu vực công', '', '', ''])}
${TABLE_PLAN_TASKS.slice(5, 8).map(row).join('\n')}
${row(['IV', 'Quản trị điện tử', '', '', ''])}
${TABLE_PLAN_TASKS.slice(8).map(row).join('\n')}

II. TỔ CHỨC THỰC HIỆN

Sở Nội vụ chủ trì theo dõi, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch này; định kỳ hằng quý báo cáo Ủy ban nhân dân tỉnh./.
`;
