/**
 * Index frameworks as data: a versioned tree of criteria with points, scoring methods and grading
 * bands. Methodologies change nearly every year, so each version is its own data file, never code.
 */
export const SCORING_METHODS = {
  manual: { vi: 'Tự chấm, có tài liệu kiểm chứng', en: 'Self-scored with evidence' },
  formula: { vi: 'Tính theo công thức từ chỉ tiêu', en: 'Formula over indicators' },
  survey: { vi: 'Từ điều tra xã hội học', en: 'Survey-derived' },
  external: { vi: 'Kết quả do cơ quan khác công bố', en: 'Published externally' },
} as const;
export type ScoringMethod = keyof typeof SCORING_METHODS;

export interface Band {
  /** e.g. "Tốt", "Khá", "A". */
  label: string;
  /** Lower bound, inclusive, in % of the maximum (or on the scale when the framework has one). */
  from: number;
  /** Upper bound, exclusive — except for the top band, which includes it. */
  to: number;
}

/**
 * What a unit that lost points on a criterion is asked to do: the remediation plan's task for it.
 * Written from the methodology's own text where it gives one; the coordinator edits it with the framework.
 */
export interface CriterionRemediation {
  /** What full marks require, in the methodology's words ("Ban hành kế hoạch CCHC năm trước ngày 31/12…"). */
  fullMarks: string;
  /** The suggested task, worded as a plan's task ("Ban hành kế hoạch CCHC năm … đúng thời hạn"). */
  action: string;
  /** The unit usually responsible, as documents name it ("Sở Tư pháp", "Văn phòng HĐND và UBND"). */
  lead?: string | undefined;
  /** The units usually coordinating. */
  support?: string[] | undefined;
}

export interface Criterion {
  /** Stable code: "PAPI.1", "PAPI.1.2", "PAR.3.2.1". */
  code: string;
  nameVi: string;
  nameEn?: string | undefined;
  /** Maximum points; null while unconfirmed and left for the coordinator to fill in. */
  maxPoints: number | null;
  /** Lowest possible score when it is not 0 (PAPI's scales start at 0.25, 0.33, 1…). */
  minPoints?: number | undefined;
  method: ScoringMethod;
  evidenceRequired?: boolean | undefined;
  guidance?: string | undefined;
  /** "sum" (default): the maximum equals the children's sum. "declared": the parent states its own rule. */
  aggregation?: 'sum' | 'declared' | undefined;
  /** Rule text for "declared" aggregation, e.g. a weighted mean. */
  rule?: string | undefined;
  weight?: number | undefined;
  /** What full marks require and the suggested remediation task (leaf criteria and areas). */
  remediation?: CriterionRemediation | undefined;
  children?: Criterion[] | undefined;
}

export interface Framework {
  /** PAPI, PAR_INDEX, SIPAS, DTI, PCI, SERVICE_766 or a province's own code. */
  code: string;
  nameVi: string;
  nameEn: string;
  /** First and last year this version applies to (inclusive; null: still in force). */
  fromYear: number;
  toYear: number | null;
  /** "unconfirmed" (chưa xác nhận): a template whose points were not found in an official text. */
  status: 'confirmed' | 'unconfirmed';
  source: string;
  /** How the total is read: points out of the maximum, or a percentage. */
  unit: 'points' | 'percent';
  /** "bands": graded by % of the maximum; "quartiles": grouped by position among all units (PAPI). */
  grouping: 'bands' | 'quartiles';
  bands: Band[];
  criteria: Criterion[];
}

export const DEFAULT_BANDS: Band[] = [
  { label: 'Tốt', from: 90, to: 100 },
  { label: 'Khá', from: 80, to: 90 },
  { label: 'Trung bình', from: 65, to: 80 },
  { label: 'Yếu', from: 0, to: 65 },
];

/** Every criterion, depth first, with its parent's code. */
export function walkCriteria(
  criteria: readonly Criterion[],
  parent: string | null = null,
): { criterion: Criterion; parent: string | null; depth: number }[] {
  const out: { criterion: Criterion; parent: string | null; depth: number }[] = [];
  const visit = (items: readonly Criterion[], parentCode: string | null, depth: number) => {
    for (const criterion of items) {
      out.push({ criterion, parent: parentCode, depth });
      if (criterion.children) visit(criterion.children, criterion.code, depth + 1);
    }
  };
  visit(criteria, parent, 0);
  return out;
}

/** The framework's maximum: the sum of its top-level criteria (null if any is unconfirmed). */
export function frameworkMaximum(framework: Framework): number | null {
  let total = 0;
  for (const criterion of framework.criteria) {
    if (criterion.maxPoints === null) return null;
    total += criterion.maxPoints;
  }
  return total;
}

/** The band of a score given in % of the maximum. */
export function bandOf(bands: readonly Band[], percent: number): Band | null {
  const top = Math.max(...bands.map((band) => band.to));
  return (
    bands.find(
      (band) => percent >= band.from && (percent < band.to || (band.to === top && percent <= band.to)),
    ) ?? null
  );
}

/**
 * A stored framework version with the suggested remediation texts a newer release ships for it: each
 * criterion (same code) that has none gets the shipped one; one the coordinator wrote is kept. Null
 * when there is nothing to add.
 */
export function withShippedRemediation(stored: Framework, shipped: Framework): Framework | null {
  const texts = new Map(
    walkCriteria(shipped.criteria).flatMap(({ criterion }) =>
      criterion.remediation ? [[criterion.code, criterion.remediation] as const] : [],
    ),
  );
  let added = 0;
  const fill = (criteria: readonly Criterion[]): Criterion[] =>
    criteria.map((criterion) => {
      const text = criterion.remediation ? undefined : texts.get(criterion.code);
      if (text) added += 1;
      return {
        ...criterion,
        ...(text && { remediation: text }),
        ...(criterion.children && { children: fill(criterion.children) }),
      };
    });
  const criteria = fill(stored.criteria);
  return added > 0 ? { ...stored, criteria } : null;
}
