/**
 * The e-mail that tells a citizen who left an address what became of their petition: that it was
 * received (with its tracking code), forwarded, what the unit asks, the answer, or that it went
 * elsewhere. Written in Vietnamese, the language of the form they used; what it says is what their
 * tracking page says, never a staff note.
 */
import { formatDateVi } from '../text/dates.ts';
import { FEEDBACK_OUTCOMES, FEEDBACK_STEP_NAMES, type FeedbackOutcome, REOPEN_DAYS } from './workflow.ts';

/** The steps a citizen is told of by e-mail (the others are on their tracking page). */
export const MAILED_STEPS: readonly string[] = [
  'received',
  'forward',
  'ask_info',
  'answer',
  'not_competent',
  'duplicate',
  'extend',
];

export interface CitizenMailInput {
  code: string;
  citizenName: string | null;
  receivedOn: string;
  action: string;
  on: string;
  note: string | null;
  /** The deadline the step set (an extension's new one). */
  dueOn?: string | null;
  /** The unit handling it after this step. */
  unitName: string;
  outcome: FeedbackOutcome | null;
  /** The public address of the installation ("https://chiso.hungyen.gov.vn"). */
  publicUrl: string;
}

const NOTE_HEADINGS: Record<string, string> = {
  forward: 'Lý do chuyển',
  ask_info: 'Đơn vị đề nghị ông/bà bổ sung',
  answer: 'Nội dung trả lời',
  not_competent: 'Cơ quan có thẩm quyền và lý do',
  duplicate: 'Trùng với phản ánh',
  extend: 'Lý do gia hạn',
};

export function citizenMail(input: CitizenMailInput): { subject: string; text: string } {
  const step = FEEDBACK_STEP_NAMES[input.action]?.vi ?? 'Cập nhật';
  const lines = [
    `Kính gửi ${input.citizenName ? `ông/bà ${input.citizenName}` : 'ông/bà'},`,
    '',
    `Phản ánh, kiến nghị mã ${input.code} (gửi ngày ${formatDateVi(input.receivedOn)}) có bước mới ngày ${formatDateVi(input.on)}: ${step}.`,
    `Đơn vị xử lý: ${input.unitName}.`,
  ];
  const heading = NOTE_HEADINGS[input.action];
  if (heading && input.note) lines.push('', `${heading}:`, input.note);
  if (input.action === 'answer' && input.outcome)
    lines.push(
      '',
      `Kết quả: ${FEEDBACK_OUTCOMES[input.outcome].vi}.`,
      `Trong ${REOPEN_DAYS} ngày, ông/bà có thể đánh giá câu trả lời, hoặc mở lại phản ánh một lần, bằng đường dẫn riêng nhận được khi gửi.`,
    );
  if (input.action === 'ask_info')
    lines.push(
      '',
      'Xin bổ sung bằng đường dẫn riêng nhận được khi gửi phản ánh; thời hạn trả lời tạm dừng đến khi ông/bà bổ sung.',
    );
  if (input.action === 'extend' && input.dueOn)
    lines.push('', `Thời hạn giải quyết mới: ${formatDateVi(input.dueOn)}.`);
  if (input.action === 'received') lines.push('', 'Xin giữ mã phản ánh để theo dõi và tra cứu.');
  lines.push(
    '',
    `Theo dõi phản ánh: ${input.publicUrl}/phan-anh/${input.code}`,
    '',
    'Thư tự động từ Chiso, xin không trả lời thư này.',
  );
  return { subject: `Phản ánh ${input.code}: ${step}`, text: lines.join('\n') };
}
