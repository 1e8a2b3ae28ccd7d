import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { editObligationSchema } from '../../../../core/disclosures/disclosure-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { type ObligationDetail, useObligationChange } from './api.ts';

/** The obligation's document and period, saved with its button at the version read. */
export function ObligationForm({ obligation }: { obligation: ObligationDetail }) {
  const { t } = useT();
  const [values, setValues] = useState({
    itemCode: obligation.itemCode,
    title: obligation.title,
    decisionNumber: obligation.decisionNumber ?? '',
    decisionDate: formatDateVi(obligation.decisionDate),
    periodFrom: formatDateVi(obligation.periodFrom),
    periodTo: formatDateVi(obligation.periodTo),
    documentUrl: obligation.documentUrl ?? '',
  });
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const { errors, formError, check, fail } = useFieldErrors();
  const change = useObligationChange(obligation.id);
  const isLocked = !obligation.canRecord;
  const save = () => {
    const body = { ...values, version: obligation.version };
    if (!check(editObligationSchema, body)) return;
    change.mutate(
      { method: 'PUT', path: `/api/disclosures/${obligation.id}`, body },
      { onSuccess: () => notifySaved(t('disclosuresSaved')), onError: fail },
    );
  };
  const field = (
    key: keyof typeof values,
    label: string,
    extra: { placeholder?: string; description?: string } = {},
  ) => (
    <TextInput
      label={label}
      value={values[key]}
      onChange={(event) => set(key)(event.currentTarget.value)}
      error={errors[key]}
      disabled={isLocked}
      {...extra}
    />
  );
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">
          {t('disclosuresDecisionNumber')}, {t('disclosuresDecisionDate').toLocaleLowerCase()}
        </Title>
        {field('title', t('disclosuresTitle'))}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {field('decisionNumber', t('disclosuresDecisionNumber'))}
          {field('decisionDate', t('disclosuresDecisionDate'), { placeholder: 'dd/mm/yyyy' })}
          {field('periodFrom', t('disclosuresPeriodFrom'), { placeholder: 'dd/mm/yyyy' })}
          {field('periodTo', t('disclosuresPeriodTo'), {
            placeholder: 'dd/mm/yyyy',
            description: t('disclosuresPeriodHint'),
          })}
        </SimpleGrid>
        {field('documentUrl', t('disclosuresDocumentUrl'), { placeholder: 'https://' })}
        {formError && (
          <Text c="red" role="alert">
            {formError}
          </Text>
        )}
        {!isLocked && (
          <Group justify="flex-end">
            <Button onClick={save} loading={change.isPending}>
              {t('disclosuresSaveDetails')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
