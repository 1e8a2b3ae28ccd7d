/**
 * Reception days (tiếp công dân) in words: who hosts (the level that decides the legal minimum), how
 * often, what a session is and where it stands, how a visitor is recorded, and the register's kinds
 * (citizen-side reference §2). Every label in Vietnamese with its English.
 */
import type { FeedbackKind } from '../feedback/kinds.ts';

export const HOST_LEVELS = {
  commune_chair: { vi: 'Chủ tịch UBND xã, phường', en: 'Chair of the commune people’s committee' },
  province_chair: { vi: 'Chủ tịch UBND tỉnh', en: 'Chair of the provincial people’s committee' },
  agency_head: {
    vi: 'Thủ trưởng cơ quan hành chính (Giám đốc Sở…)',
    en: 'Head of an administrative body (department director…)',
  },
  public_service_head: {
    vi: 'Người đứng đầu đơn vị sự nghiệp công lập',
    en: 'Head of a public service unit',
  },
  party_province: { vi: 'Bí thư Tỉnh ủy', en: 'Provincial Party secretary' },
  party_commune: { vi: 'Bí thư Đảng ủy xã, phường', en: 'Commune Party secretary' },
  other: { vi: 'Người tiếp khác', en: 'Other host' },
} as const;
export type HostLevel = keyof typeof HOST_LEVELS;
export const HOST_LEVEL_CODES = Object.keys(HOST_LEVELS) as [HostLevel, ...HostLevel[]];

export const FREQUENCIES = {
  weekly: { vi: 'Hằng tuần', en: 'Weekly' },
  monthly: { vi: 'Hằng tháng', en: 'Monthly' },
} as const;
export type Frequency = keyof typeof FREQUENCIES;

export const SESSION_KINDS = {
  periodic: { vi: 'Định kỳ', en: 'Periodic' },
  ad_hoc: { vi: 'Đột xuất', en: 'Ad hoc' },
} as const;
export type SessionKind = keyof typeof SESSION_KINDS;

/** How citizens are received (Luật 136/2025/QH15, Điều 3a, from 01/7/2026): in person or online. */
export const SESSION_MODES = {
  in_person: { vi: 'Trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
} as const;
export type SessionMode = keyof typeof SESSION_MODES;
export const SESSION_MODE_CODES = Object.keys(SESSION_MODES) as [SessionMode, ...SessionMode[]];

export const SESSION_STATUSES = {
  planned: { vi: 'Dự kiến', en: 'Planned' },
  held: { vi: 'Đã tiếp', en: 'Held' },
  postponed: { vi: 'Đã hoãn', en: 'Postponed' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
} as const;
export type SessionStatus = keyof typeof SESSION_STATUSES;

export const PRIVACY_CHOICES = {
  names: { vi: 'Ghi tên từng người vào sổ', en: 'Each visitor named in the register' },
  counts: { vi: 'Chỉ ghi số lượt người', en: 'Counts only' },
} as const;
export type Privacy = keyof typeof PRIVACY_CHOICES;

/** The register's kinds of petition (loại đơn), and the feedback kind each becomes when turned into a petition. */
export const ENTRY_KINDS = {
  phan_anh: { vi: 'Phản ánh', en: 'Report', feedbackKind: 'pakn_general' },
  kien_nghi: { vi: 'Kiến nghị', en: 'Proposal', feedbackKind: 'pakn_general' },
  khieu_nai: { vi: 'Khiếu nại', en: 'Complaint', feedbackKind: 'complaint' },
  to_cao: { vi: 'Tố cáo', en: 'Denunciation', feedbackKind: 'denunciation' },
} as const satisfies Record<string, { vi: string; en: string; feedbackKind: FeedbackKind }>;
export type EntryKind = keyof typeof ENTRY_KINDS;
export const ENTRY_KIND_CODES = Object.keys(ENTRY_KINDS) as [EntryKind, ...EntryKind[]];

/** ISO weekdays, 1 = Monday … 7 = Sunday. */
export const WEEKDAYS: Record<number, { vi: string; en: string }> = {
  1: { vi: 'Thứ Hai', en: 'Monday' },
  2: { vi: 'Thứ Ba', en: 'Tuesday' },
  3: { vi: 'Thứ Tư', en: 'Wednesday' },
  4: { vi: 'Thứ Năm', en: 'Thursday' },
  5: { vi: 'Thứ Sáu', en: 'Friday' },
  6: { vi: 'Thứ Bảy', en: 'Saturday' },
  7: { vi: 'Chủ Nhật', en: 'Sunday' },
};

const ORDINALS: Record<number, { vi: string; en: string }> = {
  1: { vi: 'đầu tiên', en: 'first' },
  2: { vi: 'thứ hai', en: 'second' },
  3: { vi: 'thứ ba', en: 'third' },
  4: { vi: 'thứ tư', en: 'fourth' },
  [-1]: { vi: 'cuối cùng', en: 'last' },
};

export interface RulePattern {
  frequency: Frequency;
  weekday: number | null;
  monthWeek: number | null;
  monthDay: number | null;
}

/** A rule's pattern in words: "Thứ Năm hằng tuần", "Thứ Sáu cuối cùng của tháng", "Ngày 15 hằng tháng". */
export function ruleInWords(rule: RulePattern): { vi: string; en: string } {
  const day = WEEKDAYS[rule.weekday ?? 0];
  if (rule.frequency === 'weekly' && day) return { vi: `${day.vi} hằng tuần`, en: `Every ${day.en}` };
  if (rule.frequency === 'monthly' && rule.monthWeek !== null && day) {
    const nth = ORDINALS[rule.monthWeek] ?? ORDINALS[1];
    return {
      vi: `${day.vi} ${nth?.vi} của tháng`,
      en: `The ${nth?.en} ${day.en} of each month`,
    };
  }
  if (rule.frequency === 'monthly' && rule.monthDay !== null)
    return { vi: `Ngày ${rule.monthDay} hằng tháng`, en: `Day ${rule.monthDay} of each month` };
  return { vi: 'Chưa đặt ngày', en: 'No day set' };
}
