import { describe, expect, it } from 'vitest';
import { isReportedResult, isResultsParagraph } from './results.ts';
import { findTargets } from './targets.ts';

describe('isReportedResult', () => {
  it('reads last year’s figures and ranks out of all provinces as results', () => {
    expect(
      isReportedResult(
        'Năm 2019, Chỉ số PAPI của tỉnh đạt 42,85 điểm, xếp thứ 25/63 tỉnh, thành phố, giảm 3 bậc',
        2020,
      ),
    ).toBe(true);
    expect(isReportedResult('Chỉ số SIPAS năm 2023 đạt 80,12%', 2024)).toBe(true);
    expect(isReportedResult('Chỉ số PAR INDEX xếp hạng 12/34', null)).toBe(true);
  });

  it('keeps what the plan aims at, this year or with a cue', () => {
    expect(isReportedResult('Phấn đấu Chỉ số PAPI năm 2020 xếp thứ 20/63', 2020)).toBe(false);
    expect(isReportedResult('Chỉ số SIPAS năm 2024 đạt từ 85% trở lên', 2024)).toBe(false);
    expect(isReportedResult('Giữ vững Chỉ số SIPAS năm 2023 đạt trên 90%', 2024)).toBe(false);
    // A plan of no known year: only the rank out of all provinces tells.
    expect(isReportedResult('Chỉ số SIPAS năm 2023 đạt 80,12%', null)).toBe(false);
  });
});

describe('isResultsParagraph', () => {
  it('is a recital only when every sentence reports a result', () => {
    expect(isResultsParagraph('- Chỉ số SIPAS năm 2019 đạt 93,20%, xếp thứ 34/63, giảm 9 bậc.', 2020)).toBe(
      true,
    );
    expect(
      isResultsParagraph(
        'Năm 2019 Chỉ số PAPI đạt 42 điểm, xếp thứ 25/63. Sở Nội vụ rà soát nguyên nhân, báo cáo UBND tỉnh.',
        2020,
      ),
    ).toBe(false);
  });
});

describe('findTargets with the plan’s year', () => {
  it('takes no target from last year’s results and keeps this year’s', () => {
    const text =
      'Năm 2023, Chỉ số SIPAS đạt 80,12%, xếp thứ 40/63; phấn đấu năm 2024 Chỉ số SIPAS đạt từ 85% trở lên.';
    expect(
      findTargets(text, { ref: 'I.2', isObjective: true, planYear: 2024 }).map((target) => [
        target.op,
        target.value,
        target.unit,
      ]),
    ).toEqual([['>=', 85, '%']]);
  });
});
