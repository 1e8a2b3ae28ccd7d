import type { CriterionRemediation } from '../frameworks/framework.ts';
import type { PapiDimension } from './papi.ts';

/**
 * What each PAPI dimension rewards at its best and the task a province's plan gives for it, with the
 * unit that usually leads it. The leads follow a real "Kế hoạch nâng cao Chỉ số PAPI" (Hưng Yên,
 * 29/KH-UBND, 2020: part III assigns each dimension to a department), renamed as the departments are
 * named since the 2025 reorganisation (Sở Tài nguyên và Môi trường and Sở Nông nghiệp và PTNT →
 * Sở Nông nghiệp và Môi trường; Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ; Sở Giao thông
 * vận tải → Sở Xây dựng; poverty lists with poverty reduction → Sở Nông nghiệp và Môi trường). Where the
 * plan splits a dimension between several departments, the one holding most of its sub-dimensions leads
 * and the others coordinate. Suggestions: the coordinator words the province's own plan.
 */
export const PAPI_REMEDIATION: Record<PapiDimension, CriterionRemediation> = {
  'PAPI.1': {
    fullMarks:
      'Người dân hiểu chính sách, pháp luật về quyền và nghĩa vụ của mình; trưởng thôn, tổ trưởng tổ dân phố được bầu công khai, có từ hai ứng cử viên trở lên; người dân được bàn, quyết định và giám sát các khoản đóng góp tự nguyện xây dựng công trình công cộng.',
    action:
      'Tăng cường tuyên truyền Luật Thực hiện dân chủ ở cơ sở và chính sách, pháp luật liên quan đến quyền, nghĩa vụ của công dân qua hệ thống truyền thanh, tài liệu, thôn, tổ dân phố; tổ chức bầu trưởng thôn, tổ trưởng tổ dân phố công khai, dân chủ, đúng quy định; bảo đảm người dân được bàn, quyết định và giám sát (qua Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng) các khoản đóng góp tự nguyện; hướng dẫn, kiểm tra việc thực hiện dân chủ ở cơ sở.',
    lead: 'Sở Nội vụ',
    support: ['UBND cấp xã', 'Ủy ban MTTQ Việt Nam tỉnh'],
  },
  'PAPI.2': {
    fullMarks:
      'Danh sách hộ nghèo, thu chi ngân sách xã, quy hoạch, kế hoạch sử dụng đất và giá bồi thường khi thu hồi đất được công khai đầy đủ, kịp thời, dễ tiếp cận; người dân được lấy ý kiến về quy hoạch, kế hoạch sử dụng đất và thấy việc bình xét hộ nghèo đúng đối tượng.',
    action:
      'Công khai danh sách hộ nghèo sau bình xét tại trụ sở UBND xã, nhà văn hóa thôn, tổ dân phố và trên hệ thống truyền thanh; công khai dự toán, thực hiện, quyết toán ngân sách xã đúng hình thức, thời hạn; công bố công khai quy hoạch, kế hoạch sử dụng đất, bảng giá đất, mức bồi thường khi thu hồi đất và lấy ý kiến người dân; bảo đảm quyền tiếp cận thông tin của công dân.',
    lead: 'Sở Nông nghiệp và Môi trường',
    support: ['Sở Tài chính', 'Sở Tư pháp', 'UBND cấp xã'],
  },
  'PAPI.3': {
    fullMarks:
      'Người dân gặp được cán bộ chính quyền khi cần và việc gặp có kết quả; khiếu nại, tố cáo, kiến nghị được giải quyết thỏa đáng, đúng hạn; người dân tin tưởng và tiếp cận được dịch vụ tư pháp, hòa giải, trợ giúp pháp lý.',
    action:
      'Thực hiện nghiêm lịch tiếp công dân định kỳ, đột xuất của Chủ tịch UBND các cấp; tổ chức đối thoại với người dân về những vấn đề bức xúc; giải quyết dứt điểm, đúng hạn khiếu nại, tố cáo, phản ánh, kiến nghị và giải trình công khai; nâng cao hiệu quả hoạt động của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng; tăng cường hòa giải ở cơ sở, trợ giúp pháp lý.',
    lead: 'Thanh tra tỉnh',
    support: ['Sở Tư pháp', 'UBND cấp xã', 'Ủy ban MTTQ Việt Nam tỉnh'],
  },
  'PAPI.4': {
    fullMarks:
      'Người dân không phải chi thêm ngoài quy định khi làm thủ tục, khám chữa bệnh, cho con đi học hay xin việc vào khu vực công; tuyển dụng công khai, dựa trên năng lực; người dân thấy chính quyền quyết tâm xử lý tham nhũng và biết kênh tố cáo.',
    action:
      'Công khai kết quả phòng, chống tham nhũng và xử lý vi phạm; tăng cường thanh tra, kiểm tra công vụ, nhất là trong giải quyết thủ tục hành chính, đất đai, xây dựng, y tế, giáo dục; xử lý nghiêm người đứng đầu để xảy ra tham nhũng; tuyển dụng công chức, viên chức công khai, khách quan, ứng dụng công nghệ thông tin; bảo vệ người tố cáo.',
    lead: 'Thanh tra tỉnh',
    support: ['Sở Nội vụ', 'Sở Y tế', 'Sở Giáo dục và Đào tạo'],
  },
  'PAPI.5': {
    fullMarks:
      'Thủ tục chứng thực, xác nhận, cấp giấy chứng nhận quyền sử dụng đất và các thủ tục ở cấp xã được công khai, hướng dẫn đầy đủ, thu đúng phí, lệ phí, trả kết quả đúng hẹn, không phải đi lại nhiều lần; công chức phục vụ tận tình và người dân hài lòng.',
    action:
      'Công khai đầy đủ thủ tục, phí, lệ phí, thời hạn giải quyết tại Bộ phận Một cửa và trên mạng; nâng cao chất lượng giải quyết thủ tục chứng thực, xác nhận, cấp giấy chứng nhận quyền sử dụng đất và thủ tục cấp xã; trả kết quả đúng hẹn, xin lỗi người dân khi trễ hạn; khảo sát sự hài lòng và kiểm tra việc giải quyết thủ tục tại Trung tâm Phục vụ hành chính công các cấp.',
    lead: 'Văn phòng UBND tỉnh',
    support: ['Sở Nông nghiệp và Môi trường', 'Sở Tư pháp', 'UBND cấp xã'],
  },
  'PAPI.6': {
    fullMarks:
      'Trạm y tế, bệnh viện công và trường tiểu học công lập được người dân đánh giá tốt, không lạm thu; hộ dân có điện, đường bê tông hoặc nhựa đến thôn, rác được thu gom thường xuyên; khu dân cư an ninh, trật tự.',
    action:
      'Nâng cao chất lượng khám, chữa bệnh tại trạm y tế và bệnh viện công, mở rộng bảo hiểm y tế; nâng cao chất lượng giáo dục tiểu học công lập, chống lạm thu, dạy thêm trái quy định; cải thiện điện, đường giao thông nông thôn, thu gom rác thải; giữ vững an ninh, trật tự khu dân cư; khảo sát sự hài lòng của người dân với dịch vụ y tế, giáo dục công lập.',
    lead: 'Sở Y tế',
    support: [
      'Sở Giáo dục và Đào tạo',
      'Sở Xây dựng',
      'Sở Công Thương',
      'Công an tỉnh',
      'Bảo hiểm xã hội tỉnh',
    ],
  },
  'PAPI.7': {
    fullMarks:
      'Chính quyền và doanh nghiệp nghiêm túc bảo vệ môi trường, không bao che vi phạm; người dân đánh giá chất lượng không khí và nguồn nước sinh hoạt tốt, được dùng nước sạch an toàn.',
    action:
      'Tăng cường kiểm tra, xử lý nghiêm cơ sở gây ô nhiễm không khí, nguồn nước; công khai kết quả quan trắc và xử lý vi phạm; mở rộng cấp nước sạch, thu gom, xử lý rác thải, nước thải; xây dựng mô hình cộng đồng tham gia bảo vệ môi trường.',
    lead: 'Sở Nông nghiệp và Môi trường',
    support: ['Công an tỉnh', 'UBND cấp xã'],
  },
  'PAPI.8': {
    fullMarks:
      'Người dân biết và dùng cổng thông tin điện tử, Cổng Dịch vụ công của chính quyền địa phương, được phản hồi khi gửi ý kiến qua mạng; hộ gia đình tiếp cận Internet ổn định.',
    action:
      'Tuyên truyền, hướng dẫn người dân sử dụng cổng thông tin điện tử và dịch vụ công trực tuyến; trả lời kịp thời, công khai ý kiến người dân gửi qua cổng thông tin, Cổng Dịch vụ công; phát triển hạ tầng Internet băng rộng đến thôn, tổ dân phố; phát huy tổ công nghệ số cộng đồng.',
    lead: 'Sở Khoa học và Công nghệ',
    support: ['Văn phòng UBND tỉnh', 'UBND cấp xã'],
  },
};
