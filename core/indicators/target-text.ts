import type { FeedbackIndicatorCode } from '../feedback/kpi.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import type { DossierIndicatorCode } from './dossier-indicators.ts';

/**
 * Which dossier indicator measures a plan's target, read from the target's own words: "Trên 95% số hồ
 * sơ TTHC được trả kết quả giải quyết đúng hạn" is the on-time rate. The more specific phrase is
 * tried first ("trực tuyến toàn trình" before "trực tuyến"). Null when no dossier indicator fits.
 */
const RULES: [RegExp, DossierIndicatorCode][] = [
  [/xin loi/, 'DOSSIER_LATE_APOLOGY'],
  [/truc tuyen toan trinh/, 'DOSSIER_ONLINE_FULL'],
  [/truoc han/, 'DOSSIER_EARLY'],
  [/dung han|dung thoi han/, 'DOSSIER_ON_TIME'],
  [/so hoa/, 'DOSSIER_DIGITISED'],
  [/truc tuyen/, 'DOSSIER_ONLINE'],
];

/** Only targets about dossiers (hồ sơ, thủ tục) are measured from the one-stop data. */
const ABOUT_DOSSIERS = /ho so|thu tuc|tthc/;

/** Targets about citizens' petitions (phản ánh, kiến nghị) are measured from the feedback data. */
const ABOUT_FEEDBACK = /phan anh|kien nghi/;
const FEEDBACK_RULES: [RegExp, FeedbackIndicatorCode][] = [
  [/hai long/, 'FEEDBACK_SATISFIED'],
  [/dung han|dung thoi han/, 'FEEDBACK_ON_TIME'],
  [/giai quyet/, 'FEEDBACK_RESOLVED'],
];

export function indicatorOfTarget(text: string): DossierIndicatorCode | FeedbackIndicatorCode | null {
  const folded = foldVietnamese(text);
  if (ABOUT_FEEDBACK.test(folded)) {
    for (const [pattern, code] of FEEDBACK_RULES) if (pattern.test(folded)) return code;
    return null;
  }
  if (!ABOUT_DOSSIERS.test(folded)) return null;
  for (const [pattern, code] of RULES) if (pattern.test(folded)) return code;
  return null;
}

/** The unit types a target's level speaks of: "cấp tỉnh" is the province and its departments. */
export function unitTypesOfLevel(level: string | null): string[] | null {
  if (!level) return null;
  const folded = foldVietnamese(level);
  if (folded === 'province' || folded.includes('tinh')) return ['province', 'department'];
  if (folded === 'district' || folded.includes('huyen')) return ['district'];
  if (folded === 'commune' || folded.includes('xa')) return ['commune'];
  return null;
}
