import { Alert, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TargetStatus } from '../../../../core/indicators/targets.ts';
import { ApiError, api, queryString } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import { type TargetRule, useDossierDashboard } from '../indicators/api.ts';
import { formatCount, formatRate, formatTarget } from '../indicators/format.ts';
import { StatusBadge } from '../indicators/StatusBadge.tsx';

interface EnteredIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  kind: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  rate: number | null;
  note: string | null;
  target: TargetRule | null;
  status: TargetStatus | null;
}

type Entry = Pick<EnteredIndicator, 'numerator' | 'denominator' | 'value' | 'note'>;

const asNumber = (value: string | number) => (value === '' ? null : Number(value));

/**
 * The indicators the unit reports for the period: what the one-stop data measured (read only, a
 * quarter's figures) and the indicators the unit enters itself, saved with the report's period.
 */
export function ReportIndicators({
  unitId,
  periodCode,
  editable,
}: {
  unitId: number;
  periodCode: string;
  editable: boolean;
}) {
  const { t, label } = useT();
  const client = useQueryClient();
  const key = ['indicator-values', unitId, periodCode];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () =>
      api<{ items: EnteredIndicator[] }>(
        'GET',
        `/api/units/${unitId}/indicator-values${queryString({ period: periodCode })}`,
      ),
  });
  const isQuarter = /Q[1-4]$/.test(periodCode);
  const { data: dossiers } = useDossierDashboard(isQuarter ? { unitId, period: periodCode } : {});
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [isDirty, setDirty] = useState(false);
  useEffect(() => {
    if (!data) return;
    setEntries(Object.fromEntries(data.items.map((item) => [item.code, item])));
    setDirty(false);
  }, [data]);
  const save = useMutation({
    mutationFn: () =>
      api('PUT', `/api/units/${unitId}/indicator-values${queryString({ period: periodCode })}`, {
        values: Object.entries(entries).map(([indicatorCode, entry]) => ({ indicatorCode, ...entry })),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  // Figures typed but not saved are not lost to a closed tab: the browser asks first.
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);
  const change = (code: string, patch: Partial<Entry>) => {
    setEntries((current) => ({ ...current, [code]: { ...(current[code] as Entry), ...patch } }));
    setDirty(true);
  };
  const problem =
    save.error instanceof ApiError ? (save.error.fields[0]?.message ?? save.error.message) : null;
  // Only when the one-stop data has dossiers of the unit in the quarter: an empty table says nothing.
  const ratios = isQuarter ? (dossiers?.kpis ?? []).filter((kpi) => kpi.denominator !== null) : [];
  const measured = ratios.some((kpi) => (kpi.denominator ?? 0) > 0) ? ratios : [];

  return (
    <Stack>
      <Title order={3} size="h4">
        {t('periodIndicators')}
      </Title>
      {measured.length > 0 && (
        <Table withTableBorder aria-label={t('dossierFigures')}>
          <Table.Caption>{t('dossierFigures')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicator')}</Table.Th>
              <Table.Th ta="right">{t('rate')}</Table.Th>
              <Table.Th ta="right">{t('numeratorDenominator')}</Table.Th>
              <Table.Th>{t('target')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {measured.map((kpi) => (
              <Table.Tr key={kpi.code}>
                <Table.Td>{label({ vi: kpi.nameVi, en: kpi.nameEn })}</Table.Td>
                <Table.Td ta="right">{formatRate(kpi.rate)}</Table.Td>
                <Table.Td ta="right">
                  {formatCount(kpi.numerator)}/{formatCount(kpi.denominator ?? 0)}
                </Table.Td>
                <Table.Td>{formatTarget(kpi.target)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={kpi.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Table withTableBorder aria-label={t('enteredIndicators')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicator')}</Table.Th>
            <Table.Th w={260}>{t('figure')}</Table.Th>
            <Table.Th w={120}>{t('target')}</Table.Th>
            <Table.Th w={240}>{t('note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((item) => {
            const entry = entries[item.code];
            const name = label({ vi: item.nameVi, en: item.nameEn });
            return (
              <Table.Tr key={item.code}>
                <Table.Td>
                  <Text size="sm">{name}</Text>
                  {item.status && <StatusBadge status={item.status} size="xs" />}
                </Table.Td>
                <Table.Td>
                  {item.kind === 'ratio' ? (
                    <Group gap={4} wrap="nowrap">
                      <NumberInput
                        size="xs"
                        aria-label={`${name}: ${t('numerator')}`}
                        placeholder={t('numerator')}
                        min={0}
                        decimalSeparator=","
                        thousandSeparator="."
                        readOnly={!editable}
                        value={entry?.numerator ?? ''}
                        onChange={(value) => change(item.code, { numerator: asNumber(value) })}
                      />
                      <Text size="sm">/</Text>
                      <NumberInput
                        size="xs"
                        aria-label={`${name}: ${t('denominator')}`}
                        placeholder={t('denominator')}
                        min={0}
                        decimalSeparator=","
                        thousandSeparator="."
                        readOnly={!editable}
                        value={entry?.denominator ?? ''}
                        onChange={(value) => change(item.code, { denominator: asNumber(value) })}
                      />
                    </Group>
                  ) : (
                    <NumberInput
                      size="xs"
                      aria-label={name}
                      decimalSeparator=","
                      thousandSeparator="."
                      readOnly={!editable}
                      value={entry?.value ?? ''}
                      onChange={(value) => change(item.code, { value: asNumber(value) })}
                      rightSection={<Text size="xs">{item.measureUnit}</Text>}
                    />
                  )}
                  {item.kind === 'ratio' && item.rate !== null && (
                    <Text size="xs" c="dimmed">
                      = {formatRate(item.rate)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatTarget(item.target, item.measureUnit)}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${name}: ${t('note')}`}
                    readOnly={!editable}
                    value={entry?.note ?? ''}
                    onChange={(event) => change(item.code, { note: event.currentTarget.value || null })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      {editable && (
        <Group>
          <Button variant="light" disabled={!isDirty} loading={save.isPending} onClick={() => save.mutate()}>
            {t('saveIndicators')}
          </Button>
          {isDirty && (
            <Text size="sm" c="orange">
              {t('unsavedIndicators')}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
