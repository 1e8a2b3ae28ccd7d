/**
 * A remediation plan ("Kế hoạch khắc phục những tồn tại, hạn chế …") drafted from what a unit lost
 * points on: one task per criterion below full marks in its own assessment round, one per national
 * index dimension where the province is below the national median; each with the framework's
 * suggested wording, lead and coordinating units, a deadline and its target. The draft is a parsed plan
 * like one read from a document, so it opens in the same review screen and is saved the same way.
 */
import type { Criterion, CriterionRemediation } from '../frameworks/framework.ts';
import type { WeakGap } from '../frameworks/weak-criteria.ts';
import type { WeakDimension } from '../indices/papi-weak.ts';
import { addDays, formatDateVi } from '../text/dates.ts';
import { headingDimensions } from './dimensions.ts';
import { toMatchText } from './match-key.ts';
import type { IndexCode, ParsedPlan, PlanSection, PlanTarget, PlanTask, TargetLevel } from './types.ts';

export interface RemediationUnit {
  name: string;
  /** The issuing body as the header writes it ("Ủy ban nhân dân xã Tân Hưng"). */
  issuer: string;
  place: string | null;
  level: TargetLevel;
  /** Who follows the plan for the head ("Văn phòng HĐND và UBND", "Sở Nội vụ"). */
  secretariat: string;
}

export interface RemediationRound {
  name: string;
  year: number;
  frameworkName: string;
  /** The unit's result: total, maximum, band, rank among those ranked. */
  score: number;
  maxScore: number | null;
  band: string | null;
  rank: number | null;
  ranked: number;
  /** Ranks the unit would gain with half its lost points back (the round's other totals held). */
  ranksWithinReach: number;
}

export interface RemediationInput {
  unit: RemediationUnit;
  /** Null for a plan on the national index alone (the province's own PAPI plan). */
  round: RemediationRound | null;
  /** The round's framework, for areas and suggested tasks. */
  criteria: readonly Criterion[];
  /** The unit's criteria below full marks. */
  gaps: readonly WeakGap[];
  /** The province's PAPI dimensions below the national median, with the suggested task of each. */
  national: {
    year: number;
    province: string;
    dimensions: readonly (WeakDimension & { remediation: CriterionRemediation })[];
  } | null;
  /** The year the plan is for, and the deadline every task starts with. */
  planYear: number;
  due: string;
}

const sentence = (text: string) => {
  const trimmed = text.trim().replace(/[.;:,]+$/u, '');
  return trimmed ? `${trimmed.charAt(0).toLocaleUpperCase('vi')}${trimmed.slice(1)}` : trimmed;
};
const lowerFirst = (text: string) => `${text.charAt(0).toLocaleLowerCase('vi')}${text.slice(1)}`;
const points = (value: number) => value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const LETTERS = 'abcdefghiklmnopqrstuvxy';

/** Each leaf criterion's area (top-level criterion) and the criterion itself, by code. */
function criterionIndex(criteria: readonly Criterion[]) {
  const found = new Map<string, { criterion: Criterion; area: Criterion }>();
  const visit = (items: readonly Criterion[], area: Criterion | null) => {
    for (const criterion of items) {
      const top = area ?? criterion;
      found.set(criterion.code, { criterion, area: top });
      if (criterion.children) visit(criterion.children, top);
    }
  };
  visit(criteria, null);
  return found;
}

function defaultAction(name: string): string {
  return `Khắc phục tồn tại, hạn chế ở tiêu chí “${name}”, bảo đảm đạt điểm tối đa ở kỳ đánh giá sau`;
}

export function draftRemediationPlan(input: RemediationInput): ParsedPlan {
  const { unit, round, planYear, due } = input;
  const known = criterionIndex(input.criteria);
  const sections: PlanSection[] = [{ ref: 'II', title: 'Nhiệm vụ, giải pháp khắc phục' }];
  const tasks: PlanTask[] = [];
  const targets: PlanTarget[] = [];
  const indices: IndexCode[] = [];
  let part = 0;

  if (round && input.gaps.length > 0) {
    part += 1;
    const partRef = `II.${part}`;
    indices.push('PAR_INDEX');
    sections.push({ ref: partRef, title: `${round.frameworkName} (kết quả năm ${round.year})` });
    // In the framework's order, as the document reads, whatever order the gaps came in.
    const order = [...known.keys()];
    const position = (code: string) => {
      const at = order.indexOf(code);
      return at < 0 ? order.length : at;
    };
    const inOrder = [...input.gaps].sort((a, b) => position(a.code) - position(b.code));
    const areas = new Map<string, { area: Criterion; gaps: WeakGap[] }>();
    for (const gap of inOrder) {
      const area = known.get(gap.code)?.area ?? { code: gap.code, nameVi: gap.nameVi };
      const entry = areas.get(area.code) ?? { area: area as Criterion, gaps: [] };
      entry.gaps.push(gap);
      areas.set(area.code, entry);
    }
    [...areas.values()].forEach(({ area, gaps }, areaIndex) => {
      const areaRef = `${partRef}.${LETTERS[areaIndex] ?? areaIndex + 1}`;
      const lost = gaps.reduce((sum, gap) => sum + gap.lost, 0);
      sections.push({ ref: areaRef, title: `${area.nameVi} (bị trừ ${points(lost)} điểm)` });
      const dimension = headingDimensions(toMatchText(area.nameVi), 'PAR_INDEX', ['PAR_INDEX'])[0] ?? null;
      gaps.forEach((gap, gapIndex) => {
        const ref = `${areaRef}.${gapIndex + 1}`;
        const remediation = known.get(gap.code)?.criterion.remediation;
        const action = sentence(remediation?.action ?? defaultAction(gap.nameVi));
        tasks.push({
          ref,
          text: `Tiêu chí “${gap.nameVi}” (đạt ${points(gap.score)}/${points(gap.maxPoints)} điểm): ${lowerFirst(action)}.`,
          index: 'PAR_INDEX',
          dimension,
          lead: [remediation?.lead?.trim() || unit.secretariat],
          support: remediation?.support ?? [],
          due,
          recurrence: null,
          remedies: gap.code,
        });
        targets.push({
          ref,
          text: `Tiêu chí “${gap.nameVi}” đạt điểm tối đa (${points(gap.maxPoints)} điểm)${
            remediation?.fullMarks ? `: ${lowerFirst(sentence(remediation.fullMarks))}` : ''
          }`,
          op: '>=',
          value: gap.maxPoints,
          unit: 'điểm',
          level: unit.level,
        });
      });
    });
    if (round.rank !== null && round.ranksWithinReach > 0)
      targets.push({
        ref: partRef,
        text: `Chỉ số cải cách hành chính năm ${planYear} tăng ít nhất ${round.ranksWithinReach} bậc so với năm ${round.year} (xếp thứ ${round.rank}/${round.ranked})`,
        op: '>=',
        value: round.ranksWithinReach,
        unit: 'bậc',
        level: unit.level,
      });
  }

  const national = input.national;
  if (national && national.dimensions.length > 0) {
    part += 1;
    const partRef = `II.${part}`;
    indices.push('PAPI');
    sections.push({
      ref: partRef,
      title: `Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm ${national.year}: các nội dung dưới trung vị toàn quốc`,
    });
    national.dimensions.forEach((dimension, index) => {
      const sectionRef = `${partRef}.${LETTERS[index] ?? index + 1}`;
      const figures = dimension.parts
        .map((entry) => `${entry.unit} ${points(entry.score)} điểm, thứ ${entry.rank}`)
        .join('; ');
      sections.push({
        ref: sectionRef,
        title: `${dimension.nameVi} (${figures}; trung vị ${points(dimension.median)})`,
      });
      const ref = `${sectionRef}.1`;
      const remediation = dimension.remediation;
      tasks.push({
        ref,
        text: `${sentence(remediation.action)}.`,
        index: 'PAPI',
        dimension: dimension.code,
        lead: [unit.level === 'province' ? remediation.lead?.trim() || unit.secretariat : unit.secretariat],
        support: unit.level === 'province' ? (remediation.support ?? []) : [],
        due,
        recurrence: null,
        remedies: dimension.code,
      });
      targets.push({
        ref,
        text: `Nội dung “${dimension.nameVi}” đạt tối thiểu mức trung vị toàn quốc (${points(dimension.median)} điểm)`,
        op: '>=',
        value: dimension.median,
        unit: 'điểm',
        level: 'province',
      });
    });
  }

  const title = `Khắc phục những tồn tại, hạn chế và nâng cao ${
    indices.includes('PAPI') && indices.includes('PAR_INDEX')
      ? 'Chỉ số cải cách hành chính, Chỉ số PAPI'
      : indices.includes('PAPI')
        ? 'Chỉ số PAPI'
        : 'Chỉ số cải cách hành chính'
  } năm ${planYear}`;
  const criteriaCount = input.gaps.length;
  const result =
    round?.maxScore != null
      ? `${points(round.score)}/${points(round.maxScore)} điểm`
      : `${points(round?.score ?? 0)} điểm`;
  const basis = [
    ...(round
      ? [
          `Căn cứ kết quả công bố ${round.name} (${round.frameworkName}), theo đó ${unit.name} đạt ${result}${
            round.rank !== null ? `, xếp thứ ${round.rank}/${round.ranked}` : ''
          }${round.band ? `, xếp loại ${round.band}` : ''}, bị trừ điểm ở ${criteriaCount} tiêu chí;`,
        ]
      : []),
    ...(national && national.dimensions.length > 0
      ? [
          `Căn cứ kết quả Chỉ số PAPI năm ${national.year} của ${national.province} do Chương trình Phát triển Liên hợp quốc (UNDP) và các cơ quan đối tác công bố, theo đó ${national.dimensions.length}/8 nội dung thấp hơn trung vị toàn quốc;`,
        ]
      : []),
    `${sentence(unit.issuer)} ban hành Kế hoạch ${lowerFirst(title)} như sau:`,
  ];
  const weakDimensions = national?.dimensions.length ?? 0;
  const aims = [
    criteriaCount > 0 &&
      `các tiêu chí bị trừ điểm đạt điểm tối đa ở kỳ đánh giá năm ${planYear}${
        round && round.rank !== null && round.ranksWithinReach > 0
          ? `, Chỉ số cải cách hành chính tăng ít nhất ${round.ranksWithinReach} bậc`
          : ''
      }`,
    weakDimensions > 0 && 'các nội dung PAPI đạt tối thiểu mức trung vị toàn quốc',
  ].filter(Boolean);
  const purposes = [
    `1. Mục đích: khắc phục dứt điểm những tồn tại, hạn chế ở ${[
      criteriaCount > 0 && `${criteriaCount} tiêu chí bị trừ điểm`,
      weakDimensions > 0 && `${weakDimensions} nội dung PAPI dưới trung vị toàn quốc`,
    ]
      .filter(Boolean)
      .join(' và ')}; phấn đấu ${aims.join('; ')}.`,
    '2. Yêu cầu: mỗi nhiệm vụ có đơn vị chủ trì, sản phẩm và thời hạn cụ thể; gắn trách nhiệm người đứng đầu với kết quả khắc phục; tài liệu kiểm chứng được lưu đầy đủ để phục vụ tự đánh giá, chấm điểm.',
  ];
  const organisation = [
    `1. ${unit.secretariat} là đầu mối theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo kết quả hằng quý.`,
    `2. Các đơn vị được giao chủ trì nhiệm vụ xây dựng sản phẩm cụ thể, hoàn thành trước ngày ${formatDateVi(due)}, cập nhật tiến độ và tài liệu kiểm chứng trên hệ thống.`,
    `3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo ${unit.issuer} (qua ${unit.secretariat}) để xem xét, giải quyết.`,
  ];
  const recipients =
    unit.level === 'province'
      ? ['Bộ Nội vụ (để báo cáo)', 'Thường trực Tỉnh ủy, HĐND tỉnh (để báo cáo)', 'Các sở, ban, ngành']
      : ['UBND tỉnh (để báo cáo)', 'Sở Nội vụ (để báo cáo)', 'Thường trực Đảng ủy, HĐND (để báo cáo)'];

  return {
    document: {
      number: null,
      type: 'KH',
      issuedOn: null,
      place: unit.place,
      issuer: unit.issuer,
      signer: null,
      title,
    },
    indices,
    sections,
    tasks,
    targets,
    warnings: [],
    parts: { basis, purposes, organisation, recipients },
  };
}

/**
 * The year a remediation plan is for and its tasks' first deadline (30 November, before the next
 * self-assessment): the year after the round's, or later when that deadline is under 60 days away.
 */
export function remediationTerm(roundYear: number, today: string): { year: number; due: string } {
  let year = Math.max(roundYear + 1, Number(today.slice(0, 4)));
  if (addDays(today, 60) > `${year}-11-30`) year += 1;
  return { year, due: `${year}-11-30` };
}

/** Ranks a total of `score + gain` would hold among the other totals (ties share the better rank). */
export function ranksGained(score: number, gain: number, others: readonly number[]): number {
  const rankAt = (value: number) => 1 + others.filter((other) => other > value + 1e-9).length;
  return rankAt(score) - rankAt(score + gain);
}
