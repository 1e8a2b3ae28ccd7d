/** The leader's overview: what moves the province most in PAPI, and whether the remediation is on track. */
export const OVERVIEW_MESSAGES = {
  leaderLevers: { vi: 'Điều gì giúp tăng hạng nhiều nhất', en: 'What moves us most' },
  leaderLeversNote: {
    vi: 'PAPI {year}: ba chỉ số nội dung còn dư địa mà mỗi điểm tăng thêm giúp lên nhiều hạng nhất; ngang nhau thì xếp trước chỉ số các tỉnh thường tăng được nhiều trong một năm.',
    en: 'PAPI {year}: the three dimensions with headroom where a point buys most ranks; on a tie, those provinces usually gain most on in a year come first.',
  },
  leaderLeverNextRank: { vi: 'Lên 1 hạng: thêm {points} điểm', en: 'Next rank: {points} more points' },
  leaderLeverRanksPerPoint: { vi: '1 điểm ≈ {ranks} hạng', en: '1 point ≈ {ranks} ranks' },
  leaderLeverScore: { vi: 'điểm {score}, tỉnh cao nhất {best}', en: 'score {score}, best province {best}' },
  leaderLeverYearlyGain: {
    vi: 'các tỉnh thường tăng tới {gain} điểm/năm',
    en: 'provinces gain up to {gain} points a year',
  },
  leaderLeversNone: {
    vi: 'Không còn chỉ số nào giúp lên hạng (đang đứng đầu, hoặc đã cao nhất ở mọi chỉ số).',
    en: 'No dimension moves the rank (first in the country, or the best on every dimension).',
  },
  leaderLeversSimulate: { vi: 'Mô phỏng', en: 'Simulate' },
  leaderRemediation: { vi: 'Tiến độ khắc phục', en: 'Is the remediation on track' },
  leaderRemediationRound: {
    vi: 'Các tiêu chí bị trừ điểm nhiều đơn vị nhất theo “{round}”, và nhiệm vụ khắc phục trong các kế hoạch đã ban hành (không tính dự thảo).',
    en: 'The criteria most units lost points on in “{round}”, and the remediation tasks of issued plans (drafts not counted).',
  },
  leaderRemediationTotal: {
    vi: 'Đã ban hành {plans} kế hoạch khắc phục · {answering}/{weak} đơn vị bị trừ điểm đã có kế hoạch',
    en: 'Remediation plans issued: {plans} · units that lost points with a plan: {answering}/{weak}',
  },
  leaderRemediationNoWeak: {
    vi: 'Không đơn vị nào bị trừ điểm ở đợt đánh giá này.',
    en: 'No unit lost points in this round.',
  },
  leaderRemediationUnits: { vi: '{count} đơn vị bị trừ điểm', en: 'Units that lost points: {count}' },
  leaderRemediationWithTask: { vi: '{count} có nhiệm vụ khắc phục', en: 'with a remediation task: {count}' },
  leaderRemediationUnitsWithTask: {
    vi: '{count} đơn vị có nhiệm vụ khắc phục',
    en: 'Units with a remediation task: {count}',
  },
  leaderRemediationTasks: {
    vi: '{tasks} nhiệm vụ ({done} xong, {overdue} quá hạn)',
    en: 'Tasks: {tasks} ({done} done, {overdue} overdue)',
  },
  leaderRemediationNoTask: { vi: 'Chưa có nhiệm vụ khắc phục.', en: 'No remediation task yet.' },
  leaderRemediationProgress: { vi: 'Tiến độ trung bình', en: 'Mean progress' },
  leaderRemediationNational: {
    vi: 'PAPI {year}: chỉ số nội dung dưới trung vị toàn quốc',
    en: 'PAPI {year}: dimensions below the national median',
  },
} as const;
