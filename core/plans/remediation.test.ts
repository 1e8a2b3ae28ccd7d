import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Framework } from '../frameworks/framework.ts';
import { scoreUnit } from '../frameworks/scoring.ts';
import type { WeakDimension } from '../indices/papi-weak.ts';
import { draftRemediationPlan, type RemediationInput, ranksGained, remediationTerm } from './remediation.ts';

const framework = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
) as Framework;
const leaves = (criteria = framework.criteria): { code: string; max: number }[] =>
  criteria.flatMap((criterion) =>
    criterion.children?.length
      ? leaves(criterion.children)
      : [{ code: criterion.code, max: criterion.maxPoints ?? 0 }],
  );

/** Full marks everywhere but these criteria. */
function scored(lower: Record<string, number>) {
  const scores = Object.fromEntries(leaves().map(({ code, max }) => [code, lower[code] ?? max]));
  return scoreUnit(framework, 1, scores, { bonus: 0, penalty: 0 }, { bonusCap: 0, penaltyCap: 0 } as never);
}

const weakPapi: WeakDimension & { remediation: { fullMarks: string; action: string; lead: string } } = {
  code: 'PAPI.5',
  nameVi: 'Thủ tục hành chính công',
  nameEn: 'Public administrative procedures',
  median: 7.3,
  parts: [
    { unit: 'Hưng Yên', score: 7.1, rank: 40 },
    { unit: 'Thái Bình', score: 7.4, rank: 20 },
  ],
  gap: 0.2,
  remediation: {
    fullMarks: 'Người dân được phục vụ nhanh, đúng hẹn.',
    action: 'nâng cao chất lượng giải quyết thủ tục hành chính',
    lead: 'Sở Nội vụ',
  },
};

function input(lower: Record<string, number>, extra: Partial<RemediationInput> = {}): RemediationInput {
  const result = scored(lower);
  return {
    unit: {
      name: 'Xã Tân Hưng',
      issuer: 'Ủy ban nhân dân xã Tân Hưng',
      place: 'Tân Hưng',
      level: 'commune',
      secretariat: 'Văn phòng HĐND và UBND',
    },
    round: {
      name: 'Đánh giá CCHC cấp xã năm 2025',
      year: 2025,
      frameworkName: framework.nameVi,
      score: result.total,
      maxScore: result.maximum,
      band: 'Khá',
      rank: 12,
      ranked: 20,
      ranksWithinReach: 3,
    },
    criteria: framework.criteria,
    gaps: result.gaps.map((gap) => ({ ...gap, previousScore: null })),
    national: null,
    planYear: 2026,
    due: '2026-11-30',
    ...extra,
  };
}

describe('draftRemediationPlan', () => {
  it('drafts one task per criterion below full marks, in the framework’s order, and none for full marks', () => {
    const plan = draftRemediationPlan(input({ 'XA.3.2': 5, 'XA.1.1': 1, 'XA.7.2': 4.5 }));
    expect(plan.tasks.map((task) => task.remedies)).toEqual(['XA.1.1', 'XA.3.2', 'XA.7.2']);
    expect(plan.tasks.map((task) => task.ref)).toEqual(['II.1.a.1', 'II.1.b.1', 'II.1.c.1']);
    expect(plan.sections.map((section) => section.ref)).toEqual(['II', 'II.1', 'II.1.a', 'II.1.b', 'II.1.c']);
    expect(plan.sections[3]?.title).toBe('Cải cách thủ tục hành chính (bị trừ 3 điểm)');
    const task = plan.tasks[1];
    expect(task?.text).toMatch(/^Tiêu chí “Tỷ lệ hồ sơ giải quyết đúng hạn” \(đạt 5\/8 điểm\): /);
    expect(task?.due).toBe('2026-11-30');
    expect(task?.index).toBe('PAR_INDEX');
    expect(task?.dimension).toBe('PAR.3');
    expect(plan.indices).toEqual(['PAR_INDEX']);
  });

  it('sets a full-marks target per weak criterion and the ranks within reach', () => {
    const plan = draftRemediationPlan(input({ 'XA.7.2': 4.5 }));
    expect(plan.targets).toHaveLength(2);
    expect(plan.targets[0]).toMatchObject({
      ref: 'II.1.a.1',
      op: '>=',
      value: 5,
      unit: 'điểm',
      level: 'commune',
    });
    expect(plan.targets[0]?.text).toMatch(
      /^Tiêu chí “Tỷ lệ hồ sơ trực tuyến toàn trình” đạt điểm tối đa \(5 điểm\)/,
    );
    expect(plan.targets[1]).toMatchObject({ op: '>=', value: 3, unit: 'bậc' });
    expect(plan.targets[1]?.text).toBe(
      'Chỉ số cải cách hành chính năm 2026 tăng ít nhất 3 bậc so với năm 2025 (xếp thứ 12/20)',
    );
  });

  it('uses the framework’s suggested task, lead and coordinating units, or the unit’s secretariat', () => {
    const criterion = structuredClone(framework);
    const area = criterion.criteria[2];
    const leaf = area?.children?.[1];
    const bareLeaf = area?.children?.[2];
    if (!leaf || !bareLeaf) throw new Error('fixture');
    bareLeaf.remediation = undefined;
    leaf.remediation = {
      fullMarks: 'Mọi hồ sơ được giải quyết đúng hạn.',
      action: 'Rà soát, giải quyết hồ sơ đúng hạn; xin lỗi người dân khi trễ hẹn.',
      lead: 'Trung tâm Phục vụ hành chính công',
      support: ['Phòng Kinh tế'],
    };
    const bare = draftRemediationPlan({
      ...input({ 'XA.3.2': 5, 'XA.3.3': 0 }),
      criteria: criterion.criteria,
    });
    expect(bare.tasks[0]).toMatchObject({
      text: 'Tiêu chí “Tỷ lệ hồ sơ giải quyết đúng hạn” (đạt 5/8 điểm): rà soát, giải quyết hồ sơ đúng hạn; xin lỗi người dân khi trễ hẹn.',
      lead: ['Trung tâm Phục vụ hành chính công'],
      support: ['Phòng Kinh tế'],
    });
    expect(bare.targets[0]?.text).toBe(
      'Tiêu chí “Tỷ lệ hồ sơ giải quyết đúng hạn” đạt điểm tối đa (8 điểm): mọi hồ sơ được giải quyết đúng hạn',
    );
    expect(bare.tasks[1]?.lead).toEqual(['Văn phòng HĐND và UBND']);
  });

  it('adds a part for the province’s PAPI dimensions below the median', () => {
    const plan = draftRemediationPlan(
      input({ 'XA.2.1': 2 }, { national: { year: 2024, province: 'Hưng Yên', dimensions: [weakPapi] } }),
    );
    expect(plan.indices).toEqual(['PAR_INDEX', 'PAPI']);
    const papiTask = plan.tasks.find((task) => task.index === 'PAPI');
    expect(papiTask).toMatchObject({
      ref: 'II.2.a.1',
      dimension: 'PAPI.5',
      remedies: 'PAPI.5',
      text: 'Nâng cao chất lượng giải quyết thủ tục hành chính.',
      lead: ['Văn phòng HĐND và UBND'],
    });
    expect(plan.sections.find((section) => section.ref === 'II.2.a')?.title).toBe(
      'Thủ tục hành chính công (Hưng Yên 7,1 điểm, thứ 40; Thái Bình 7,4 điểm, thứ 20; trung vị 7,3)',
    );
    expect(plan.targets.at(-1)).toMatchObject({ value: 7.3, level: 'province' });
    expect(plan.document.title).toBe(
      'Khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính, Chỉ số PAPI năm 2026',
    );
    expect(plan.parts?.basis).toHaveLength(3);
    expect(plan.parts?.basis[1]).toContain('1/8 nội dung thấp hơn trung vị toàn quốc');
  });

  it('writes the document’s parts: basis with the result, purposes, organisation, recipients', () => {
    const plan = draftRemediationPlan(input({ 'XA.1.1': 1 }));
    expect(plan.document).toMatchObject({ type: 'KH', issuer: 'Ủy ban nhân dân xã Tân Hưng', number: null });
    expect(plan.parts?.basis[0]).toBe(
      `Căn cứ kết quả công bố Đánh giá CCHC cấp xã năm 2025 (${framework.nameVi}), theo đó Xã Tân Hưng đạt 98/100 điểm, xếp thứ 12/20, xếp loại Khá, bị trừ điểm ở 1 tiêu chí;`,
    );
    expect(plan.parts?.basis.at(-1)).toBe(
      'Ủy ban nhân dân xã Tân Hưng ban hành Kế hoạch khắc phục những tồn tại, hạn chế và nâng cao Chỉ số cải cách hành chính năm 2026 như sau:',
    );
    expect(plan.parts?.organisation[1]).toContain('trước ngày 30/11/2026');
    expect(plan.parts?.recipients).toContain('Sở Nội vụ (để báo cáo)');
  });
});

describe('ranksGained', () => {
  it('counts the totals overtaken, ties sharing the better rank', () => {
    expect(ranksGained(70, 4, [90, 80, 74, 75, 60])).toBe(1);
    expect(ranksGained(70, 5, [90, 80, 74, 75, 60])).toBe(2);
    expect(ranksGained(70, 10, [90, 80, 74, 75, 60])).toBe(3);
    expect(ranksGained(95, 5, [90, 80])).toBe(0);
  });
});

describe('remediationTerm', () => {
  it('is the year after the round’s, or the next when 30 November is under 60 days away', () => {
    expect(remediationTerm(2025, '2026-03-10')).toEqual({ year: 2026, due: '2026-11-30' });
    expect(remediationTerm(2025, '2026-10-01')).toEqual({ year: 2026, due: '2026-11-30' });
    expect(remediationTerm(2025, '2026-10-02')).toEqual({ year: 2027, due: '2027-11-30' });
    expect(remediationTerm(2025, '2026-12-02')).toEqual({ year: 2027, due: '2027-11-30' });
    expect(remediationTerm(2023, '2026-01-15')).toEqual({ year: 2026, due: '2026-11-30' });
  });
});
