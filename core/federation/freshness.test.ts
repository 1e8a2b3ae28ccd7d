import { describe, expect, it } from 'vitest';
import { freshnessOf } from './freshness.ts';

describe('freshnessOf', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const earlier = (ms: number) => new Date(now.getTime() - ms);

  it('says how long ago the last heartbeat came, and whether that is late', () => {
    expect(freshnessOf(null, now)).toEqual({
      level: 'never',
      vi: 'chưa nhận được số liệu',
      en: 'no figures received yet',
    });
    expect(freshnessOf(earlier(30_000), now).vi).toBe('đang cập nhật (tín hiệu vừa xong)');
    expect(freshnessOf(earlier(4 * 60_000), now)).toMatchObject({
      level: 'live',
      vi: 'đang cập nhật (tín hiệu 4 phút trước)',
    });
    expect(freshnessOf(earlier(5 * 60_000), now)).toMatchObject({
      level: 'late',
      vi: 'chậm: tín hiệu cuối 5 phút trước',
    });
    expect(freshnessOf(earlier(3 * 3600_000), now)).toMatchObject({
      level: 'stale',
      en: 'disconnected: last signal 3 h ago',
    });
    expect(freshnessOf(earlier(3 * 86_400_000), now).vi).toBe('mất kết nối: tín hiệu cuối 3 ngày trước');
  });
});
