import { describe, expect, it } from 'vitest';
import { fileNamePart } from './file-names.ts';

describe('fileNamePart: a file name people read, safe everywhere', () => {
  it('keeps Vietnamese words and turns what a file system refuses into dashes', () => {
    expect(fileNamePart('Kế hoạch 29/KH-UBND')).toBe('Kế hoạch 29-KH-UBND');
    expect(fileNamePart('  Báo cáo  quý IV năm 2026 -\tSở Nội vụ ')).toBe(
      'Báo cáo quý IV năm 2026 - Sở Nội vụ',
    );
    expect(fileNamePart('a\\b:c*d?e"f<g>h|i')).toBe('a-b-c-d-e-f-g-h-i');
    expect(fileNamePart('Ke\u0302\u0301 hoa\u0323ch')).toBe('Kế hoạch');
    expect(fileNamePart('..\u0000Phiếu\u202e xin lỗi.')).toBe('Phiếu xin lỗi');
  });
  it('is at most 150 characters, cut between words cleanly', () => {
    const part = fileNamePart(`${'Kế hoạch '.repeat(30)}`);
    expect(part.length).toBeLessThanOrEqual(150);
    expect(part).toMatch(/^Kế hoạch.*[^\s.-]$/);
  });
});
