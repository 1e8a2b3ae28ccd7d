import { Alert, Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { reminderSettingsSchema } from '../../../../core/reports/reminders.ts';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { useReminderSettings, useSaveReminderSettings } from './api.ts';

/** "3, 1" → [3, 1]; anything not a number stays NaN so the shared schema names it. */
const toDays = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);

/** The first error of a list field ("before.0" → shown under "before"). */
const errorOf = (errors: Record<string, string>, field: string) =>
  Object.entries(errors).find(([path]) => path === field || path.startsWith(`${field}.`))?.[1];

/** A coordinator sets when reminders go out: days before and after the due date, in working days or not. */
export function ReminderSettingsPanel() {
  const { t } = useT();
  const { data } = useReminderSettings();
  const save = useSaveReminderSettings();
  const { errors, formError, check, fail } = useFieldErrors();
  const [before, setBefore] = useState('');
  const [after, setAfter] = useState('');
  const [workingDays, setWorkingDays] = useState(true);

  useEffect(() => {
    if (!data) return;
    setBefore(data.before.join(', '));
    setAfter(data.after.join(', '));
    setWorkingDays(data.workingDays);
  }, [data]);

  const submit = () => {
    const values = check(reminderSettingsSchema, {
      before: toDays(before),
      after: toDays(after),
      workingDays,
    });
    if (!values) return;
    save.mutate(values, { onSuccess: () => notifySaved(t('saved')), onError: fail });
  };

  return (
    <Stack maw={520}>
      <Text size="sm" c="dimmed">
        {t('reminderHelp')}
      </Text>
      {formError && <Alert color="red">{formError}</Alert>}
      <TextInput
        label={t('reminderDaysBefore')}
        description="3, 1"
        value={before}
        onChange={(event) => setBefore(event.currentTarget.value)}
        error={errorOf(errors, 'before')}
      />
      <TextInput
        label={t('reminderDaysAfter')}
        description="1, 3, 7"
        value={after}
        onChange={(event) => setAfter(event.currentTarget.value)}
        error={errorOf(errors, 'after')}
      />
      <Switch
        label={t('reminderWorkingDays')}
        checked={workingDays}
        onChange={(event) => setWorkingDays(event.currentTarget.checked)}
      />
      <Group>
        <Button onClick={submit} loading={save.isPending} disabled={!data}>
          {t('save')}
        </Button>
      </Group>
    </Stack>
  );
}
