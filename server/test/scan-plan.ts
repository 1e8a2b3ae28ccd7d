import { readOfficeFile } from '../files/office.ts';
import { tesseractState } from '../files/system-tools.ts';
import { planTextToPdf, scannedPdf } from './plan-pdf.ts';

/**
 * A one-page plan to scan: header, four tasks under four PAPI dimensions, one deadline. Printed with
 * pdf-lib, drawn at 300 dpi as a scanner would, and given as that PNG or as a PDF holding only the image.
 */
export const SCAN_PLAN = `ỦY BAN NHÂN DÂN
TỈNH HƯNG YÊN
Số: 45/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hưng Yên, ngày 15 tháng 3 năm 2026

KẾ HOẠCH
Nâng cao Chỉ số PAPI tỉnh Hưng Yên năm 2026

I. NHIỆM VỤ, GIẢI PHÁP

1. Đối với nội dung “Tham gia của người dân ở cấp cơ sở”

a) UBND cấp huyện chỉ đạo tổ chức bầu cử trưởng thôn đúng quy định, công khai danh sách ứng cử viên.

2. Đối với nội dung “Công khai, minh bạch”

a) Sở Tài chính công khai dự toán ngân sách trên cổng thông tin điện tử của tỉnh, hoàn thành trước ngày 30/6/2026.

3. Đối với nội dung “Thủ tục hành chính công”

a) Sở Tư pháp chủ trì rà soát, công bố thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh.

4. Đối với nội dung “Quản trị điện tử”

a) Sở Khoa học và Công nghệ nâng cấp Cổng dịch vụ công của tỉnh, hoàn thành trong quý III năm 2026.
`;

export async function scannedPlan(): Promise<{ png: Buffer; pdf: Buffer }> {
  const printed = await planTextToPdf(SCAN_PLAN);
  const { png } = await readOfficeFile({ kind: 'pdf-page', data: printed, page: 1, dpi: 300 });
  return { png: Buffer.from(png), pdf: await scannedPdf([png]) };
}

/** Tesseract with its Vietnamese model is optional on a developer's machine; CI installs it and sets CHISO_REQUIRE_TESSERACT. */
export const skipOcr =
  (await tesseractState('tesseract')) !== 'ready' && !process.env.CHISO_REQUIRE_TESSERACT;
