import { Badge, Group, Stack, Text } from '@mantine/core';
import type { LeaderOverview as Overview } from '../../../../core/overview/leader-overview.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { formatRate, formatTarget, statusColour, statusLabel } from '../indicators/format.ts';

/** The year's petitions: on time against the target, resolved (never "closed"), satisfied, the most overdue. */
export function FeedbackSummary({ figures }: { figures: Overview['feedback'] }) {
  const { t, locale } = useT();
  const ratio = (value: { numerator: number; denominator: number }) =>
    `${formatNumber(value.numerator)}/${formatNumber(value.denominator)} (${formatRate(
      value.denominator === 0 ? null : (100 * value.numerator) / value.denominator,
    )})`;
  return (
    <Stack gap={4}>
      <Text size="sm">{fill(t('leaderFeedbackReceived'), { count: formatNumber(figures.received) })}</Text>
      <Group gap="xs" wrap="wrap">
        <Text size="sm">
          {t('feedbackKpiOnTime')}:{' '}
          <Text span fw={700}>
            {ratio(figures.onTime)}
          </Text>
        </Text>
        {figures.status && figures.target && (
          <Badge color={statusColour(figures.status)} variant="light" tt="none">
            {statusLabel(figures.status, locale)}
          </Badge>
        )}
      </Group>
      {figures.target && (
        <Text size="xs" c="dimmed">
          {t('leaderTarget')}: {formatTarget(figures.target)}
        </Text>
      )}
      <Text size="sm">
        {t('feedbackKpiResolved')}: {ratio(figures.resolved)} · {t('feedbackKpiSatisfied')}:{' '}
        {ratio(figures.satisfied)}
      </Text>
      <Text size="sm">
        {t('feedbackKpiMedian')}:{' '}
        {figures.medianDaysToAnswer === null
          ? t('feedbackKpiNone')
          : fill(t('feedbackKpiDays'), { days: formatNumber(figures.medianDaysToAnswer) })}{' '}
        · {t('feedbackKpiOverdueNow')}: {formatNumber(figures.overdue)}
      </Text>
      {figures.mostOverdue.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('leaderFeedbackNoOverdue')}
        </Text>
      ) : (
        <>
          <Text size="xs" c="dimmed" mt={4}>
            {t('leaderFeedbackMostOverdue')}
          </Text>
          {figures.mostOverdue.map((entry) => (
            <Text key={entry.unit.id} size="sm">
              {entry.unit.name}:{' '}
              {fill(t('leaderFeedbackOverdueCount'), { count: formatNumber(entry.overdue) })}
            </Text>
          ))}
        </>
      )}
    </Stack>
  );
}
