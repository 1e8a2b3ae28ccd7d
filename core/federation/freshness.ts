/**
 * How fresh a province's shared figures are, in words, from the last sign of life the national
 * instance received (its heartbeat, written every minute while it publishes).
 */
export type FreshnessLevel = 'live' | 'late' | 'stale' | 'never';

export interface Freshness {
  level: FreshnessLevel;
  vi: string;
  en: string;
}

/** Heartbeats come every minute: past 5 minutes something is wrong, past an hour the province is offline. */
const LATE_MS = 5 * 60_000;
const STALE_MS = 60 * 60_000;

function ago(ms: number): { vi: string; en: string } {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { vi: 'vừa xong', en: 'just now' };
  if (minutes < 60) return { vi: `${minutes} phút trước`, en: `${minutes} min ago` };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { vi: `${hours} giờ trước`, en: `${hours} h ago` };
  const days = Math.floor(hours / 24);
  return { vi: `${days} ngày trước`, en: `${days} days ago` };
}

export function freshnessOf(heartbeatAt: Date | null, now: Date): Freshness {
  if (!heartbeatAt) return { level: 'never', vi: 'chưa nhận được số liệu', en: 'no figures received yet' };
  const ms = Math.max(0, now.getTime() - heartbeatAt.getTime());
  const when = ago(ms);
  if (ms < LATE_MS)
    return {
      level: 'live',
      vi: `đang cập nhật (tín hiệu ${when.vi})`,
      en: `up to date (last signal ${when.en})`,
    };
  if (ms < STALE_MS)
    return { level: 'late', vi: `chậm: tín hiệu cuối ${when.vi}`, en: `late: last signal ${when.en}` };
  return {
    level: 'stale',
    vi: `mất kết nối: tín hiệu cuối ${when.vi}`,
    en: `disconnected: last signal ${when.en}`,
  };
}
