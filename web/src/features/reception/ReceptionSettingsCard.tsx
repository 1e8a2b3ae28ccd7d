import { Alert, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { notifySaved } from '../../components/form.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useReceptionSettings, useSaveReceptionSettings } from './api.ts';

const CHOICES = { default: null, yes: true, no: false } as const;
type Choice = keyof typeof CHOICES;
const choiceOf = (value: boolean | null): Choice => (value === null ? 'default' : value ? 'yes' : 'no');

/** The province's reception setting (feedback.manage): whether a deputy may receive in the head's stead. */
export function ReceptionSettingsCard() {
  const { t } = useT();
  const { data } = useReceptionSettings(true);
  const save = useSaveReceptionSettings();
  const [choice, setChoice] = useState<Choice>('default');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (data) setChoice(choiceOf(data.delegation));
  }, [data]);
  if (!data) return null;
  const submit = async () => {
    setError(null);
    try {
      await save.mutateAsync({ delegation: CHOICES[choice], version: data.version });
      notifySaved(t('receptionSettingsSaved'));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <Card withBorder component="section" aria-label={t('receptionSettings')}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('receptionSettings')}
        </Title>
        <Text size="sm" c="dimmed">
          {fill(t('receptionDelegationHelp'), {
            today: t(data.today.allowed ? 'receptionDelegationYes' : 'receptionDelegationNo'),
          })}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('receptionDelegation')}
            data={[
              { value: 'default', label: t('receptionDelegationDefault') },
              { value: 'yes', label: t('receptionDelegationYes') },
              { value: 'no', label: t('receptionDelegationNo') },
            ]}
            value={choice}
            onChange={(value) => setChoice((value as Choice | null) ?? 'default')}
            allowDeselect={false}
            w={280}
          />
          <Button onClick={submit} loading={save.isPending} disabled={choice === choiceOf(data.delegation)}>
            {t('save')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
