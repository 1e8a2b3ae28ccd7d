import { Anchor, Button, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { StageMovePreview } from '../../../../core/frameworks/round-stages.ts';
import { STAGE_NAMES, STAGES } from '../../../../core/frameworks/rounds.ts';
import { NON_SUBMITTER_RULE_NAMES } from '../../../../core/frameworks/scoring.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ApiError, api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type RoundDetail, useRoundWrite } from './api.ts';

type Step = 'advance' | 'withdraw' | 'reopen';

/**
 * The coordinator's stage buttons. Each opens one confirmation that says what the step does and to
 * how many units, asking for a reason when the server's preview says the move is against the schedule.
 * Publishing offers the preview of the exact public page (a new tab) before it is confirmed.
 */
export function StageActions({ round }: { round: RoundDetail }) {
  const { t, locale, label } = useT();
  const [step, setStep] = useState<Step | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useQuery({
    // Outside ['rounds']: a move's invalidation must not refetch the preview of the stage just left (the
    // server refuses it once the round has moved) and hold the next dialog's button busy meanwhile.
    queryKey: ['round-stage-preview', round.id, round.version],
    queryFn: () => api<StageMovePreview>('GET', `/api/rounds/${round.id}/advance`),
    enabled: step === 'advance',
  });
  const write = useRoundWrite(({ to, reason }: { to: Step; reason: string | null }) =>
    api('POST', `/api/rounds/${round.id}/${to}`, { version: round.version, reason }),
  );
  const next = STAGES[STAGES.indexOf(round.stage) + 1];
  const open = (next: Step) => {
    setProblem(null);
    setStep(next);
  };
  const confirm = async (reason: string | null) => {
    if (!step) return;
    const sent = step;
    setProblem(null);
    try {
      await write.mutateAsync({ to: sent, reason });
      // Closes the dialog of this step only, never one opened since.
      setStep((current) => (current === sent ? null : current));
    } catch (caught) {
      setProblem(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  const p = preview.data;
  const dialog = {
    opened: step !== null,
    onClose: () => setStep(null),
    onConfirm: confirm,
    isBusy: write.isPending,
    error: problem ?? preview.error?.message ?? null,
  };
  return (
    <>
      {round.stage === 'appraisal1' && (
        <Button variant="default" aria-haspopup="dialog" onClick={() => open('reopen')}>
          {t('reopenSelf')}
        </Button>
      )}
      {round.stage === 'published' && (
        <Button variant="light" color="red" aria-haspopup="dialog" onClick={() => open('withdraw')}>
          {t('withdrawPublication')}
        </Button>
      )}
      {next && (
        <Button aria-haspopup="dialog" onClick={() => open('advance')}>
          {t('moveTo')}: {STAGE_NAMES[next][locale]}
        </Button>
      )}
      {step === 'advance' && next && (
        <ConfirmDialog
          {...dialog}
          title={fill(t('stageMoveTitle'), { stage: STAGE_NAMES[next][locale] })}
          confirmLabel={`${t('moveTo')}: ${STAGE_NAMES[next][locale]}`}
          reason={p ? (p.reasonRequired ? 'required' : 'optional') : 'none'}
          isReady={p !== undefined}
          danger={p?.reasonRequired}
        >
          {!p ? (
            <Text>{t('loading')}</Text>
          ) : (
            <>
              <List spacing={4}>
                <List.Item>{fill(t('stageMoveCloses'), { stage: STAGE_NAMES[p.from][locale] })}</List.Item>
                {p.pendingKind && p.pending > 0 && (
                  <List.Item fw={700} data-testid="stage-pending">
                    {fill(t(`stagePending_${p.pendingKind}`), { pending: p.pending, units: p.units })}
                  </List.Item>
                )}
                {p.deadline && (
                  <List.Item fw={p.deadlinePassed ? undefined : 700}>
                    {fill(t(p.deadlinePassed ? 'stageDeadlinePassed' : 'stageDeadlineAhead'), {
                      date: formatDateVi(p.deadline),
                    })}
                  </List.Item>
                )}
                {p.to === 'published' && (
                  <>
                    <List.Item>{fill(t('stageMovePublishes'), { units: p.units })}</List.Item>
                    <List.Item>{t('stageMovePublicSite')}</List.Item>
                    {p.notSubmitted > 0 && (
                      <List.Item>
                        {fill(t('stageNotSubmittedAtPublication'), { count: p.notSubmitted, units: p.units })}{' '}
                        {label(NON_SUBMITTER_RULE_NAMES[p.nonSubmitters])}.
                      </List.Item>
                    )}
                  </>
                )}
                {p.reasonRequired && (
                  <List.Item c="red" fw={700}>
                    {t('stageReasonRequired')}
                  </List.Item>
                )}
              </List>
              {p.to === 'published' && (
                <Anchor href={`/cong-khai/ket-qua/xem-truoc/${round.id}`} target="_blank">
                  {t('publicPagePreview')}
                </Anchor>
              )}
            </>
          )}
        </ConfirmDialog>
      )}
      {step === 'withdraw' && (
        <ConfirmDialog
          {...dialog}
          title={t('withdrawPublicationTitle')}
          confirmLabel={t('withdrawPublication')}
          reason="required"
          danger
        >
          {t('withdrawPublicationWhat')}
        </ConfirmDialog>
      )}
      {step === 'reopen' && (
        <ConfirmDialog
          {...dialog}
          title={t('reopenSelfTitle')}
          confirmLabel={t('reopenSelf')}
          reason="required"
        >
          {fill(t('reopenSelfWhat'), { date: formatDateVi(round.deadlines.self) })}
        </ConfirmDialog>
      )}
    </>
  );
}
