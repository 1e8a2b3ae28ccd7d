import { Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Ratio } from '../../../../core/feedback/kpi.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useMe } from '../auth/session.ts';
import { formatTarget } from '../indicators/format.ts';
import { StatusBadge } from '../indicators/StatusBadge.tsx';
import { type FeedbackFigures, useFeedbackFigures } from './api.ts';

/** One figure as numerator/denominator with its share, and what it counts. */
function Figure({ label, help, ratio }: { label: MessageKey; help: MessageKey; ratio: Ratio }) {
  const { t } = useT();
  const share =
    ratio.denominator === 0
      ? t('feedbackKpiNone')
      : `${formatNumber((100 * ratio.numerator) / ratio.denominator, { maximumFractionDigits: 0 })}%`;
  return (
    <Stack gap={2} data-kpi={label} title={t(help)}>
      <Text size="sm" c="dimmed">
        {t(label)}
      </Text>
      <Group gap="xs" align="baseline">
        <Text fw={700} size="lg" data-testid="ratio">
          {formatNumber(ratio.numerator)}/{formatNumber(ratio.denominator)}
        </Text>
        <Text size="sm">{share}</Text>
      </Group>
      {/* What it counts; on a phone in the figure's tooltip, so the inbox stays in view. */}
      <Text size="xs" c="dimmed" visibleFrom="sm">
        {t(help)}
      </Text>
    </Stack>
  );
}

function Count({ label, value }: { label: MessageKey; value: string }) {
  const { t } = useT();
  return (
    <Stack gap={2} data-kpi={label}>
      <Text size="sm" c="dimmed">
        {t(label)}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Stack>
  );
}

const share = (ratio: Ratio) =>
  ratio.denominator === 0
    ? '—'
    : `${formatNumber((100 * ratio.numerator) / ratio.denominator, { maximumFractionDigits: 0 })}%`;

/** The units below, one line each with their petitions, most overdue first. */
function UnitTable({ data }: { data: FeedbackFigures }) {
  const { t } = useT();
  if (data.units.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('feedbackKpiNoUnits')}
      </Text>
    );
  return (
    <ScrollTable withTableBorder minWidth={640} aria-label={t('feedbackKpiByUnit')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('feedbackKpiUnit')}</Table.Th>
          <Table.Th ta="right">{t('feedbackKpiArrived')}</Table.Th>
          <Table.Th ta="right">{t('feedbackKpiOnTime')}</Table.Th>
          <Table.Th ta="right">{t('feedbackKpiResolved')}</Table.Th>
          <Table.Th ta="right">{t('feedbackKpiOverdueNow')}</Table.Th>
          <Table.Th ta="right">{t('feedbackKpiMedian')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.units.map((row) => (
          <Table.Tr key={`${row.unit.id}-${row.own}`}>
            <Table.Td>
              {row.own ? fill(t('feedbackKpiOwn'), { unit: row.unit.name }) : row.unit.name}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(row.items)}</Table.Td>
            <Table.Td ta="right">
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Text size="sm">
                  {formatNumber(row.onTime.numerator)}/{formatNumber(row.onTime.denominator)} (
                  {share(row.onTime)})
                </Text>
                <StatusBadge status={row.onTimeStatus} size="xs" />
              </Group>
            </Table.Td>
            <Table.Td ta="right">
              {formatNumber(row.resolved.numerator)}/{formatNumber(row.resolved.denominator)}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(row.overdue)}</Table.Td>
            <Table.Td ta="right">
              {row.medianDaysToAnswer === null
                ? '—'
                : fill(t('feedbackKpiDays'), { days: formatNumber(row.medianDaysToAnswer) })}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/**
 * The unit's figures for the year so far (the server's year), as the indicator roll-ups count them:
 * on-time, resolved and satisfied as numerator/denominator ("closed" never counts as resolved), the
 * median days, the on-time target that applies; and, for a unit with units below, the same per unit.
 */
export function FeedbackKpis() {
  const { t } = useT();
  const { data: me } = useMe();
  const units = (me?.grants ?? []).filter((grant) => grant.unitId !== null);
  const unitOptions = [
    ...new Map(units.map((grant) => [String(grant.unitId), grant.unitName ?? ''])).entries(),
  ];
  const [chosen, setChosen] = useState<string | null>(null);
  const unitId = chosen ?? unitOptions[0]?.[0] ?? null;
  const { data } = useFeedbackFigures({ unitId: unitId === null ? null : Number(unitId) });
  if (unitId === null) return null;
  const year = data?.from.slice(0, 4) ?? '';
  const below = data ? data.units.filter((row) => !(row.own && row.unit.id === data.unitId)) : [];
  return (
    <Card withBorder aria-label={fill(t('feedbackKpis'), { year })} component="section">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h4">
          {fill(t('feedbackKpis'), { year })}
        </Title>
        {unitOptions.length > 1 && (
          <Select
            aria-label={t('feedbackKpiUnit')}
            data={unitOptions.map(([value, label]) => ({ value, label }))}
            value={unitId}
            onChange={(value) => setChosen(value)}
            allowDeselect={false}
            size="xs"
          />
        )}
      </Group>
      {data && (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 5 }} spacing={{ base: 'xs', sm: 'md' }}>
            <Stack gap={2}>
              <Figure label="feedbackKpiOnTime" help="feedbackKpiOnTimeHelp" ratio={data.onTime} />
              {data.onTimeTarget && (
                <Group gap={4}>
                  <Text size="xs" c="dimmed">
                    {fill(t('feedbackKpiTarget'), { target: formatTarget(data.onTimeTarget) })}
                  </Text>
                  <StatusBadge status={data.onTimeStatus} size="xs" />
                </Group>
              )}
            </Stack>
            <Figure label="feedbackKpiResolved" help="feedbackKpiResolvedHelp" ratio={data.resolved} />
            <Figure label="feedbackKpiSatisfied" help="feedbackKpiSatisfiedHelp" ratio={data.satisfied} />
            <Count
              label="feedbackKpiMedian"
              value={
                data.medianDaysToAnswer === null
                  ? t('feedbackKpiNone')
                  : fill(t('feedbackKpiDays'), { days: formatNumber(data.medianDaysToAnswer) })
              }
            />
            <Group grow align="flex-start" wrap="nowrap">
              <Count label="feedbackKpiClosed" value={formatNumber(data.closed)} />
              <Count label="feedbackKpiOverdueNow" value={formatNumber(data.overdue)} />
            </Group>
          </SimpleGrid>
          {(below.length > 0 || data.units.length > 1) && <UnitTable data={data} />}
        </Stack>
      )}
    </Card>
  );
}
