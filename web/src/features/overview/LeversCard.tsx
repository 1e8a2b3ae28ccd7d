import { Anchor, Group, List, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { LeaderOverview as Overview } from '../../../../core/overview/leader-overview.ts';
import { dimensionName } from '../../../../core/plans/plan-views.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { score2, score4 } from '../indices/papi-format.tsx';
import { Section } from './OverviewSection.tsx';

/**
 * "What moves us most": for each province that formed this one, the dimensions where a point buys most
 * ranks, with what the next rank costs, each province leading to its simulator.
 */
export function LeversCard({ levers }: { levers: NonNullable<Overview['levers']> }) {
  const { t, locale } = useT();
  return (
    <Section title={t('leaderLevers')} link={null}>
      <Stack gap="sm">
        {levers.provinces.map((province) => (
          <Stack key={province.code} gap={4}>
            <Group justify="space-between" wrap="nowrap" align="baseline">
              <Text size="sm" fw={700}>
                {province.name}
                {province.rank !== null && (
                  <Text span size="sm" fw={400} c="dimmed">
                    {' '}
                    — {t('leaderRank')} {province.rank}
                  </Text>
                )}
              </Text>
              <Anchor
                component={Link}
                to="/indices/papi"
                search={{ tab: 'standing', part: province.code } as never}
                size="sm"
                aria-label={`${t('leaderLeversSimulate')} ${province.name}`}
              >
                {t('leaderLeversSimulate')}
              </Anchor>
            </Group>
            {province.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('leaderLeversNone')}
              </Text>
            ) : (
              <List type="ordered" size="sm" spacing={4}>
                {province.items.map((lever) => (
                  <List.Item key={lever.dimension}>
                    <Text size="sm" fw={500}>
                      {dimensionName(lever.dimension, locale)}
                    </Text>
                    <Text size="sm">
                      {fill(t('leaderLeverNextRank'), { points: score4(lever.pointsToNextRank) })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {fill(t('leaderLeverRanksPerPoint'), { ranks: formatNumber(lever.ranksPerPoint) })} ·{' '}
                      {fill(t('leaderLeverScore'), { score: score4(lever.score), best: score4(lever.best) })}
                      {lever.typicalYearlyGain !== null &&
                        ` · ${fill(t('leaderLeverYearlyGain'), { gain: score2(lever.typicalYearlyGain) })}`}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        ))}
        <Text size="xs" c="dimmed">
          {fill(t('leaderLeversNote'), { year: levers.year })}
        </Text>
      </Stack>
    </Section>
  );
}
