import { Button, Group, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DocumentConfidence, FieldConfidence } from '../../../../core/plans/types.ts';
import { useT } from '../../i18n/locale.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';
import type { Draft } from './plan-review.ts';

type TextField = 'number' | 'issuedOn' | 'issuer' | 'signer' | 'title';

/** An unsure or missing particular the person has not filled yet: why, and the candidate to take. */
function FieldFlag({
  confidence,
  onUse,
}: {
  confidence: FieldConfidence;
  onUse: (value: string) => void;
}): ReactNode {
  const { t, locale } = useT();
  return (
    <Stack gap={2} mt={4}>
      <Text size="xs" c="orange.8">
        {confidence.level === 'missing' ? t('particularMissing') : t('particularUnsure')}:{' '}
        {confidence.reason[locale]}
      </Text>
      {confidence.candidate && (
        <Group gap="xs" wrap="wrap">
          <Text size="xs">
            {t('maybeValue')} <b>{confidence.candidate}</b>
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => onUse(confidence.candidate ?? '')}>
            {t('useThisValue')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/**
 * The particulars of the document under review. A particular the importer was not sure of came empty:
 * it is highlighted with the reason in words and, when there is one, the value it may be — taken only
 * by a click (issue 18: a wrong value nobody notices is worse than an empty one filled in).
 */
export function ReviewParticulars({
  draft,
  confidence,
  setField,
  fieldError,
}: {
  draft: Draft;
  confidence: DocumentConfidence | undefined;
  setField: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const { t } = useT();
  const flagOf = (field: TextField) => {
    const entry = confidence?.[field];
    return entry && entry.level !== 'sure' && draft[field].trim() === '' ? entry : null;
  };
  const props = (field: TextField) => {
    const flag = flagOf(field);
    return {
      value: draft[field],
      error: fieldError(field),
      onChange: (event: { currentTarget: { value: string } }) => setField(field, event.currentTarget.value),
      'data-flagged': flag ? flag.level : undefined,
      styles: flag ? { input: { borderColor: 'var(--mantine-color-orange-6)', borderWidth: 2 } } : undefined,
      inputWrapperOrder: ['label', 'input', 'description', 'error'] as (
        | 'label'
        | 'input'
        | 'description'
        | 'error'
      )[],
      description: flag ? (
        <FieldFlag confidence={flag} onUse={(value) => setField(field, value)} />
      ) : undefined,
    };
  };
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput label={t('documentNumber')} {...props('number')} />
        <TextInput label={t('issuedOn')} placeholder="dd/mm/yyyy" {...props('issuedOn')} />
        <NumberInput
          label={t('year')}
          value={draft.year}
          min={2000}
          max={2100}
          onChange={(value) => setField('year', Number(value))}
        />
        <TextInput label={t('issuer')} {...props('issuer')} />
        <TextInput label={t('signer')} {...props('signer')} />
        <UnitPicker
          label={t('ownerUnit')}
          value={draft.unitId}
          selectedLabel={draft.unitName}
          error={fieldError('unitId')}
          onChange={(value) => setField('unitId', value)}
        />
      </SimpleGrid>
      <Textarea label={t('titleSummary')} autosize minRows={2} {...props('title')} />
    </>
  );
}
