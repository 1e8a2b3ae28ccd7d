import { Alert, Badge, Button, Group, Select, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/locale.tsx';
import type { UnmappedColumns } from './api.ts';

/** One select per canonical field listing the file's headers, the recognised ones chosen already. */
export function ColumnMappingForm({
  columns,
  isBusy,
  onSubmit,
  onCancel,
}: {
  columns: UnmappedColumns;
  isBusy: boolean;
  onSubmit: (mapping: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const [mapping, setMapping] = useState<Record<string, string>>(() => ({ ...columns.suggested }));
  const options = columns.headers.map((header) => ({ value: header, label: header }));
  const missing = columns.columns.filter((field) => field.required && !mapping[field.name]);

  return (
    <Stack component="section" aria-labelledby="mapping-title">
      <Title order={3} size="h4" id="mapping-title">
        {t('mapColumns')}
      </Title>
      <Alert color="yellow">{t('mapColumnsHelp')}</Alert>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {columns.columns.map((field) => (
          <Select
            key={field.name}
            label={
              <Group gap={6} component="span">
                {field.label}
                {field.required && (
                  <Badge size="xs" color="red" variant="light" tt="none" component="span">
                    {t('required')}
                  </Badge>
                )}
              </Group>
            }
            aria-label={field.label}
            placeholder={t('notInFile')}
            data={options}
            value={mapping[field.name] ?? null}
            clearable
            searchable
            error={field.required && !mapping[field.name] ? t('required') : undefined}
            onChange={(value) => {
              const next = { ...mapping };
              if (value) next[field.name] = value;
              else delete next[field.name];
              setMapping(next);
            }}
          />
        ))}
      </SimpleGrid>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button onClick={() => onSubmit(mapping)} loading={isBusy} disabled={missing.length > 0}>
          {t('confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
