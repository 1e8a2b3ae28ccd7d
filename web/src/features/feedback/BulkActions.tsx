import { Alert, Button, Card, Group, List, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Msg } from '../../../../core/errors.ts';
import type { BulkActionInput } from '../../../../core/feedback/feedback-schemas.ts';
import type { FeedbackStatus } from '../../../../core/feedback/workflow.ts';
import { type ApiError, api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { notifySaved } from '../../components/form.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { InboxItem } from './api.ts';

type BulkType = BulkActionInput['action']['type'];

/** Each step offered at once, and the statuses it applies to (the server checks each item again). */
const STEPS: { type: BulkType; label: MessageKey; what: MessageKey; fits: readonly FeedbackStatus[] }[] = [
  { type: 'accept', label: 'feedbackBulkAccept', what: 'feedbackBulkAcceptWhat', fits: ['received'] },
  { type: 'start', label: 'feedbackBulkStart', what: 'feedbackBulkStartWhat', fits: ['accepted'] },
  { type: 'close', label: 'feedbackBulkClose', what: 'feedbackBulkCloseWhat', fits: ['answered'] },
  {
    type: 'spam',
    label: 'feedbackBulkSpam',
    what: 'feedbackBulkSpamWhat',
    fits: ['received', 'accepted', 'needs_info', 'in_progress', 'answered'],
  },
];

interface BulkResult {
  done: number[];
  failed: { id: number; message: Msg }[];
}

/**
 * The bar over the chosen items: each step with how many of them it applies to, behind a
 * confirmation that says what happens and to which items; what could not be done is listed with why.
 */
export function BulkActions({ chosen, onDone }: { chosen: InboxItem[]; onDone: () => void }) {
  const { t, label } = useT();
  const client = useQueryClient();
  const [step, setStep] = useState<(typeof STEPS)[number] | null>(null);
  const [refused, setRefused] = useState<{ code: string; message: string }[]>([]);
  const fitting = (fits: readonly FeedbackStatus[]) => chosen.filter((item) => fits.includes(item.status));
  const run = useMutation({
    mutationFn: ({ type, reason }: { type: BulkType; reason: string | null }) => {
      const items = fitting(STEPS.find((entry) => entry.type === type)?.fits ?? []);
      const action = type === 'spam' ? { type, reason: reason ?? '' } : { type };
      return api<BulkResult>('POST', '/api/feedback/bulk-actions', {
        items: items.map((item) => ({ id: item.id, version: item.version })),
        action,
      });
    },
    onSuccess: (result) => {
      const codes = new Map(chosen.map((item) => [item.id, item.code]));
      setRefused(
        result.failed.map((entry) => ({ code: codes.get(entry.id) ?? '', message: label(entry.message) })),
      );
      if (result.done.length > 0)
        notifySaved(fill(t('feedbackBulkDone'), { count: formatNumber(result.done.length) }));
      setStep(null);
      void client.invalidateQueries({ queryKey: ['feedback'] });
      onDone();
    },
  });
  const items = step ? fitting(step.fits) : [];
  return (
    <>
      {chosen.length > 0 && (
        <Card withBorder padding="xs" aria-label={t('feedbackBulkBar')} component="section">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={600}>
              {fill(t('feedbackBulkChosen'), { count: formatNumber(chosen.length) })}
            </Text>
            {STEPS.map((entry) => {
              const count = fitting(entry.fits).length;
              return (
                <Button
                  key={entry.type}
                  size="xs"
                  variant={entry.type === 'spam' ? 'light' : 'default'}
                  color={entry.type === 'spam' ? 'red' : undefined}
                  disabled={count === 0}
                  aria-haspopup="dialog"
                  onClick={() => {
                    run.reset();
                    setStep(entry);
                  }}
                >
                  {t(entry.label)} ({formatNumber(count)})
                </Button>
              );
            })}
            <Button size="xs" variant="subtle" onClick={onDone}>
              {t('feedbackBulkClear')}
            </Button>
          </Group>
        </Card>
      )}
      {refused.length > 0 && (
        <Alert color="orange" withCloseButton onClose={() => setRefused([])} title={t('feedbackBulkRefused')}>
          <List size="sm">
            {refused.map((entry) => (
              <List.Item key={entry.code}>
                {entry.code}: {entry.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ConfirmDialog
        opened={step !== null}
        title={step ? `${t(step.label)} (${formatNumber(items.length)})` : ''}
        confirmLabel={step ? t(step.label) : ''}
        danger={step?.type === 'spam'}
        reason={step?.type === 'spam' ? 'required' : 'none'}
        reasonLabel={t('feedbackBulkSpamReason')}
        isBusy={run.isPending}
        error={(run.error as ApiError | null)?.message ?? null}
        onConfirm={(reason) => step && run.mutate({ type: step.type, reason })}
        onClose={() => setStep(null)}
      >
        {step && (
          <>
            <Text>{fill(t(step.what), { count: formatNumber(items.length) })}</Text>
            <Text size="sm" c="dimmed">
              {items.map((item) => item.code).join(', ')}
            </Text>
            {items.length < chosen.length && (
              <Text size="sm" c="dimmed">
                {fill(t('feedbackBulkSkipped'), { count: formatNumber(chosen.length - items.length) })}
              </Text>
            )}
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
