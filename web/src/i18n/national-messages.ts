/** The national view: every province's shared figures side by side, ranked, and the upward report. */
export const NATIONAL_MESSAGES = {
  nationalNav: { vi: 'Toàn quốc', en: 'Nation' },
  nationalTitle: { vi: 'Số liệu các tỉnh, thành phố', en: 'The provinces’ figures' },
  nationalIntro: {
    vi: 'Số liệu tổng hợp mỗi tỉnh chia sẻ lên (không có dữ liệu cá nhân): so sánh, xếp hạng và xem từng xã, phường.',
    en: 'The aggregates each province shares (no personal data): compare, rank and look into each commune.',
  },
  nationalNotAllowed: {
    vi: 'Số liệu các tỉnh chỉ dành cho người được phân quyền ở cấp cao nhất của hệ thống (lãnh đạo, cán bộ điều phối hoặc quản trị của cả tỉnh).',
    en: 'The provinces’ figures are only for someone granted at the top of the installation (a leader, coordinator or administrator of the whole province).',
  },
  nationalProvinceInstance: {
    vi: 'Đây là hệ thống của một tỉnh: trang này cho thấy số liệu tổng hợp tỉnh chia sẻ lên cấp quốc gia, tính lại sau mỗi thay đổi. Số liệu các tỉnh khác có ở hệ thống cấp quốc gia.',
    en: 'This is a province’s installation: this page shows the aggregates the province shares upward, recomputed after every change. Other provinces’ figures are on the national installation.',
  },
  nationalNoProvinces: {
    vi: 'Chưa tỉnh nào chia sẻ số liệu với hệ thống này (npx chiso federation subscribe).',
    en: 'No province shares its figures with this installation yet (npx chiso federation subscribe).',
  },
  nationalIndicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  nationalTotals: { vi: 'Cả nước', en: 'Whole country' },
  nationalTotalsNote: {
    vi: '{count} tỉnh, thành phố đã chia sẻ; tỷ lệ tính trên tổng tử số và mẫu số, không lấy trung bình các tỉnh.',
    en: '{count} provinces sharing; rates are total numerators over total denominators, never an average of provinces.',
  },
  nationalRanking: { vi: 'Xếp hạng các tỉnh', en: 'Provinces ranked' },
  nationalSideBySide: { vi: 'Các tỉnh cạnh nhau', en: 'Provinces side by side' },
  nationalRank: { vi: 'Hạng', en: 'Rank' },
  nationalProvince: { vi: 'Tỉnh, thành phố', en: 'Province' },
  nationalValue: { vi: 'Giá trị', en: 'Value' },
  nationalFraction: { vi: 'Tử số / mẫu số', en: 'Numerator / denominator' },
  nationalFreshness: { vi: 'Độ mới số liệu', en: 'Freshness' },
  nationalReports: { vi: 'Báo cáo', en: 'Reports' },
  nationalReportsSent: {
    vi: '{sent}/{expected} đã gửi, {onTime} đúng hạn',
    en: '{sent}/{expected} sent, {onTime} on time',
  },
  nationalReportsNone: { vi: 'không có báo cáo kỳ này', en: 'no report due this period' },
  nationalStale: { vi: 'Số liệu đã cũ hơn 1 giờ', en: 'More than an hour old' },
  nationalStaleHelp: {
    vi: 'Tỉnh chưa gửi số liệu mới hoặc tín hiệu trong hơn 1 giờ: kiểm tra kết nối đồng bộ của tỉnh.',
    en: 'The province has sent no new figures or heartbeat for over an hour: check its replication link.',
  },
  nationalFreshAt: {
    vi: 'Tính lúc {refreshed}; tín hiệu cuối {heartbeat}',
    en: 'Computed at {refreshed}; last heartbeat {heartbeat}',
  },
  nationalNotRanked: { vi: 'không xếp hạng', en: 'not ranked' },
  nationalNotRankedHelp: {
    vi: 'Chưa có gì để tính tỷ lệ (mẫu số bằng 0).',
    en: 'Nothing to compute the rate on (the denominator is 0).',
  },
  nationalRankInBrackets: {
    vi: 'Số trong ngoặc: hạng của tỉnh theo chỉ tiêu đó (1 là tốt nhất).',
    en: 'In brackets: the province’s rank on that indicator (1 is best).',
  },
  nationalSortBy: { vi: 'Sắp xếp theo', en: 'Sort by' },
  nationalLowerBetter: { vi: 'thấp hơn là tốt hơn', en: 'lower is better' },
  nationalDhis2: { vi: 'Tải DHIS2 (JSON)', en: 'Download DHIS2 (JSON)' },
  nationalDhis2Help: {
    vi: 'Số liệu tổng hợp theo định dạng DHIS2 dataValueSets, mã đơn vị chính thức (docs/dhis2.md).',
    en: 'The aggregates as DHIS2 dataValueSets, official unit codes (docs/dhis2.md).',
  },
  nationalCommunes: { vi: 'Các xã, phường, đặc khu', en: 'Communes' },
  nationalCommune: { vi: 'Xã, phường', en: 'Commune' },
  nationalCommuneSearch: {
    vi: 'Tìm xã, phường (gõ không dấu được)',
    en: 'Find a commune (accents optional)',
  },
  nationalProvinceTotal: { vi: 'Toàn tỉnh', en: 'Whole province' },
  nationalRankedOf: {
    vi: '{ranked} xã, phường được xếp hạng',
    en: '{ranked} communes ranked',
  },
  nationalNoCommunes: { vi: 'Không có xã, phường nào khớp.', en: 'No commune matches.' },
  nationalBack: { vi: '← Toàn quốc', en: '← Nation' },
  nationalOpenProvince: { vi: 'Xem các xã, phường của {name}', en: 'See the communes of {name}' },
} as const;
