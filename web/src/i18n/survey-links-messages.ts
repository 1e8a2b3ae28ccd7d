/** The labels of the desk's survey link, QR code and poster page, vi and en. */
export const SURVEY_LINKS_MESSAGES = {
  surveyLinksTitle: { vi: 'Đường dẫn, mã QR và áp phích khảo sát', en: 'Survey link, QR code and poster' },
  surveyLinksIntro: {
    vi: 'Người dân quét mã QR hoặc gõ đường dẫn ngắn để đánh giá sự phục vụ của đơn vị, không cần tài khoản, không cần JavaScript. In áp phích đặt tại bộ phận một cửa.',
    en: 'Citizens scan the QR code or type the short link to rate the unit’s service, with no account and no JavaScript. Print the poster for the one-stop desk.',
  },
  surveyLinksUnit: { vi: 'Đơn vị', en: 'Unit' },
  surveyLinksChooseUnit: {
    vi: 'Chọn đơn vị để xem đường dẫn và mã QR.',
    en: 'Choose a unit to see its link and QR code.',
  },
  surveyLinksShortLink: { vi: 'Đường dẫn ngắn', en: 'Short link' },
  surveyLinksShortLinkHelp: {
    vi: 'Luôn mở phiếu khảo sát đang dùng trong năm, nên áp phích vẫn dùng được khi có phiên bản mới.',
    en: 'It always opens the survey in use this year, so the poster stays good when a new version is published.',
  },
  surveyLinksCopy: { vi: 'Sao chép', en: 'Copy' },
  surveyLinksCopied: { vi: 'Đã sao chép', en: 'Copied' },
  surveyLinksOpen: { vi: 'Mở trang khảo sát', en: 'Open the survey page' },
  surveyLinksQrAlt: { vi: 'Mã QR của đường dẫn khảo sát', en: 'QR code of the survey link' },
  surveyLinksPoster: { vi: 'Tải áp phích (PDF)', en: 'Download the poster (PDF)' },
  surveyLinksPosterHelp: {
    vi: 'Khổ A4: tên đơn vị, câu hỏi, mã QR lớn và đường dẫn để gõ.',
    en: 'A4: the unit’s name, the question, a large QR code and the link to type.',
  },
  surveyLinksKiosk: {
    vi: 'Đường dẫn cho máy tính bảng đặt tại quầy',
    en: 'Link for the desk’s own tablet',
  },
  surveyLinksKioskHelp: {
    vi: 'Mở đường dẫn này trên máy tính bảng hoặc máy đánh giá của bộ phận một cửa: nhiều người lần lượt trả lời trên cùng một máy mà không bị giới hạn hay bị coi là trùng lặp; không hiện đường dẫn làm tiếp; sau mỗi phiếu có nút "Mời người tiếp theo". Không dán đường dẫn này lên áp phích.',
    en: 'Open this link on the one-stop desk’s tablet or rating device: many people answer one after another on it without being limited or counted as repeats; no resume link is shown; each survey ends with "Next person, please". Do not put this link on the poster.',
  },
  surveyLinksBack: { vi: 'Các phiếu khảo sát', en: 'Surveys' },
} as const;
