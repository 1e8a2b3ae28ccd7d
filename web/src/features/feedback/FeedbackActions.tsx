import { Alert, Button, Card, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FeedbackActionInput } from '../../../../core/feedback/feedback-schemas.ts';
import { todayInVietnam } from '../../../../core/text/dates.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { type FeedbackDetail, useFeedbackAction } from './api.ts';
import { allowedActions, type StaffAction } from './feedback-words.ts';

/** How each action is offered: its button, its confirmation (none: taken at once), its reason. */
const OFFER: Record<
  StaffAction,
  {
    button: MessageKey;
    title?: MessageKey;
    says?: MessageKey;
    confirm?: MessageKey;
    reason?: MessageKey;
    tellsCitizen?: boolean;
    danger?: boolean;
  }
> = {
  accept: { button: 'actAccept' },
  start: { button: 'actStart' },
  forward: {
    button: 'actForward',
    title: 'actForwardTitle',
    says: 'actForwardText',
    confirm: 'actForward',
    reason: 'actForwardReason',
    tellsCitizen: true,
  },
  ask_info: {
    button: 'actAsk',
    says: 'actAskText',
    confirm: 'actAsk',
    reason: 'actAskQuestion',
    tellsCitizen: true,
  },
  info_given: {
    button: 'actInfoGiven',
    says: 'actInfoGivenText',
    confirm: 'actInfoGiven',
    reason: 'actInfoGivenNote',
  },
  answer: {
    button: 'actAnswer',
    title: 'actAnswerTitle',
    says: 'actAnswerText',
    confirm: 'actSendAnswer',
    tellsCitizen: true,
  },
  close: { button: 'actClose', says: 'actCloseText', confirm: 'actClose', tellsCitizen: true },
  not_competent: {
    button: 'actNotCompetent',
    says: 'actNotCompetentText',
    confirm: 'actNotCompetent',
    reason: 'feedbackOutcomeReason',
    tellsCitizen: true,
    danger: true,
  },
  duplicate: {
    button: 'actDuplicate',
    says: 'actDuplicateText',
    confirm: 'actDuplicate',
    tellsCitizen: true,
    danger: true,
  },
  spam: { button: 'actSpam', says: 'actSpamText', confirm: 'actSpam', reason: 'actSpamReason', danger: true },
  extend: {
    button: 'actExtend',
    title: 'actExtendTitle',
    says: 'actExtendText',
    confirm: 'actExtend',
    reason: 'actExtendReason',
    tellsCitizen: true,
  },
};

/**
 * The steps the workflow allows at the item's status, as buttons; each irreversible one through the
 * one confirmation, saying what happens and that the sender is told. Every step is sent at the version
 * read: when someone acted first (409), the page says so and shows the item as it is now.
 */
export function FeedbackActions({ item, onStale }: { item: FeedbackDetail; onStale: () => void }) {
  const { t } = useT();
  const act = useFeedbackAction(item.id);
  const [open, setOpen] = useState<StaffAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<'resolved' | 'not_resolved'>('resolved');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [body, setBody] = useState('');
  const actions = allowedActions(item, todayInVietnam());

  const start = (action: StaffAction) => {
    setError(null);
    setUnitId(null);
    setAnswer('');
    setOutcome('resolved');
    setDuplicateOf('');
    setBody('');
    if (OFFER[action].says) setOpen(action);
    else void send(action, null);
  };

  const inputOf = (action: StaffAction, reason: string | null): FeedbackActionInput => {
    const version = item.version;
    const given = reason ?? '';
    switch (action) {
      case 'accept':
      case 'start':
      case 'close':
        return { type: action, version };
      case 'forward':
        return { type: 'forward', version, toUnitId: Number(unitId), reason: given };
      case 'ask_info':
        return { type: 'ask_info', version, question: given };
      case 'info_given':
        return { type: 'info_given', version, note: given };
      case 'answer':
        return { type: 'answer', version, outcome, answer, reason };
      case 'not_competent':
        return { type: 'not_competent', version, forwardedTo: body, reason: given };
      case 'duplicate':
        return { type: 'duplicate', version, duplicateOfCode: duplicateOf };
      case 'spam':
        return { type: 'spam', version, reason: given };
      case 'extend':
        return { type: 'extend', version, reason: given };
    }
  };

  const send = async (action: StaffAction, reason: string | null) => {
    setError(null);
    try {
      await act.mutateAsync(inputOf(action, reason));
      // The page shows the new status at once: no message over it.
      setOpen(null);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        setOpen(null);
        onStale();
        return;
      }
      const apiError = caught instanceof ApiError ? caught : null;
      setError(apiError?.fields[0]?.message ?? (caught instanceof Error ? caught.message : String(caught)));
    }
  };

  const offer = open ? OFFER[open] : null;
  const reasonMode =
    open === 'answer'
      ? outcome === 'not_resolved'
        ? 'required'
        : 'none'
      : offer?.reason
        ? 'required'
        : 'none';
  const isReady =
    open === 'forward'
      ? unitId !== null
      : open === 'answer'
        ? answer.trim() !== ''
        : open === 'duplicate'
          ? duplicateOf.trim() !== ''
          : open === 'not_competent'
            ? body.trim() !== ''
            : true;

  return (
    <Card withBorder component="section" aria-label={t('feedbackActions')}>
      <Title order={3} size="h4" mb="xs">
        {t('feedbackActions')}
      </Title>
      {actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('feedbackNoActions')}
        </Text>
      ) : (
        <Group gap="xs">
          {actions.map((action) => (
            <Button
              key={action}
              size="sm"
              variant={OFFER[action].danger ? 'light' : action === actions[0] ? 'filled' : 'default'}
              color={OFFER[action].danger ? 'red' : undefined}
              loading={act.isPending && open === null && act.variables?.type === action}
              aria-haspopup={OFFER[action].says ? 'dialog' : undefined}
              onClick={() => start(action)}
            >
              {t(OFFER[action].button)}
            </Button>
          ))}
        </Group>
      )}
      {!open && error && (
        <Alert color="red" role="alert" mt="sm">
          {error}
        </Alert>
      )}
      <ConfirmDialog
        opened={open !== null}
        title={offer ? t(offer.title ?? offer.button) : ''}
        confirmLabel={offer ? t(offer.confirm ?? offer.button) : ''}
        danger={offer?.danger}
        reason={reasonMode}
        reasonLabel={
          open === 'answer' ? t('actNotResolvedReason') : offer?.reason ? t(offer.reason) : undefined
        }
        isBusy={act.isPending}
        isReady={isReady}
        error={error}
        onConfirm={(reason) => open && void send(open, reason)}
        onClose={() => setOpen(null)}
      >
        {offer?.says && <Text>{t(offer.says)}</Text>}
        {open === 'forward' && (
          <UnitPicker
            label={t('actForwardUnit')}
            value={unitId}
            onChange={setUnitId}
            excludeId={item.handlingUnitId}
            placeholder={t('actForwardUnitMissing')}
          />
        )}
        {open === 'answer' && (
          <>
            <Textarea
              label={t('actAnswerBody')}
              required
              autosize
              minRows={4}
              maxLength={10000}
              value={answer}
              onChange={(event) => setAnswer(event.currentTarget.value)}
              data-autofocus
            />
            <Radio.Group
              label={t('feedbackOutcome')}
              required
              value={outcome}
              onChange={(value) => setOutcome(value as 'resolved' | 'not_resolved')}
            >
              <Stack gap={6} mt={4}>
                <Radio value="resolved" label={t('actOutcomeResolved')} />
                <Radio value="not_resolved" label={t('actOutcomeNotResolved')} />
              </Stack>
            </Radio.Group>
          </>
        )}
        {open === 'duplicate' && (
          <TextInput
            label={t('actDuplicateCode')}
            required
            placeholder="PAKN-…"
            value={duplicateOf}
            onChange={(event) => setDuplicateOf(event.currentTarget.value)}
          />
        )}
        {open === 'not_competent' && (
          <TextInput
            label={t('actNotCompetentBody')}
            required
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
          />
        )}
        {offer?.tellsCitizen && (
          <Text size="sm" c="dimmed">
            {t('feedbackCitizenTold')}
          </Text>
        )}
        {open !== 'ask_info' && open !== 'info_given' && (
          <Text size="sm" fw={600}>
            {t('feedbackCannotUndo')}
          </Text>
        )}
      </ConfirmDialog>
    </Card>
  );
}
