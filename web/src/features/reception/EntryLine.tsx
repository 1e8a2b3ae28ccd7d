import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ENTRY_KINDS } from '../../../../core/reception/labels.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useFeedbackChoices } from '../feedback/api.ts';
import { FeedbackStatusBadge } from '../feedback/FeedbackStatus.tsx';
import { type Entry, useMarkNoticed, useTurnIntoPetition } from './api.ts';

/** The notice clock of a line in words: told on a day, due by a day, or overdue. */
export function NoticeState({ entry }: { entry: Entry }) {
  const { t } = useT();
  if (entry.noticedOn)
    return <Text size="sm">{fill(t('receptionNoticed'), { day: formatDateVi(entry.noticedOn) })}</Text>;
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" c={entry.noticeOverdue ? 'red' : undefined}>
        {t('receptionNoticeDue')} {formatDateVi(entry.noticeDueOn)}
      </Text>
      {entry.noticeOverdue && (
        <Badge color="red" variant="light" tt="none">
          {t('receptionNoticeOverdue')}
        </Badge>
      )}
    </Group>
  );
}

/**
 * A transferred case's follow-up clocks in words: tell the transferring body by a day (or told on one,
 * flagged when late), then the day it must tell the citizen by. Nothing for a line not transferred.
 */
export function ReferralState({ entry }: { entry: Entry }) {
  const { t } = useT();
  if (!entry.referredBy) return null;
  return (
    <Stack gap={2} data-referral={entry.referrerLate ? 'late' : 'ok'}>
      <Text size="sm" c="dimmed">
        {entry.referredBy}
      </Text>
      {entry.referrerDueOn && (
        <Group gap={6} wrap="wrap">
          <Text size="sm" c={entry.referrerLate ? 'red' : undefined}>
            {entry.referrerNotifiedOn
              ? fill(t('receptionReferrerTold'), { day: formatDateVi(entry.referrerNotifiedOn) })
              : fill(t('receptionReferrerDue'), { day: formatDateVi(entry.referrerDueOn) })}
          </Text>
          {entry.referrerLate && (
            <Badge color="red" variant="light" tt="none">
              {t('receptionReferrerLate')}
            </Badge>
          )}
        </Group>
      )}
      {entry.citizenInformDueOn && (
        <Text size="sm">
          {fill(t('receptionCitizenInformDue'), { day: formatDateVi(entry.citizenInformDueOn) })}
        </Text>
      )}
    </Stack>
  );
}

/** A group's size and representatives under the name, when several people came with the same content. */
export function GroupState({ entry }: { entry: Entry }) {
  const { t } = useT();
  if (entry.peopleCount < 2) return null;
  return (
    <Text size="sm" c="dimmed" data-group={entry.peopleCount}>
      {fill(t('receptionGroupOf'), { count: entry.peopleCount })}
      {entry.representatives.length > 0 ? ` · ${entry.representatives.join(', ')}` : ''}
    </Text>
  );
}

/** The petition a line became: its code (a link), status and outcome in words. */
export function PetitionState({ entry }: { entry: Entry }) {
  const { t } = useT();
  if (!entry.feedback) return null;
  const { feedback } = entry;
  return (
    <Group gap={6} wrap="wrap" data-petition={feedback.code}>
      <Text size="sm">{t('receptionPetitionOf')}</Text>
      <Anchor
        size="sm"
        fw={600}
        renderRoot={(props) => (
          <Link {...props} to="/feedback/$feedbackId" params={{ feedbackId: String(feedback.id) }} />
        )}
      >
        {feedback.code}
      </Anchor>
      <FeedbackStatusBadge status={feedback.status} outcome={feedback.outcome} />
    </Group>
  );
}

/** A line's steps: mark the citizen told today; turn it into a petition (a confirmation with its category). */
export function EntryActions({ entry, onEdit }: { entry: Entry; onEdit: () => void }) {
  const { t, locale } = useT();
  const noticed = useMarkNoticed();
  const turn = useTurnIntoPetition();
  const [turning, setTurning] = useState(false);
  const [categoryCode, setCategory] = useState<string | null>(null);
  const [signed, setSigned] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { data: choices } = useFeedbackChoices(turning);

  const markNoticed = async () => {
    try {
      await noticed.mutateAsync({ id: entry.id, version: entry.version, noticedOn: todayInVietnam() });
    } catch (failure) {
      notifications.show({
        color: 'red',
        message: failure instanceof Error ? failure.message : String(failure),
      });
    }
  };
  const confirm = async () => {
    setError(null);
    try {
      const made = await turn.mutateAsync({
        id: entry.id,
        version: entry.version,
        categoryCode: categoryCode ?? '',
        communeCode: null,
        signed,
      });
      notifications.show({
        color: 'green',
        message: fill(t('receptionPetitionMade'), { code: made.feedback.code }),
      });
      setTurning(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <>
      <Group gap={6} wrap="wrap">
        <Button size="xs" variant="default" aria-haspopup="dialog" onClick={onEdit}>
          {t('edit')}
        </Button>
        {!entry.noticedOn && (
          <Button size="xs" variant="default" onClick={markNoticed} loading={noticed.isPending}>
            {t('receptionMarkNoticed')}
          </Button>
        )}
        {!entry.feedback && (
          <Button size="xs" aria-haspopup="dialog" onClick={() => setTurning(true)}>
            {t('receptionPetition')}
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={turning}
        title={fill(t('receptionPetitionTitle'), { number: entry.number })}
        confirmLabel={t('receptionPetition')}
        isBusy={turn.isPending}
        isReady={categoryCode !== null}
        error={error}
        onConfirm={confirm}
        onClose={() => {
          setTurning(false);
          setError(null);
        }}
      >
        <Stack gap="xs">
          <Text>{t('receptionPetitionText')}</Text>
          <Text size="sm" c="dimmed">
            {entry.citizenName} · {ENTRY_KINDS[entry.kind][locale]}
          </Text>
          <Select
            label={t('feedbackCategory')}
            required
            data={(choices?.categories ?? []).map((category) => ({
              value: category.code,
              label: category[locale],
            }))}
            value={categoryCode}
            onChange={setCategory}
          />
          {entry.kind === 'khieu_nai' && (
            <Checkbox
              label={t('receptionSigned')}
              checked={signed}
              onChange={(event) => setSigned(event.currentTarget.checked)}
            />
          )}
        </Stack>
      </ConfirmDialog>
    </>
  );
}
