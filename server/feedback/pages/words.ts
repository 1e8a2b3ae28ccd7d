import type { Msg } from '../../../core/errors.ts';
import type { Lang } from '../../public/site-words.ts';

export { type Lang, pageLang, say } from '../../public/site-words.ts';

export const W = {
  site: { vi: 'Ý kiến người dân', en: 'Citizens’ voice' },
  navDialogues: { vi: 'Đối thoại', en: 'Dialogues' },
  navReception: { vi: 'Lịch tiếp công dân', en: 'Reception days' },
  navForm: { vi: 'Gửi phản ánh', en: 'Send feedback' },
  navList: { vi: 'Phản ánh đã gửi', en: 'Published feedback' },
  navStaff: { vi: 'Cán bộ đăng nhập', en: 'Staff sign-in' },
  otherLanguage: { vi: 'English', en: 'Tiếng Việt' },
  formTitle: { vi: 'Gửi phản ánh, kiến nghị', en: 'Send feedback or a proposal' },
  formIntro: {
    vi: 'Không cần tài khoản. Sau khi gửi, bạn nhận mã theo dõi và một đường dẫn riêng để xem trả lời, đánh giá và mở lại phản ánh.',
    en: 'No account needed. Once sent, you get a tracking code and a private link to read the answer, rate it and reopen it.',
  },
  required: { vi: '(bắt buộc)', en: '(required)' },
  optional: { vi: '(không bắt buộc)', en: '(optional)' },
  kindLegend: { vi: 'Bạn muốn gửi', en: 'What you are sending' },
  kindHint_pakn_general: {
    vi: 'Đường sá, điện chiếu sáng, môi trường, trật tự, dịch vụ công ở địa phương…',
    en: 'Roads, street lights, the environment, public order, local public services…',
  },
  kindHint_pakn_regulation: {
    vi: 'Quy định, thủ tục hành chính khó thực hiện, không hợp lý, chồng chéo; hoặc đề xuất sửa đổi.',
    en: 'A regulation or procedure that is hard to follow, unreasonable or conflicting; or a proposal to change it.',
  },
  kindHint_pakn_conduct: {
    vi: 'Cán bộ, cơ quan chậm trễ, gây phiền hà, đòi thêm giấy tờ hoặc chi phí.',
    en: 'An official or office that delays, harasses, or asks for extra papers or fees.',
  },
  kindHint_complaint: {
    vi: 'Đề nghị xem lại quyết định, hành vi hành chính xâm phạm quyền lợi của chính bạn. Đơn khiếu nại phải có chữ ký hoặc điểm chỉ: hãy gửi đơn giấy hoặc đến trụ sở tiếp công dân của cơ quan đã ra quyết định. Biểu mẫu này không nhận khiếu nại.',
    en: 'A request to review an administrative decision or act that harms your own rights. A complaint must be signed or fingerprinted: send it on paper or bring it to the citizen reception office of the body that decided. This form does not take complaints.',
  },
  kindHint_denunciation: {
    vi: 'Báo cho cơ quan có thẩm quyền về hành vi vi phạm pháp luật của người khác. Phải ghi họ tên và cách liên hệ; tố cáo nặc danh không được xử lý như tố cáo. Tố cáo không được công khai.',
    en: 'Telling the competent body about someone’s breach of the law. Your name and a contact are needed; an anonymous denunciation is not handled as one. A denunciation is never published.',
  },
  complaintWhere: {
    vi: 'Khiếu nại: hãy gửi đơn có chữ ký hoặc điểm chỉ đến cơ quan đã ra quyết định, hoặc đến trụ sở tiếp công dân. Nếu nội dung là phản ánh, kiến nghị, hãy chọn loại đó rồi gửi lại.',
    en: 'A complaint: send a signed or fingerprinted letter to the body that decided, or to the citizen reception office. If it is feedback or a proposal, choose that kind and send again.',
  },
  category: { vi: 'Lĩnh vực', en: 'Category' },
  chooseCategory: { vi: '— Chọn lĩnh vực —', en: '— Choose a category —' },
  commune: { vi: 'Xã, phường liên quan', en: 'Commune or ward concerned' },
  chooseCommune: { vi: '— Chọn xã, phường —', en: '— Choose a commune or ward —' },
  communeHint: {
    vi: 'Danh sách xã, phường từ ngày 01/07/2025.',
    en: 'The communes and wards since 1 July 2025.',
  },
  text: { vi: 'Nội dung', en: 'What you want to raise' },
  textHint: {
    vi: 'Nội dung sẽ hiện trên trang công khai: đừng ghi số điện thoại, địa chỉ nhà hay thông tin riêng ở đây. Ít nhất 10 ký tự.',
    en: 'The text is shown on the public page: do not write phone numbers, home addresses or private details here. At least 10 characters.',
  },
  place: { vi: 'Địa điểm cụ thể', en: 'Exact place' },
  placeHint: {
    vi: 'Số nhà, đường, thôn hoặc tổ dân phố nơi xảy ra sự việc, để đơn vị tìm đúng chỗ. Không công khai.',
    en: 'House number, street, hamlet or residential group where it happens, so the unit finds the spot. Not published.',
  },
  locate: { vi: 'Vị trí trên bản đồ', en: 'Map location' },
  locateHint: {
    vi: 'Nếu bạn đang ở đúng nơi xảy ra sự việc, điện thoại có thể ghi vị trí để đơn vị tìm đến. Vị trí chỉ đơn vị xử lý xem, không công khai. Vẫn cần chọn xã, phường ở trên.',
    en: 'If you are at the spot, your phone can record the location so the unit finds it. Only the handling unit sees it; it is never published. Still choose the commune above.',
  },
  locateButton: { vi: 'Lấy vị trí hiện tại', en: 'Use my current location' },
  locateClear: { vi: 'Bỏ vị trí', en: 'Remove the location' },
  locateBusy: { vi: 'Đang lấy vị trí…', en: 'Finding your location…' },
  locateDone: {
    vi: 'Đã ghi vị trí {lat}; {lng} (sai số khoảng {m} m).',
    en: 'Location recorded: {lat}, {lng} (within about {m} m).',
  },
  locateKept: { vi: 'Vị trí đã ghi: {lat}; {lng}.', en: 'Location recorded: {lat}, {lng}.' },
  locateDenied: {
    vi: 'Bạn chưa cho phép trình duyệt lấy vị trí: có thể bỏ qua, chỉ cần chọn xã, phường và ghi địa điểm.',
    en: 'The browser was not allowed to find your location: you can skip it; choosing the commune and writing the place is enough.',
  },
  locateFailed: {
    vi: 'Không lấy được vị trí lúc này: có thể thử lại hoặc bỏ qua.',
    en: 'The location could not be found now: try again or skip it.',
  },
  locateMap: { vi: 'Xem trên bản đồ', en: 'See it on a map' },
  locateCommune: { vi: 'Đã chọn {name} theo vị trí.', en: '{name} chosen from the location.' },
  contactLegend: { vi: 'Liên hệ để nhận trả lời', en: 'Contact for the answer' },
  contactHint: {
    vi: 'Không bao giờ công khai. Để thư điện tử thì mỗi bước xử lý và câu trả lời được gửi vào thư của bạn. Cần khi tố cáo.',
    en: 'Never published. With an e-mail address, each step and the answer are mailed to you. Needed for a denunciation.',
  },
  contactHintSms: {
    vi: 'Không bao giờ công khai. Để thư điện tử thì mỗi bước xử lý và câu trả lời được gửi vào thư của bạn; chỉ để số điện thoại thì được nhắn tin. Cần khi tố cáo.',
    en: 'Never published. With an e-mail address, each step and the answer are mailed to you; with a phone number only, you get a text message. Needed for a denunciation.',
  },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  name: { vi: 'Họ và tên', en: 'Full name' },
  publishName: { vi: 'Cho phép công khai họ tên của tôi', en: 'My name may be published' },
  publishNameHint: {
    vi: 'Không chọn thì trang công khai không hiện tên bạn.',
    en: 'Unticked, the public page does not show your name.',
  },
  filesLegend: { vi: 'Ảnh hoặc tệp PDF', en: 'Photos or a PDF' },
  files: {
    vi: 'Chọn tối đa 3 ảnh (JPEG, PNG) hoặc 1 tệp PDF',
    en: 'Choose up to 3 photos (JPEG, PNG) or 1 PDF',
  },
  filesHint: { vi: 'Mỗi tệp tối đa 5 MB.', en: 'At most 5 MB each.' },
  filesAgain: {
    vi: 'Ảnh, tệp đã chọn không được giữ lại sau khi gửi: hãy chọn lại.',
    en: 'The photos or file you chose are not kept after sending: choose them again.',
  },
  keepLocation: { vi: 'Giữ thông tin vị trí trong ảnh', en: 'Keep the location data in the photos' },
  keepLocationHint: {
    vi: 'Không chọn thì vị trí chụp (GPS) được xoá khỏi ảnh trước khi lưu.',
    en: 'Unticked, where the photo was taken (GPS) is removed before it is stored.',
  },
  honeypot: { vi: 'Để trống ô này', en: 'Leave this empty' },
  send: { vi: 'Gửi phản ánh', en: 'Send' },
  notSent: {
    vi: 'Chưa gửi được. Hãy xem các mục được đánh dấu bên dưới; những gì bạn đã nhập vẫn còn.',
    en: 'Not sent yet. See the marked fields below; what you typed is still here.',
  },
  tokenInvalid: {
    vi: 'Biểu mẫu không hợp lệ: hãy kiểm tra lại nội dung rồi bấm “Gửi phản ánh”.',
    en: 'The form is not valid: check what you wrote, then press “Send”.',
  },
  tokenTooFast: {
    vi: 'Biểu mẫu được gửi quá nhanh: hãy kiểm tra lại nội dung rồi bấm “Gửi phản ánh” lần nữa.',
    en: 'The form was sent too quickly: check what you wrote and press “Send” again.',
  },
  tokenExpired: {
    vi: 'Biểu mẫu đã mở quá lâu: hãy kiểm tra lại nội dung rồi bấm “Gửi phản ánh” lần nữa.',
    en: 'The form was open too long: check what you wrote and press “Send” again.',
  },
  tokenUsed: {
    vi: 'Biểu mẫu này đã được dùng để gửi một phản ánh. Nếu bạn muốn gửi thêm, hãy bấm “Gửi phản ánh” lần nữa.',
    en: 'This form has already sent a petition. To send another, press “Send” again.',
  },
  honeypotFilled: {
    vi: 'Không gửi được biểu mẫu: hãy kiểm tra lại rồi gửi lần nữa.',
    en: 'The form could not be sent: check it and send again.',
  },
  duplicateTitle: { vi: 'Nội dung đã được gửi', en: 'Already sent' },
  seePublicPage: { vi: 'Xem trang theo dõi', en: 'See its page' },
  itemTitle: { vi: 'Phản ánh', en: 'Petition' },
  sentNotice: {
    vi: 'Đã gửi. Hãy lưu mã theo dõi và đường dẫn riêng dưới đây: chỉ đường dẫn này cho phép xem câu hỏi của đơn vị, đánh giá và mở lại phản ánh.',
    en: 'Sent. Keep the tracking code and the private link below: only this link lets you read the unit’s questions, rate the answer and reopen it.',
  },
  ratedNotice: { vi: 'Đã ghi nhận đánh giá của bạn.', en: 'Your rating is recorded.' },
  reopenedNotice: {
    vi: 'Phản ánh đã được mở lại; đơn vị sẽ xử lý tiếp.',
    en: 'The petition is reopened; the unit will work on it again.',
  },
  repliedNotice: {
    vi: 'Đã gửi thông tin bổ sung cho đơn vị.',
    en: 'What you added has been sent to the unit.',
  },
  wrongLink: {
    vi: 'Liên kết không hợp lệ. Đây là trang công khai của phản ánh.',
    en: 'The link is not valid. This is the petition’s public page.',
  },
  privateLink: { vi: 'Đường dẫn riêng của bạn', en: 'Your private link' },
  privateLinkHint: {
    vi: 'Đừng chia sẻ đường dẫn này: ai có nó đều đánh giá, mở lại được phản ánh.',
    en: 'Do not share this link: whoever has it can rate and reopen the petition.',
  },
  trackingCode: { vi: 'Mã theo dõi', en: 'Tracking code' },
  status: { vi: 'Trạng thái', en: 'Status' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  noOutcomeYet: { vi: 'Chưa có kết quả', en: 'No outcome yet' },
  kind: { vi: 'Loại', en: 'Kind' },
  handlingUnit: { vi: 'Đơn vị xử lý', en: 'Handling unit' },
  receivedOn: { vi: 'Ngày tiếp nhận', en: 'Received on' },
  dueOn: { vi: 'Hạn trả lời', en: 'Answer due by' },
  sender: { vi: 'Người gửi', en: 'Sender' },
  senderHidden: { vi: 'Không công khai', en: 'Not published' },
  answer: { vi: 'Trả lời của đơn vị', en: 'The unit’s answer' },
  answeredOn: { vi: 'Ngày trả lời', en: 'Answered on' },
  reason: { vi: 'Lý do', en: 'Reason' },
  forwardedTo: { vi: 'Cơ quan có thẩm quyền', en: 'Competent body' },
  duplicateOf: { vi: 'Trùng với', en: 'Duplicate of' },
  steps: { vi: 'Các bước xử lý', en: 'Steps' },
  newDue: { vi: 'Hạn mới:', en: 'New deadline:' },
  yourFiles: { vi: 'Tệp bạn đã gửi', en: 'Files you sent' },
  rateTitle: { vi: 'Đánh giá câu trả lời', en: 'Rate the answer' },
  yourRating: { vi: 'Bạn đã đánh giá', en: 'Your rating' },
  rateAgainHint: { vi: 'Bạn có thể đổi đánh giá.', en: 'You may change your rating.' },
  reopenTitle: { vi: 'Mở lại phản ánh', en: 'Reopen the petition' },
  reopenHint: {
    vi: 'Nếu câu trả lời chưa giải quyết được việc, bạn có thể mở lại một lần, đến hết ngày',
    en: 'If the answer did not settle it, you may reopen the petition once, until',
  },
  reopenReason: { vi: 'Lý do mở lại', en: 'Why you reopen it' },
  reopenSend: { vi: 'Mở lại', en: 'Reopen' },
  replyTitle: { vi: 'Bổ sung thông tin đơn vị đề nghị', en: 'Add what the unit asked for' },
  replyText: { vi: 'Nội dung bổ sung', en: 'What you add' },
  replySend: { vi: 'Gửi bổ sung', en: 'Send' },
  listTitle: { vi: 'Phản ánh, kiến nghị đã gửi', en: 'Published feedback' },
  listIntro: {
    vi: 'Nội dung người gửi đã đồng ý công khai, đơn vị xử lý và trạng thái. Không có họ tên, số điện thoại hay ghi chú nội bộ.',
    en: 'What the senders allowed to publish, the handling unit and the status. No names, phone numbers or internal notes.',
  },
  search: { vi: 'Mã theo dõi hoặc nội dung', en: 'Tracking code or text' },
  allCommunes: { vi: 'Tất cả xã, phường', en: 'All communes and wards' },
  allCategories: { vi: 'Tất cả lĩnh vực', en: 'All categories' },
  allStatuses: { vi: 'Tất cả trạng thái', en: 'All statuses' },
  filter: { vi: 'Lọc', en: 'Filter' },
  nothingFound: { vi: 'Không có phản ánh nào phù hợp.', en: 'No petition matches.' },
  previous: { vi: '← Trang trước', en: '← Previous page' },
  next: { vi: 'Trang sau →', en: 'Next page →' },
  notFoundTitle: { vi: 'Không tìm thấy', en: 'Not found' },
  errorTitle: { vi: 'Có lỗi', en: 'Something went wrong' },
  backToForm: { vi: 'Về trang gửi phản ánh', en: 'Back to the form' },
} as const satisfies Record<string, Msg>;

/** "Trang 2/5 · 93 phản ánh" */
export function pageCount(lang: Lang, page: number, pages: number, total: number): string {
  return lang === 'en'
    ? `Page ${page} of ${pages} · ${total} ${total === 1 ? 'petition' : 'petitions'}`
    : `Trang ${page}/${pages} · ${total} phản ánh`;
}
