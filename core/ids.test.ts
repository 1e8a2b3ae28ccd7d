import { describe, expect, it } from 'vitest';
import { idParam, idSchema, MAX_ID, versionSchema } from './ids.ts';

describe('ids', () => {
  it('accepts 1..2³¹−1 and refuses what a PostgreSQL integer cannot hold', () => {
    expect(idSchema.parse(1)).toBe(1);
    expect(idSchema.parse(MAX_ID)).toBe(2147483647);
    for (const bad of [0, -1, 1.5, 2147483648, Number.NaN, '1'])
      expect(idSchema.safeParse(bad).success, String(bad)).toBe(false);
    expect(versionSchema.safeParse(2147483648).success).toBe(false);
  });

  it('reads path and query ids from text', () => {
    expect(idParam.parse('42')).toBe(42);
    for (const bad of ['2147483648', '99999999999999999999', '-1', '0', 'abc', '1.5', ''])
      expect(idParam.safeParse(bad).success, bad).toBe(false);
  });
});
