/**
 * What a citizen raises, as the law tells the kinds apart (citizen-side reference §1.1, §1.7): a phản
 * ánh or kiến nghị is answered in the petition workflow; a khiếu nại or tố cáo has its own procedure,
 * statutory clocks and conditions, and is never handled as a petition (NĐ 20/2008/NĐ-CP Điều 1).
 */

export const FEEDBACK_KINDS = {
  /** On an administrative regulation or procedure: hard to apply, unreasonable, conflicting; or a proposal. */
  pakn_regulation: {
    vi: 'Phản ánh, kiến nghị về quy định hành chính',
    en: 'Feedback on an administrative regulation',
    procedure: 'petition',
    basis: 'Nghị định 20/2008/NĐ-CP, Điều 3',
  },
  /** On an official's or an office's conduct: delay, harassment, extra fees. */
  pakn_conduct: {
    vi: 'Phản ánh về hành vi của cán bộ, cơ quan',
    en: 'Feedback on the conduct of an official or office',
    procedure: 'petition',
    basis: 'Nghị định 20/2008/NĐ-CP, Điều 5',
  },
  /** Anything else a citizen tells the authority about local matters: roads, environment, order. */
  pakn_general: {
    vi: 'Phản ánh, kiến nghị chung',
    en: 'General feedback or proposal',
    procedure: 'petition',
    basis: 'Luật Tiếp công dân 2013, Điều 2 khoản 2',
  },
  /** "Review this decision or act that harms me": a signed petition to the decision-maker. */
  complaint: {
    vi: 'Khiếu nại',
    en: 'Complaint',
    procedure: 'complaint',
    basis: 'Luật Khiếu nại 2011, Điều 2 khoản 1',
  },
  /** "This person broke the law": a named individual informs the competent authority. */
  denunciation: {
    vi: 'Tố cáo',
    en: 'Denunciation',
    procedure: 'denunciation',
    basis: 'Luật Tố cáo 2018, Điều 2 khoản 1',
  },
} as const;

export type FeedbackKind = keyof typeof FEEDBACK_KINDS;
export type Procedure = (typeof FEEDBACK_KINDS)[FeedbackKind]['procedure'];
export const FEEDBACK_KIND_CODES = Object.keys(FEEDBACK_KINDS) as [FeedbackKind, ...FeedbackKind[]];

/** What the intake knows of a submission when it decides how it may be handled. */
export interface Intake {
  kind: FeedbackKind;
  /** A name and an address or phone the authority can reach (an anonymous submission has neither). */
  identified: boolean;
  /** Signed or fingerprinted (on paper, or written down at the desk and signed there). */
  signed: boolean;
  /** More than one kind in one text: the law asks for separate petitions. */
  mixed: boolean;
}

/** How an intake may go on: handled as its kind, or the citizen is told why not and what to do. */
export type IntakeDecision =
  | { handled: true; procedure: Procedure }
  | { handled: false; reason: IntakeRefusal; basis: string };

export const INTAKE_REFUSALS = {
  split: {
    vi: 'Nội dung gồm nhiều loại (khiếu nại cùng với tố cáo, kiến nghị hoặc phản ánh): cần tách thành từng đơn riêng.',
    en: 'The text mixes kinds (a complaint with a denunciation, proposal or feedback): each needs its own petition.',
  },
  anonymous_denunciation: {
    vi: 'Tố cáo không rõ họ tên, địa chỉ người tố cáo không được xử lý như tố cáo; nếu nêu rõ người vi phạm và có chứng cứ cụ thể, cơ quan có thể dùng để thanh tra, kiểm tra phục vụ quản lý.',
    en: 'A denunciation without the name and address of its author is not handled as one; if it names the offender with concrete evidence, it may be used for an inspection.',
  },
  unsigned_complaint: {
    vi: 'Đơn khiếu nại phải có chữ ký hoặc điểm chỉ của người khiếu nại: đơn chưa ký không được thụ lý.',
    en: 'A complaint must be signed or fingerprinted by the complainant: an unsigned one is not accepted.',
  },
} as const;
export type IntakeRefusal = keyof typeof INTAKE_REFUSALS;

/** The rules of §1.1 that decide, before anything else, whether a submission can be handled as its kind. */
export function decideIntake(intake: Intake): IntakeDecision {
  if (intake.mixed)
    return { handled: false, reason: 'split', basis: 'Luật Tiếp công dân 2013, Điều 25 khoản 3' };
  if (intake.kind === 'denunciation' && !intake.identified)
    return { handled: false, reason: 'anonymous_denunciation', basis: 'Luật Tố cáo 2018, Điều 25' };
  if (intake.kind === 'complaint' && !intake.signed)
    return {
      handled: false,
      reason: 'unsigned_complaint',
      basis: 'Luật Khiếu nại 2011, Điều 8 khoản 2, Điều 11',
    };
  return { handled: true, procedure: FEEDBACK_KINDS[intake.kind].procedure };
}
