/**
 * How long ago a province's figures were brought up to date, in words: "vừa cập nhật", "cập nhật 3 phút
 * trước", "cập nhật 2 giờ trước", "cập nhật 4 ngày trước" ("updated 3 minutes ago"…). Whole units,
 * rounded down: 59 minutes is still minutes, 1 hour 59 is "1 giờ".
 */
export function updatedAgo(asOf: string, now: string, locale: 'vi' | 'en'): string {
  const minutes = Math.max(0, Math.floor((Date.parse(now) - Date.parse(asOf)) / 60_000));
  if (minutes < 1) return locale === 'vi' ? 'vừa cập nhật' : 'updated just now';
  const [amount, unitVi, unitEn] =
    minutes < 60
      ? [minutes, 'phút', 'minute']
      : minutes < 60 * 24
        ? [Math.floor(minutes / 60), 'giờ', 'hour']
        : [Math.floor(minutes / (60 * 24)), 'ngày', 'day'];
  return locale === 'vi'
    ? `cập nhật ${amount} ${unitVi} trước`
    : `updated ${amount} ${unitEn}${amount === 1 ? '' : 's'} ago`;
}
