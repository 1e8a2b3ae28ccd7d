/**
 * Moving a round between stages without surprises: what a move leaves undone, whether it goes against
 * the schedule (and so needs a reason), and how a round treats the units that never sent their
 * self-assessment. Pure rules; the server enforces them and the web app shows them before confirming.
 */
import { z } from 'zod';
import { type Msg, zodMsg } from '../errors.ts';
import { versionSchema } from '../ids.ts';
import { optionalText, text } from '../text/fields.ts';
import { type InputStage, nextStage, STAGES, type Stage } from './rounds.ts';
import type { NonSubmitterRule } from './scoring.ts';

/** Where a round's units stand, counted by the server. */
export interface RoundProgress {
  units: number;
  /** Units that have not sent their self-assessment. */
  notSubmitted: number;
  /**
   * Units that sent it and that the council has not touched yet (no score, no criterion returned): a
   * criterion the council leaves alone keeps the unit's own score, so one entry means it was looked at.
   */
  notAppraised: number;
  /** Units with a returned criterion they have not explained. */
  awaitingExplanation: number;
}

export interface StageMovePreview extends RoundProgress {
  from: Stage;
  to: Stage;
  /** The current stage's last day (ISO), if it has one. */
  deadline: string | null;
  deadlinePassed: boolean;
  /** The units the move leaves behind in the current stage (what it locks them out of). */
  pending: number;
  pendingKind: 'notSubmitted' | 'notAppraised' | 'awaitingExplanation' | null;
  /** The move goes against the schedule (before the deadline, or with units pending): a reason is required. */
  reasonRequired: boolean;
  nonSubmitters: NonSubmitterRule;
}

const PENDING_OF: Record<Stage, StageMovePreview['pendingKind']> = {
  self: 'notSubmitted',
  appraisal1: 'notAppraised',
  explanation: 'awaitingExplanation',
  appraisal2: 'notAppraised',
  final: null,
  published: null,
};

/** What moving a round on from its current stage would do; null once it is published. */
export function previewStageMove(
  round: { stage: Stage; deadlines: Partial<Record<InputStage, string>>; nonSubmitters: NonSubmitterRule },
  progress: RoundProgress,
  today: string,
): StageMovePreview | null {
  const to = nextStage(round.stage);
  if (!to) return null;
  const deadline = round.deadlines[round.stage as InputStage] ?? null;
  const deadlinePassed = deadline === null || today > deadline;
  const pendingKind = PENDING_OF[round.stage];
  const pending = pendingKind ? progress[pendingKind] : 0;
  return {
    ...progress,
    from: round.stage,
    to,
    deadline,
    deadlinePassed,
    pending,
    pendingKind,
    reasonRequired: !deadlinePassed || pending > 0,
    nonSubmitters: round.nonSubmitters,
  };
}

const PENDING: Record<NonNullable<StageMovePreview['pendingKind']>, Msg> = {
  notSubmitted: { vi: 'chưa nộp bản tự đánh giá', en: 'have not submitted their self-assessment' },
  notAppraised: { vi: 'chưa được thẩm định xong', en: 'are not fully appraised' },
  awaitingExplanation: {
    vi: 'chưa giải trình tiêu chí bị trả lại',
    en: 'have not explained returned criteria',
  },
};

/** The refusal of a move against the schedule without a reason: "Còn 103 đơn vị chưa nộp…; hạn giai đoạn là …". */
export function stageMoveProblem(preview: StageMovePreview, formatDate: (iso: string) => string): Msg {
  const vi: string[] = [];
  const en: string[] = [];
  if (preview.pendingKind && preview.pending > 0) {
    vi.push(`Còn ${preview.pending}/${preview.units} đơn vị ${PENDING[preview.pendingKind].vi}`);
    en.push(`${preview.pending}/${preview.units} units ${PENDING[preview.pendingKind].en}`);
  }
  if (!preview.deadlinePassed && preview.deadline) {
    vi.push(`hạn giai đoạn là ${formatDate(preview.deadline)}, chưa đến`);
    en.push(`the stage is due ${formatDate(preview.deadline)}, not yet reached`);
  }
  const sentence = (parts: string[]) => parts.join('; ').replace(/^./, (first) => first.toUpperCase());
  return {
    vi: `${sentence(vi)}. Nêu lý do nếu vẫn chuyển giai đoạn.`,
    en: `${sentence(en)}. State a reason to move the stage anyway.`,
  };
}

/** Moving back one stage is safe only while nothing of the stage being left has been entered. */
export function previousStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) - 1] ?? null;
}

export const advanceRoundSchema = z.object({
  version: versionSchema,
  /** Required when the move goes against the schedule; recorded in the audit event. */
  reason: optionalText(2000).optional(),
});

export const withdrawPublicationSchema = z.object({
  version: versionSchema,
  reason: text(2000, zodMsg('Nêu lý do thu hồi công bố.', 'State why the publication is withdrawn.')),
});

export const reopenStageSchema = z.object({
  version: versionSchema,
  reason: text(
    2000,
    zodMsg('Nêu lý do mở lại giai đoạn trước.', 'State why the previous stage is reopened.'),
  ),
});
