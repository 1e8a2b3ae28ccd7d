import { Button, Group, List, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { periodName } from '../../../../core/periods/period-names.ts';
import { type ReminderSummary, reminderSummaryText } from '../../../../core/reports/chasing.ts';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';

interface SendResult {
  periodCode: string;
  results: { unit: { id: number; name: string }; status: string; recipients: string[]; accounts: number }[];
  summary: ReminderSummary;
}

/**
 * "Send now" on the period board: reminds the units shown (after search and filter) that have not
 * sent their report, once the coordinator confirms; answers who was mailed.
 */
export function SendRemindersButton({
  periodCode,
  units,
}: {
  periodCode: string;
  units: { unit: { id: number; name: string }; toChase: boolean }[];
}) {
  const { t, locale } = useT();
  const [confirming, setConfirming] = useState(false);
  const targets = units.filter((entry) => entry.toChase);
  const send = useMutation({
    mutationFn: () =>
      api<SendResult>('POST', '/api/reports/reminders', {
        periodCode,
        unitIds: targets.map((entry) => entry.unit.id),
      }),
    onSuccess: (answer) => {
      setConfirming(false);
      // Who was reached how (in the app, by e-mail), and who could not be: never a bare "116/116".
      const { summary } = answer;
      notifications.show({
        color: summary.failed > 0 || summary.reached < summary.units ? 'orange' : 'green',
        message: reminderSummaryText(summary, locale),
        autoClose: false,
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  return (
    <>
      <Button
        variant="light"
        size="sm"
        disabled={targets.length === 0}
        aria-haspopup="dialog"
        onClick={() => setConfirming(true)}
      >
        {t('sendRemindersNow')} ({targets.length})
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('sendRemindersNow')}>
        <Text size="sm" mb="xs">
          {t('sendRemindersConfirm')} {periodName(periodCode, locale, { inSentence: true })}:
        </Text>
        <List size="sm" mah={240} style={{ overflow: 'auto' }}>
          {targets.map((entry) => (
            <List.Item key={entry.unit.id}>{entry.unit.name}</List.Item>
          ))}
        </List>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </Button>
          <Button loading={send.isPending} onClick={() => send.mutate()}>
            {t('sendRemindersNow')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
