import { Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useT } from '../../i18n/locale.tsx';
import type { Kpi } from './api.ts';
import { formatCount, formatFigure, formatTarget, statusColour } from './format.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** One indicator: its rate, the counts it is made of, the target and whether it is met. */
export function KpiCard({
  kpi,
  isSelected,
  onSelect,
}: {
  kpi: Kpi;
  isSelected: boolean;
  onSelect: () => void;
}) {
  const { t, label } = useT();
  const name = label({ vi: kpi.nameVi, en: kpi.nameEn });
  const colour = `var(--mantine-color-${statusColour(kpi.status ?? 'no_data')}-6)`;
  return (
    <UnstyledButton onClick={onSelect} aria-pressed={isSelected}>
      <Card
        withBorder
        padding="md"
        h="100%"
        data-testid={`kpi-${kpi.code}`}
        style={{
          borderLeft: `5px solid ${colour}`,
          outline: isSelected ? '2px solid var(--mantine-color-indigo-5)' : undefined,
        }}
      >
        <Stack gap={6}>
          <Text size="sm" fw={600} lh={1.3} mih={36}>
            {name}
          </Text>
          <Text fz={30} fw={700} lh={1}>
            {formatFigure(kpi.rate, kpi.measureUnit)}
          </Text>
          <Text size="xs" c="dimmed">
            {kpi.denominator === null
              ? kpi.measureUnit
              : `${formatCount(kpi.numerator)} / ${formatCount(kpi.denominator)} ${t('numeratorOfDenominator')}`}
          </Text>
          <Group justify="space-between" gap="xs" mt={4}>
            <Text size="xs">
              {t('target')}: {kpi.target ? <b>{formatTarget(kpi.target, kpi.measureUnit)}</b> : t('noTarget')}
            </Text>
            <StatusBadge status={kpi.rate === null ? 'no_data' : kpi.status} />
          </Group>
        </Stack>
      </Card>
    </UnstyledButton>
  );
}
