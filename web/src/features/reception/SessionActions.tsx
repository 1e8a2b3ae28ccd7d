import { Button, Group, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatDateVi, parseDate } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type ReceptionSession, useSessionStep } from './api.ts';

type Step = 'publish' | 'postpone' | 'cancel';

/**
 * Publish, postpone or cancel a planned session, each behind a confirmation that says what happens:
 * publishing puts it on the public page (and says if it is late), postponing needs a reason and a new
 * day (a replacing session), cancelling a reason. A refusal stays in the dialog with what was typed.
 */
export function SessionActions({ session }: { session: ReceptionSession }) {
  const { t } = useT();
  const step = useSessionStep(session.id);
  const [open, setOpen] = useState<Step | null>(null);
  const [newOn, setNewOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const day = formatDateVi(session.on);
  if (session.status !== 'planned') return null;

  const close = () => {
    setOpen(null);
    setError(null);
  };
  const run = async (reason: string | null) => {
    setError(null);
    try {
      if (open === 'publish') {
        const result = await step.mutateAsync({ type: 'publish', version: session.version });
        notifications.show({
          color: result.timing?.late ? 'orange' : 'green',
          message: result.timing?.late
            ? fill(t('receptionPublishedLateNotice'), { day: formatDateVi(result.timing.publishBy) })
            : t('receptionPublishedNotice'),
        });
      } else if (open === 'postpone') {
        await step.mutateAsync({
          type: 'postpone',
          version: session.version,
          reason: reason ?? '',
          newOn: parseDate(newOn) ?? newOn,
        });
      } else if (open === 'cancel') {
        await step.mutateAsync({ type: 'cancel', version: session.version, reason: reason ?? '' });
      }
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <>
      <Group gap={6} wrap="wrap">
        {!session.publishedAt && (
          <Button size="xs" aria-haspopup="dialog" onClick={() => setOpen('publish')}>
            {t('receptionPublish')}
          </Button>
        )}
        <Button size="xs" variant="default" aria-haspopup="dialog" onClick={() => setOpen('postpone')}>
          {t('receptionPostpone')}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-haspopup="dialog"
          onClick={() => setOpen('cancel')}
        >
          {t('receptionCancelSession')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={open === 'publish'}
        title={fill(t('receptionPublishTitle'), { day })}
        confirmLabel={t('receptionPublish')}
        isBusy={step.isPending}
        error={error}
        onConfirm={run}
        onClose={close}
      >
        <Text>{fill(t('receptionPublishText'), { day: formatDateVi(session.publishBy) })}</Text>
        {session.publishLate && (
          <Text c="orange.8">
            {fill(t('receptionPublishLate'), { day: formatDateVi(session.publishBy) })}
          </Text>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        opened={open === 'postpone'}
        title={fill(t('receptionPostponeTitle'), { day })}
        confirmLabel={t('receptionPostpone')}
        reason="required"
        reasonLabel={t('receptionReason')}
        isBusy={step.isPending}
        isReady={parseDate(newOn) !== null}
        error={error}
        onConfirm={run}
        onClose={close}
      >
        <Text>{t('receptionPostponeText')}</Text>
        <TextInput
          label={t('receptionNewDay')}
          placeholder="dd/mm/yyyy"
          required
          value={newOn}
          onChange={(event) => setNewOn(event.currentTarget.value)}
        />
      </ConfirmDialog>
      <ConfirmDialog
        opened={open === 'cancel'}
        title={fill(t('receptionCancelTitle'), { day })}
        confirmLabel={t('receptionCancelSession')}
        danger
        reason="required"
        reasonLabel={t('receptionReason')}
        isBusy={step.isPending}
        error={error}
        onConfirm={run}
        onClose={close}
      >
        <Text>{t('receptionCancelText')}</Text>
      </ConfirmDialog>
    </>
  );
}
