import { Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Ratio } from '../../../../core/feedback/kpi.ts';
import { todayInVietnam } from '../../../../core/text/dates.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useMe } from '../auth/session.ts';
import { useFeedbackFigures } from './api.ts';

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

/**
 * The unit's figures for the year so far, as the indicator roll-ups count them: on-time answers and
 * resolved answers as numerator/denominator ("closed" never counts as resolved), the median days.
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
  const year = todayInVietnam().slice(0, 4);
  const { data } = useFeedbackFigures({
    unitId: unitId === null ? null : Number(unitId),
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });
  if (unitId === null) return null;
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
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
          <Figure label="feedbackKpiOnTime" help="feedbackKpiOnTimeHelp" ratio={data.onTime} />
          <Figure label="feedbackKpiResolved" help="feedbackKpiResolvedHelp" ratio={data.resolved} />
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
      )}
    </Card>
  );
}
