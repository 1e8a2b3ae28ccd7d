import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { LeaderOverview as Overview } from '../../../../core/overview/leader-overview.ts';
import { periodName } from '../../../../core/periods/period-names.ts';
import { useT } from '../../i18n/locale.tsx';
import { formatRate } from '../indicators/format.ts';
import { RoundResultsLink, Section } from './OverviewSection.tsx';

const percent = (value: number | null) => formatRate(value);

/** The ten weakest communes: by the latest published round, else by the quarter's dossiers on time. */
export function WeakestCommunesCard({ weakest }: { weakest: Overview['weakestCommunes'] }) {
  const { t, locale } = useT();
  const period = (code: string, inSentence = false) => periodName(code, locale, { inSentence });
  return (
    <Section title={t('leaderWeakest')} link={null}>
      <Text size="xs" c="dimmed" mb={4}>
        {weakest.basis === 'round' && weakest.round
          ? `${t('leaderWeakestByRound')} “${weakest.round.name}”`
          : `${t('leaderWeakestByDossiers')} ${period(weakest.period, true)}`}
      </Text>
      {weakest.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('leaderNoData')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('unit')}</Table.Th>
              {weakest.basis === 'round' && <Table.Th ta="right">{t('leaderAssessed')}</Table.Th>}
              <Table.Th ta="right">{t('leaderOnTimeRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weakest.items.map((item) => (
              <Table.Tr key={item.unit.id}>
                <Table.Td>
                  {weakest.basis === 'round' && weakest.round ? (
                    <Anchor
                      size="sm"
                      renderRoot={(props) => (
                        <Link
                          {...props}
                          to="/assessment/rounds/$roundId/units/$unitId"
                          params={{ roundId: String(weakest.round?.id), unitId: String(item.unit.id) }}
                        />
                      )}
                    >
                      {item.unit.name}
                    </Anchor>
                  ) : (
                    <Anchor
                      component={Link}
                      to="/indicators"
                      search={{ unitId: item.unit.id, period: weakest.period } as never}
                      size="sm"
                    >
                      {item.unit.name}
                    </Anchor>
                  )}
                </Table.Td>
                {weakest.basis === 'round' && (
                  <Table.Td ta="right">
                    <Text size="sm">
                      {percent(item.percent)} {item.band ? `· ${item.band}` : ''}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td ta="right">
                  <Text size="sm" title={t('leaderOnTimeRate')}>
                    {percent(item.onTimeRate)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

/** The latest published round: who took part, the average, the bands and the first three. */
export function LatestRoundCard({ round }: { round: Overview['latestRound'] }) {
  const { t } = useT();
  return (
    <Section title={t('leaderLatestRound')} link={round && <RoundResultsLink roundId={round.id} />}>
      {round ? (
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {round.name}
          </Text>
          <Text size="sm">
            {t('leaderParticipating')}: {round.participating}/{round.units} · {t('leaderAverage')}:{' '}
            {percent(round.averagePercent)}
          </Text>
          <Group gap={4}>
            {round.bands.map((band) => (
              <Badge key={band.label} variant="light" tt="none">
                {band.label}: {band.count}
              </Badge>
            ))}
          </Group>
          {round.top.map((entry) => (
            <Text key={entry.unit.id} size="sm">
              {entry.rank}. {entry.unit.name} — {percent(entry.percent)}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('leaderNoRound')}
        </Text>
      )}
    </Section>
  );
}
