import { describe, expect, it } from 'vitest';
import { findDeadline, findRecurrence, withYearEndDue, yearOfPlan } from './schedule.ts';

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
    expect(findRecurrence('thường xuyên kiểm tra, đôn đốc')).toBe('continuous');
    expect(findRecurrence('6 tháng đầu năm 2020')).toBeNull();
  });
});

describe('recurrences in words', () => {
  it('"thường xuyên", "hằng quý"/"hàng quý", "hằng năm"; a named cadence before "thường xuyên"', () => {
    expect(findRecurrence('Thường xuyên')).toBe('continuous');
    expect(findRecurrence('Thuong xuyen ra soat thu tuc hanh chinh')).toBe('continuous');
    expect(findRecurrence('hằng quý báo cáo UBND tỉnh')).toBe('quarterly');
    expect(findRecurrence('hàng quý báo cáo UBND tỉnh')).toBe('quarterly');
    expect(findRecurrence('Hằng năm')).toBe('annual');
    expect(findRecurrence('hàng năm tổ chức đánh giá')).toBe('annual');
    expect(findRecurrence('thường xuyên rà soát, báo cáo hằng quý')).toBe('quarterly');
  });

  it('the budget’s "chi thường xuyên" is spending, not a cadence', () => {
    expect(findRecurrence('tự bảo đảm chi thường xuyên và chi đầu tư')).toBeNull();
    expect(findRecurrence('kinh phí thường xuyên của đơn vị')).toBeNull();
    expect(findRecurrence('tăng tỷ lệ hộ sử dụng điện thường xuyên, an toàn')).toBeNull();
    expect(findRecurrence('thông qua các cuộc họp thường xuyên hoặc bất thường')).toBeNull();
    expect(findRecurrence('Sở Xây dựng thường xuyên tổ chức tập huấn')).toBe('continuous');
    expect(findRecurrence('Trong quá trình thực hiện, thường xuyên đôn đốc')).toBe('continuous');
  });
});

describe('the year end of a year’s plan', () => {
  it('the year of a plan for one year, none for a period or an open end', () => {
    expect(yearOfPlan('Cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023')).toBe(2023);
    expect(yearOfPlan('Nâng cao Chỉ số PAPI tỉnh Hưng Yên năm 2020')).toBe(2020);
    expect(yearOfPlan('Cải cách hành chính giai đoạn 2021 - 2025')).toBeNull();
    expect(yearOfPlan('Cải cách hành chính năm 2021-2025')).toBeNull();
    expect(yearOfPlan('Nâng cao Chỉ số PAR INDEX năm 2017 và những năm tiếp theo')).toBeNull();
    expect(yearOfPlan('Nâng cao Chỉ số PAPI')).toBeNull();
    expect(yearOfPlan(null)).toBeNull();
  });

  it('a task without a deadline is due on 31/12, marked; one with a deadline or without a year keeps it', () => {
    const task = { ref: '1', due: null, recurrence: null };
    expect(withYearEndDue(task, 2024)).toEqual({ ...task, due: '2024-12-31', dueDefaulted: true });
    expect(withYearEndDue({ ...task, due: '2024-03-31' }, 2024)).toEqual({ ...task, due: '2024-03-31' });
    expect(withYearEndDue(task, null)).toEqual(task);
  });
});
