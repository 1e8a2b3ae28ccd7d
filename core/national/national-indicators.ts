import { DOSSIER_COUNTERS, DOSSIER_FORMULAS } from '../indicators/dossier-indicators.ts';

/**
 * What the national view counts per unit and period, summed from the federation tables every province
 * shares: the dossier counters of the roll-ups, then feedback, surveys, report completeness, plan tasks
 * and published assessment totals. Counters add up (units, communes, provinces); rates come last.
 */
export const NATIONAL_COUNTERS = [
  ...DOSSIER_COUNTERS,
  'feedbackReceived',
  'feedbackClosed',
  'feedbackClosedOnTime',
  'surveyResponses',
  'surveySatisfied',
  'surveyScore',
  'surveyAnswers',
  'reportsExpected',
  'reportsSent',
  'reportsOnTime',
  'planTasks',
  'planTasksDone',
  'assessmentScore',
  'assessmentMaxScore',
] as const;
export type NationalCounter = (typeof NATIONAL_COUNTERS)[number];
export type NationalCounters = Record<NationalCounter, number>;

export function emptyNationalCounters(): NationalCounters {
  return Object.fromEntries(NATIONAL_COUNTERS.map((name) => [name, 0])) as NationalCounters;
}

export function addNationalCounters(
  into: NationalCounters,
  more: Readonly<Partial<NationalCounters>>,
): NationalCounters {
  for (const name of NATIONAL_COUNTERS) into[name] += more[name] ?? 0;
  return into;
}

/** Where an indicator's counters come from (which federation table). */
export type NationalSource = 'dossiers' | 'feedback' | 'surveys' | 'reports' | 'plans' | 'assessment';

export interface NationalIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  /** A ratio is shown in % (numerator over denominator); a count is its numerator. */
  kind: 'ratio' | 'count';
  /** Which way is better when ranking: a late rate ranks the lowest first. */
  better: 'higher' | 'lower';
  source: NationalSource;
  numerator: NationalCounter;
  denominator: NationalCounter | null;
  /** What the numerator and denominator count, in words (the DHIS2 document and the API). */
  numeratorVi: string;
  denominatorVi: string | null;
}

type Names = Pick<NationalIndicator, 'nameVi' | 'nameEn' | 'better' | 'numeratorVi' | 'denominatorVi'>;

// The dossier indicators keep the catalogue's codes and names (reference/indicators/catalogue.json,
// checked by the test) and their formulas from core/indicators/dossier-indicators.ts.
const DOSSIER_NAMES: Record<keyof typeof DOSSIER_FORMULAS, Names> = {
  DOSSIER_ON_TIME: {
    nameVi: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn',
    nameEn: 'Dossiers finished on time',
    better: 'higher',
    numeratorVi: 'hồ sơ giải quyết đúng hạn',
    denominatorVi: 'hồ sơ đã giải quyết',
  },
  DOSSIER_EARLY: {
    nameVi: 'Tỷ lệ hồ sơ TTHC giải quyết trước hạn',
    nameEn: 'Dossiers finished early',
    better: 'higher',
    numeratorVi: 'hồ sơ giải quyết trước hạn',
    denominatorVi: 'hồ sơ đã giải quyết',
  },
  DOSSIER_LATE_RATE: {
    nameVi: 'Tỷ lệ hồ sơ TTHC giải quyết trễ hạn',
    nameEn: 'Dossiers finished late',
    better: 'lower',
    numeratorVi: 'hồ sơ giải quyết trễ hạn',
    denominatorVi: 'hồ sơ đã giải quyết',
  },
  DOSSIER_ONLINE_FULL: {
    nameVi: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến toàn trình',
    nameEn: 'Dossiers received fully online',
    better: 'higher',
    numeratorVi: 'hồ sơ tiếp nhận trực tuyến toàn trình',
    denominatorVi: 'hồ sơ tiếp nhận',
  },
  DOSSIER_ONLINE: {
    nameVi: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến',
    nameEn: 'Dossiers received online',
    better: 'higher',
    numeratorVi: 'hồ sơ tiếp nhận trực tuyến',
    denominatorVi: 'hồ sơ tiếp nhận',
  },
  DOSSIER_DIGITISED: {
    nameVi: 'Tỷ lệ hồ sơ được số hóa',
    nameEn: 'Dossiers digitised',
    better: 'higher',
    numeratorVi: 'hồ sơ được số hóa',
    denominatorVi: 'hồ sơ tiếp nhận',
  },
  DOSSIER_LATE_APOLOGY: {
    nameVi: 'Tỷ lệ hồ sơ trễ hạn có thư xin lỗi',
    nameEn: 'Late dossiers with an apology letter',
    better: 'higher',
    numeratorVi: 'hồ sơ trễ hạn có thư xin lỗi',
    denominatorVi: 'hồ sơ giải quyết trễ hạn',
  },
  DOSSIER_RECEIVED: {
    nameVi: 'Số hồ sơ TTHC tiếp nhận',
    nameEn: 'Dossiers received',
    better: 'higher',
    numeratorVi: 'hồ sơ tiếp nhận',
    denominatorVi: null,
  },
  DOSSIER_FINISHED: {
    nameVi: 'Số hồ sơ TTHC đã giải quyết',
    nameEn: 'Dossiers finished',
    better: 'higher',
    numeratorVi: 'hồ sơ đã giải quyết',
    denominatorVi: null,
  },
  DOSSIER_LATE: {
    nameVi: 'Số hồ sơ TTHC giải quyết trễ hạn',
    nameEn: 'Dossiers finished late (count)',
    better: 'lower',
    numeratorVi: 'hồ sơ giải quyết trễ hạn',
    denominatorVi: null,
  },
};

const dossierIndicators: NationalIndicator[] = Object.entries(DOSSIER_FORMULAS).map(([code, formula]) => {
  const names = DOSSIER_NAMES[code as keyof typeof DOSSIER_FORMULAS];
  return {
    code,
    ...names,
    kind: formula.denominator === null ? 'count' : 'ratio',
    source: 'dossiers',
    numerator: formula.numerator,
    denominator: formula.denominator,
  };
});

/**
 * The national indicator catalogue: the dossier indicators, then what the other federation tables
 * give. Codes are stable: they are the DHIS2 data elements' codes (docs/dhis2.md).
 */
export const NATIONAL_INDICATORS: readonly NationalIndicator[] = [
  ...dossierIndicators,
  {
    code: 'FEEDBACK_RECEIVED',
    nameVi: 'Số phản ánh, kiến nghị tiếp nhận',
    nameEn: 'Petitions received',
    kind: 'count',
    better: 'higher',
    source: 'feedback',
    numerator: 'feedbackReceived',
    denominator: null,
    numeratorVi: 'phản ánh, kiến nghị tiếp nhận trong kỳ',
    denominatorVi: null,
  },
  {
    // Of the petitions received in the period that were answered or closed, those closed within their
    // legal time (the province's FEEDBACK_ON_TIME also counts open ones not yet due: not shared upward).
    code: 'FEEDBACK_CLOSED_ON_TIME',
    nameVi: 'Tỷ lệ phản ánh, kiến nghị đã trả lời đúng hạn',
    nameEn: 'Petitions answered on time',
    kind: 'ratio',
    better: 'higher',
    source: 'feedback',
    numerator: 'feedbackClosedOnTime',
    denominator: 'feedbackClosed',
    numeratorVi: 'phản ánh, kiến nghị trả lời đúng hạn',
    denominatorVi: 'phản ánh, kiến nghị đã trả lời hoặc kết thúc',
  },
  {
    code: 'SURVEY_SATISFIED',
    nameVi: 'Tỷ lệ người trả lời khảo sát hài lòng',
    nameEn: 'Survey respondents satisfied',
    kind: 'ratio',
    better: 'higher',
    source: 'surveys',
    numerator: 'surveySatisfied',
    denominator: 'surveyResponses',
    numeratorVi: 'phiếu khảo sát hài lòng chung',
    denominatorVi: 'phiếu khảo sát được tính',
  },
  {
    code: 'SURVEY_SATISFACTION_INDEX',
    nameVi: 'Chỉ số hài lòng (câu trả lời hài lòng trên câu trả lời được chấm)',
    nameEn: 'Satisfaction index (satisfied answers over scored answers)',
    kind: 'ratio',
    better: 'higher',
    source: 'surveys',
    numerator: 'surveyScore',
    denominator: 'surveyAnswers',
    numeratorVi: 'điểm hài lòng của các câu trả lời',
    denominatorVi: 'câu trả lời được chấm',
  },
  {
    code: 'REPORTS_ON_TIME',
    nameVi: 'Tỷ lệ đơn vị gửi báo cáo đúng hạn',
    nameEn: 'Units reporting on time',
    kind: 'ratio',
    better: 'higher',
    source: 'reports',
    numerator: 'reportsOnTime',
    denominator: 'reportsExpected',
    numeratorVi: 'đơn vị gửi báo cáo đúng hạn',
    denominatorVi: 'đơn vị phải báo cáo',
  },
  {
    code: 'PLAN_TASKS_DONE',
    nameVi: 'Tỷ lệ nhiệm vụ kế hoạch đã hoàn thành',
    nameEn: 'Plan tasks done',
    kind: 'ratio',
    better: 'higher',
    source: 'plans',
    numerator: 'planTasksDone',
    denominator: 'planTasks',
    numeratorVi: 'nhiệm vụ đã hoàn thành',
    denominatorVi: 'nhiệm vụ của kế hoạch năm',
  },
  {
    code: 'ASSESSMENT_SCORE',
    nameVi: 'Điểm đánh giá đã công bố (tỷ lệ trên điểm tối đa)',
    nameEn: 'Published assessment score (share of the maximum)',
    kind: 'ratio',
    better: 'higher',
    source: 'assessment',
    numerator: 'assessmentScore',
    denominator: 'assessmentMaxScore',
    numeratorVi: 'tổng điểm đạt được',
    denominatorVi: 'tổng điểm tối đa',
  },
];

export const NATIONAL_INDICATOR_CODES = NATIONAL_INDICATORS.map((indicator) => indicator.code) as [
  string,
  ...string[],
];

const BY_CODE = new Map(NATIONAL_INDICATORS.map((indicator) => [indicator.code, indicator]));

export function nationalIndicator(code: string): NationalIndicator | undefined {
  return BY_CODE.get(code);
}

export interface NationalFigure {
  numerator: number;
  /** null for a count. */
  denominator: number | null;
  /** A ratio in % (null when its denominator is 0: nothing to compare); a count is its numerator. */
  value: number | null;
}

export function nationalFigure(
  indicator: NationalIndicator,
  counters: Readonly<NationalCounters>,
): NationalFigure {
  const numerator = counters[indicator.numerator];
  if (indicator.denominator === null) return { numerator, denominator: null, value: numerator };
  const denominator = counters[indicator.denominator];
  return { numerator, denominator, value: denominator === 0 ? null : (numerator / denominator) * 100 };
}

/** The counters each source fills: an indicator is reported for a unit only when its source has rows there. */
const SOURCE_COUNTERS: Record<NationalSource, readonly NationalCounter[]> = {
  dossiers: DOSSIER_COUNTERS,
  feedback: ['feedbackReceived', 'feedbackClosed', 'feedbackClosedOnTime'],
  surveys: ['surveyResponses', 'surveySatisfied', 'surveyScore', 'surveyAnswers'],
  reports: ['reportsExpected', 'reportsSent', 'reportsOnTime'],
  plans: ['planTasks', 'planTasksDone'],
  assessment: ['assessmentScore', 'assessmentMaxScore'],
};

/** Whether anything was counted for the indicator's source (0 late dossiers of 50 is a figure; no dossier is none). */
export function hasSourceData(indicator: NationalIndicator, counters: Readonly<NationalCounters>): boolean {
  return SOURCE_COUNTERS[indicator.source].some((name) => counters[name] !== 0);
}
