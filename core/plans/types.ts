/**
 * What the plan importer reads out of a Kế hoạch / Quyết định: plain types, no schema library, so the
 * server, the web app and the CLI can all use them.
 */
import type { TargetOperator } from '../indicators/targets.ts';

export type { TargetOperator } from '../indicators/targets.ts';

/** Index codes of the brief (§4). */
export const INDEX_CODES = [
  'PAR_INDEX',
  'PAPI',
  'SIPAS',
  'DTI',
  'PCI',
  'ICT_INDEX',
  'SERVICE_766',
  'DVCQ',
] as const;
export type IndexCode = (typeof INDEX_CODES)[number];

export const DIMENSION_CODES = [
  'PAPI.1',
  'PAPI.2',
  'PAPI.3',
  'PAPI.4',
  'PAPI.5',
  'PAPI.6',
  'PAPI.7',
  'PAPI.8',
  'PAR.1',
  'PAR.2',
  'PAR.3',
  'PAR.4',
  'PAR.5',
  'PAR.6',
  'PAR.7',
  'PAR.8',
] as const;
export type DimensionCode = (typeof DIMENSION_CODES)[number];

/**
 * How often a task repeats. "periodic" is "định kỳ" with no cadence named. When a text names several
 * ("định kỳ hàng quý, 6 tháng, năm"), the most frequent one is kept: in the Vietnamese reporting regime a
 * quarterly report implies the 6-month and annual ones. "continuous" is "thường xuyên": ongoing work.
 */
export const RECURRENCES = [
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'periodic',
  'continuous',
] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Government level a target applies to ("cấp tỉnh", "cấp huyện", "cấp xã"). */
export type TargetLevel = 'province' | 'district' | 'commune';

export interface PlanDocument {
  /** "29/KH-UBND" as written, spaces removed. */
  number: string | null;
  /** Type abbreviation of Nghị định 30/2020 (KH, QĐ, BC, TTr …); CV for a công văn. */
  type: string | null;
  /** ISO date of issue. */
  issuedOn: string | null;
  place: string | null;
  issuer: string | null;
  signer: string | null;
  /** The trích yếu (summary title) under the type name. */
  title: string | null;
}

/** The particulars of PlanDocument, in the order the review screen shows them. */
export const DOCUMENT_FIELDS = ['number', 'type', 'issuedOn', 'place', 'issuer', 'signer', 'title'] as const;
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];

/**
 * How far the importer trusts a particular it read: "sure" (the value stands), "unsure" (the value is
 * left empty: a fallback source, OCR damage, a line that mixes two things) or "missing" (nothing found).
 * A wrong value a person does not notice is worse than an empty one they fill in.
 */
export type FieldLevel = 'sure' | 'unsure' | 'missing';

export interface FieldConfidence {
  level: FieldLevel;
  /** Where the value came from, or why it was left empty, in both languages. */
  reason: { vi: string; en: string };
  /** An unsure field's plausible value, offered for the person to take with one click. */
  candidate?: string;
}

export type DocumentConfidence = Record<DocumentField, FieldConfidence>;

export interface PlanTask {
  /** Path in the document's own numbering: "II.1.a.1" (unnumbered dashes counted in order). */
  ref: string;
  text: string;
  index: IndexCode | null;
  dimension: DimensionCode | null;
  /** Lead units (chủ trì), canonical names ("Sở Nội vụ", "UBND cấp huyện"). */
  lead: string[];
  /** Coordinating units (phối hợp). */
  support: string[];
  /** ISO deadline. */
  due: string | null;
  /** The deadline is the plan's year end, put there because the document gave none ("mặc định: cuối năm"). */
  dueDefaulted?: boolean;
  recurrence: Recurrence | null;
  /** In a remediation plan: the criterion the task is to bring to full marks ("XA.3.2", "PAPI.5"). */
  remedies?: string | null;
}

export interface PlanTarget {
  /** Ref of the item the target was read from. */
  ref: string;
  text: string;
  op: TargetOperator;
  value: number;
  /** "%", a count word ("đơn vị", "bậc") or "hạng" for a ranking group ("nhóm 20 tỉnh dẫn đầu"). */
  unit: string;
  level: TargetLevel | null;
}

/** A heading above one or more tasks: "II" "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM". */
export interface PlanSection {
  ref: string;
  title: string;
}

/**
 * The document's parts around its tasks, in the order Nghị định 30/2020 plans lay them out: the basis
 * ("Căn cứ …"), section I's purposes and requirements, the organisation section, the recipients.
 */
export interface PlanParts {
  basis: string[];
  purposes: string[];
  organisation: string[];
  recipients: string[];
}

export interface ParsedPlan {
  document: PlanDocument;
  /** How sure each particular of `document` is; an unsure or missing one is null there. */
  documentConfidence?: DocumentConfidence;
  /** Index codes the document sets out to improve, in the order of the brief. */
  indices: IndexCode[];
  /** The headings the tasks sit under, in document order (a task's ancestors by ref). */
  sections: PlanSection[];
  tasks: PlanTask[];
  targets: PlanTarget[];
  /** Vietnamese notes on what was repaired or guessed (numbering slips, fallbacks, missing fields). */
  warnings: string[];
  /** The parts around the tasks, when known (a drafted remediation plan has them). */
  parts?: PlanParts | null;
}
