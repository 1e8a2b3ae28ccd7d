import { describe, expect, it } from 'vitest';
import { indicatorOfTarget, unitTypesOfLevel } from './target-text.ts';

describe('the indicator a plan target speaks of', () => {
  it('reads the targets of seed 001 and leaves the others alone', () => {
    expect(indicatorOfTarget('Trên 95% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn')).toBe(
      'DOSSIER_ON_TIME',
    );
    expect(indicatorOfTarget('phấn đấu 80% hồ sơ được giải quyết trước hạn')).toBe('DOSSIER_EARLY');
    expect(indicatorOfTarget('Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình đạt từ 60% trở lên')).toBe(
      'DOSSIER_ONLINE_FULL',
    );
    expect(indicatorOfTarget('ty le ho so TTHC so hoa dat 100%')).toBe('DOSSIER_DIGITISED');
    expect(indicatorOfTarget('100% văn bản điện tử có chữ ký số')).toBeNull();
    expect(indicatorOfTarget('90% người dân hài lòng')).toBeNull();
  });

  it('maps a level to the unit types it covers', () => {
    expect(unitTypesOfLevel('cấp tỉnh')).toEqual(['province', 'department']);
    expect(unitTypesOfLevel('cap xa')).toEqual(['commune']);
    expect(unitTypesOfLevel('commune')).toEqual(['commune']);
    expect(unitTypesOfLevel(null)).toBeNull();
  });
});
