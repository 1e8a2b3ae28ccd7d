import { describe, expect, it } from 'vitest';
import { findDeadline, findRecurrence } from './schedule.ts';

describe('findDeadline', () => {
  it('reads the deadlines plans write', () => {
    expect(findDeadline('gửi Sở Nội vụ trước ngày 31/03/2020 để tổng hợp', null)).toBe('2020-03-31');
    expect(findDeadline('hoàn thành trước ngày 15 tháng 12 năm 2020', null)).toBe('2020-12-15');
    expect(findDeadline('hoàn thành trong tháng 6/2020', null)).toBe('2020-06-30');
    expect(findDeadline('trình UBND tỉnh trước tháng 6/2020', null)).toBe('2020-05-31');
    expect(findDeadline('Thời gian thực hiện: Quý IV/2023', null)).toBe('2023-12-31');
    expect(findDeadline('chậm nhất ngày 05.01.2021', null)).toBe('2021-01-05');
    expect(findDeadline('gửi về Sở Nội vụ trước ngày 31/3 hằng năm', 2021)).toBe('2021-03-31');
  });

  it('does not take the date of a cited document, or an impossible date, for a deadline', () => {
    expect(findDeadline('theo Kế hoạch số 44/KH-UBND ngày 14/3/2022 của UBND tỉnh', 2023)).toBeNull();
    expect(findDeadline('trước ngày 31/02/2020', null)).toBeNull();
    expect(findDeadline('trước ngày 31/3', null)).toBeNull();
  });
});

describe('findRecurrence', () => {
  it('keeps the most frequent cadence named', () => {
    expect(findRecurrence('Định kỳ hàng quý, 6 tháng, năm báo cáo kết quả')).toBe('quarterly');
    expect(findRecurrence('định kỳ 6 tháng, năm báo cáo UBND tỉnh')).toBe('semiannual');
    expect(findRecurrence('công nhận hộ nghèo hằng năm')).toBe('annual');
    expect(findRecurrence('báo cáo hàng tháng về Sở Nội vụ')).toBe('monthly');
    expect(findRecurrence('giao ban hàng tuần')).toBe('weekly');
    expect(findRecurrence('định kỳ hoặc đột xuất theo yêu cầu')).toBe('periodic');
    expect(findRecurrence('thường xuyên kiểm tra, đôn đốc')).toBeNull();
    expect(findRecurrence('6 tháng đầu năm 2020')).toBeNull();
  });
});
