import { describe, expect, it } from 'vitest';
import { formatDateVi } from '../text/dates.ts';
import { previewStageMove, stageMoveProblem } from './round-stages.ts';

const DEADLINES = {
  self: '2026-06-30',
  appraisal1: '2026-07-31',
  explanation: '2026-08-15',
  appraisal2: '2026-08-31',
  final: '2026-09-30',
};
const PROGRESS = { units: 104, notSubmitted: 103, notAppraised: 1, awaitingExplanation: 0 };
const round = (stage: 'self' | 'appraisal1' | 'explanation' | 'final' | 'published') => ({
  stage,
  deadlines: DEADLINES,
  nonSubmitters: 'excluded' as const,
});

describe('moving a round on', () => {
  it('before the deadline with units not submitted: a reason is required, and the refusal names both', () => {
    const preview = previewStageMove(round('self'), PROGRESS, '2026-06-01');
    expect(preview).toMatchObject({
      from: 'self',
      to: 'appraisal1',
      deadline: '2026-06-30',
      deadlinePassed: false,
      pending: 103,
      pendingKind: 'notSubmitted',
      reasonRequired: true,
    });
    expect(stageMoveProblem(preview!, formatDateVi).vi).toBe(
      'Còn 103/104 đơn vị chưa nộp bản tự đánh giá; hạn giai đoạn là 30/06/2026, chưa đến. Nêu lý do nếu vẫn chuyển giai đoạn.',
    );
    expect(stageMoveProblem(preview!, formatDateVi).en).toBe(
      '103/104 units have not submitted their self-assessment; the stage is due 30/06/2026, not yet reached. State a reason to move the stage anyway.',
    );
  });

  it('after the deadline (the last day is still inside) with everyone done: no reason needed', () => {
    const done = { ...PROGRESS, notSubmitted: 0 };
    expect(previewStageMove(round('self'), done, '2026-06-30')?.reasonRequired).toBe(true);
    expect(previewStageMove(round('self'), done, '2026-07-01')).toMatchObject({
      deadlinePassed: true,
      pending: 0,
      reasonRequired: false,
    });
  });

  it('each stage counts what it leaves undone: appraisal, explanation; the final stage only its deadline', () => {
    expect(previewStageMove(round('appraisal1'), PROGRESS, '2026-08-01')).toMatchObject({
      pendingKind: 'notAppraised',
      pending: 1,
      reasonRequired: true,
    });
    const explanation = previewStageMove(round('explanation'), PROGRESS, '2026-08-16');
    expect(explanation).toMatchObject({
      pendingKind: 'awaitingExplanation',
      pending: 0,
      reasonRequired: false,
    });
    const publish = previewStageMove(round('final'), PROGRESS, '2026-09-01');
    expect(publish).toMatchObject({ to: 'published', pendingKind: null, pending: 0, reasonRequired: true });
    expect(stageMoveProblem(publish!, formatDateVi).vi).toBe(
      'Hạn giai đoạn là 30/09/2026, chưa đến. Nêu lý do nếu vẫn chuyển giai đoạn.',
    );
    expect(previewStageMove(round('published'), PROGRESS, '2026-10-01')).toBeNull();
  });
});
