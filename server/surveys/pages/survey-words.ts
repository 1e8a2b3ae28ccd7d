import type { Msg } from '../../../core/errors.ts';

/** What the survey's public pages say, in plain words, Vietnamese first. */
export const SW = {
  title: { vi: 'Khảo sát sự hài lòng', en: 'Satisfaction survey' },
  intro: {
    vi: 'Ý kiến của ông/bà giúp {unit} phục vụ người dân tốt hơn. Phiếu hỏi về lần ông/bà đến làm thủ tục hành chính: nơi tiếp nhận, thủ tục, cán bộ, kết quả.',
    en: 'Your opinion helps {unit} serve people better. The survey asks about your visit for an administrative procedure: the office, the procedure, the officials, the result.',
  },
  duration: { vi: 'Mất khoảng 5 phút.', en: 'It takes about 5 minutes.' },
  noPersonal: {
    vi: 'Không hỏi họ tên, số điện thoại hay địa chỉ. Câu nào không muốn trả lời, ông/bà chọn “Không có ý kiến”.',
    en: 'We do not ask your name, phone number or address. For any question you prefer not to answer, choose “No opinion”.',
  },
  dossierCode: { vi: 'Mã hồ sơ (trên giấy biên nhận)', en: 'Dossier code (on the receipt)' },
  dossierHint: {
    vi: 'Không bắt buộc. Có mã thì không phải trả lời câu hỏi về cách nộp hồ sơ; mỗi hồ sơ được đánh giá một lần.',
    en: 'Optional. With the code you skip the question on how you submitted; each dossier is rated once.',
  },
  start: { vi: 'Bắt đầu', en: 'Start' },
  startWithoutCode: { vi: 'Bắt đầu, không dùng mã hồ sơ', en: 'Start without the code' },
  notStarted: { vi: 'Chưa bắt đầu được.', en: 'Could not start yet.' },
  inProgress: {
    vi: 'Ông/bà đang làm dở phiếu này trên máy này.',
    en: 'You have an unfinished survey on this device.',
  },
  continue: { vi: 'Làm tiếp', en: 'Continue' },
  part: { vi: 'Phần {n}/{of}', en: 'Part {n} of {of}' },
  noOpinion: { vi: 'Không có ý kiến', en: 'No opinion' },
  required: { vi: '(cần trả lời)', en: '(answer needed)' },
  back: { vi: 'Quay lại', en: 'Back' },
  next: { vi: 'Tiếp tục', en: 'Next' },
  send: { vi: 'Gửi phiếu', en: 'Send' },
  notSaved: {
    vi: 'Chưa lưu được. Hãy xem câu được đánh dấu.',
    en: 'Not saved yet. See the marked question.',
  },
  resumeTitle: { vi: 'Lưu đường dẫn này để làm tiếp', en: 'Keep this link to continue later' },
  resumeHint: {
    vi: 'Các câu đã trả lời được lưu. Mở đường dẫn này (trên máy này hoặc máy khác) để làm tiếp vào hôm khác. Đừng chia sẻ đường dẫn.',
    en: 'Your answers so far are saved. Open this link (on this or another device) to continue another day. Do not share it.',
  },
  lostDraft: {
    vi: 'Không tìm thấy phiếu đang làm dở: có thể phiếu đã được gửi, hoặc đường dẫn không đúng. Ông/bà có thể bắt đầu lại.',
    en: 'No unfinished survey was found: it may have been sent, or the link is wrong. You can start again.',
  },
  thanksTitle: { vi: 'Cảm ơn ông/bà', en: 'Thank you' },
  thanks: {
    vi: 'Phiếu đã được gửi đến {unit}. Ý kiến của ông/bà được dùng để đánh giá và cải thiện sự phục vụ.',
    en: 'Your answers were sent to {unit}. They are used to assess and improve the service.',
  },
  kioskNote: {
    vi: 'Máy đặt tại quầy: mỗi người trả lời một phiếu riêng. Phiếu của ông/bà không lưu lại trên máy này để làm tiếp.',
    en: 'The desk’s device: each person answers a survey of their own. Your answers are not kept on this device to continue later.',
  },
  nextPerson: { vi: 'Mời người tiếp theo đánh giá', en: 'Next person, please' },
  backToStart: { vi: 'Về trang đầu của phiếu', en: 'Back to the start of the survey' },
  tokenInvalid: {
    vi: 'Trang đã cũ hoặc không hợp lệ: hãy bấm “Bắt đầu” lần nữa.',
    en: 'The page is old or not valid: press “Start” again.',
  },
  tokenTooFast: {
    vi: 'Ông/bà bấm nhanh quá: hãy bấm “Bắt đầu” lần nữa.',
    en: 'That was too quick: press “Start” again.',
  },
  tokenExpired: {
    vi: 'Trang đã mở quá lâu: hãy bấm “Bắt đầu” lần nữa.',
    en: 'The page was open too long: press “Start” again.',
  },
  tokenUsed: {
    vi: 'Nút “Bắt đầu” của trang này đã được bấm. Hãy bấm “Bắt đầu” lần nữa để làm một phiếu mới.',
    en: '“Start” on this page was already pressed. Press “Start” again for a new survey.',
  },
  home: { vi: 'Về trang Ý kiến người dân', en: 'Back to Citizens’ voice' },
  noSurvey: {
    vi: 'Đơn vị chưa có phiếu khảo sát đang dùng.',
    en: 'There is no survey in use for this unit.',
  },
} as const satisfies Record<string, Msg>;

/** A message with `{name}` places filled. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
