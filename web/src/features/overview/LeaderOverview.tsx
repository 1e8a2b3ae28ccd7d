import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { LeaderOverview as Overview } from '../../../../core/overview/leader-overview.ts';
import { periodName } from '../../../../core/periods/period-names.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { api } from '../../api/client.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { formatRate, formatTarget, statusColour, statusLabel } from '../indicators/format.ts';
import { FeedbackSummary } from './FeedbackSummary.tsx';
import { LeversCard } from './LeversCard.tsx';
import { Section } from './OverviewSection.tsx';
import { RemediationCard } from './RemediationCard.tsx';
import { LatestRoundCard, WeakestCommunesCard } from './RoundCards.tsx';

/**
 * What a provincial leader reads first (a coordinator of the province too): where the province stands
 * in PAPI and what moves it most, dossiers against targets, citizens' petitions, this quarter's reports,
 * overdue tasks by the unit answering for them, the weakest communes, the latest published assessment and
 * whether its remediation is on track, each leading to its page.
 */
export function LeaderOverview() {
  const { t, locale, label } = useT();
  const { data: me } = useMe();
  const overview = useQuery({
    queryKey: ['overview', 'leader'],
    queryFn: () => api<Overview>('GET', '/api/overview/leader'),
    enabled: hasPermission(me, 'overview.read'),
    // A coordinator of one commune holds the permission but oversees no province: nothing to show.
    retry: false,
  });
  const data = overview.data;
  if (!data) return null;
  const period = (code: string, inSentence = false) => periodName(code, locale, { inSentence });
  const percent = (value: number | null) => formatRate(value);
  const more = (to: string, search?: Record<string, string | number>) => (
    <Anchor component={Link} to={to} search={search as never} size="sm">
      {t('leaderSeeAll')}
    </Anchor>
  );
  const counts = data.reports.counts;
  return (
    <Stack gap="sm">
      <Title order={3}>
        {t('leaderOverview')} — {data.unit.name}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        <Section title={`${t('leaderPapi')} ${data.papi?.year ?? ''}`} link={more('/indices/papi')}>
          {data.papi ? (
            <Stack gap={6}>
              {data.papi.provinces.map((entry) => (
                <div key={entry.code}>
                  <Text size="sm">
                    {entry.name}:{' '}
                    <Text span fw={700}>
                      {entry.rank === null
                        ? t('notRanked')
                        : `${t('leaderRank')} ${entry.rank}/${entry.ranked}`}
                    </Text>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {entry.trend.map((point) => `${point.year}: ${point.rank ?? '—'}`).join(' · ')}
                  </Text>
                </div>
              ))}
              <Text size="xs" c="dimmed">
                {t('leaderPapiNote')}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('leaderNoPapi')}
            </Text>
          )}
        </Section>

        {data.levers && <LeversCard levers={data.levers} />}

        <Section
          title={`${t('leaderDossiers')} — ${period(data.dossiers.period)}`}
          link={more('/indicators', { unitId: data.unit.id, period: data.dossiers.period })}
        >
          <Table>
            <Table.Tbody>
              {data.dossiers.kpis.map((kpi) => (
                <Table.Tr key={kpi.code}>
                  <Table.Td>
                    <Text size="sm">{locale === 'vi' ? kpi.nameVi : kpi.nameEn}</Text>
                    {kpi.target && (
                      <Text size="xs" c="dimmed">
                        {t('leaderTarget')}: {formatTarget(kpi.target)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={700}>
                      {percent(kpi.rate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {kpi.status && kpi.target && (
                      <Badge
                        color={statusColour(kpi.status)}
                        variant="light"
                        tt="none"
                        h="auto"
                        styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
                      >
                        {statusLabel(kpi.status, locale)}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>

        <Section
          title={fill(t('leaderFeedback'), { year: data.feedback.year })}
          link={more('/feedback', { filter: 'overdue' })}
        >
          <FeedbackSummary figures={data.feedback} />
        </Section>

        {data.satisfaction && (
          <Section
            title={`${t('leaderSatisfaction')} ${period(data.satisfaction.period, true)}`}
            link={
              <Anchor
                size="sm"
                renderRoot={(props) => (
                  <Link
                    {...props}
                    to="/surveys/$surveyId"
                    params={{ surveyId: String(data.satisfaction?.surveyId) }}
                    search={{ period: data.satisfaction?.period } as never}
                  />
                )}
              >
                {t('leaderSeeAll')}
              </Anchor>
            }
          >
            <Stack gap={4} data-testid="leader-satisfaction">
              <Group gap="xs" align="baseline">
                <Text size="xl" fw={700}>
                  {percent(data.satisfaction.rate)}
                </Text>
                <Text size="sm" c="dimmed">
                  {fill(t('leaderSatisfactionSample'), {
                    low: formatNumber(data.satisfaction.low ?? 0, { maximumFractionDigits: 1 }),
                    high: percent(data.satisfaction.high),
                    n: formatNumber(data.satisfaction.respondents),
                  })}
                </Text>
                {!data.satisfaction.enough && (
                  <Badge color="gray" variant="light">
                    {t('surveyTooSmall')}
                  </Badge>
                )}
              </Group>
              <Text size="sm">
                {t('surveyWeighted')}: {percent(data.satisfaction.weightedRate)}
              </Text>
              {data.satisfaction.change && (
                <Text size="sm" c={data.satisfaction.change.significant ? undefined : 'dimmed'}>
                  {fill(t('surveyChange'), { period: period(data.satisfaction.previousPeriod) })}:{' '}
                  {formatNumber(data.satisfaction.change.difference, {
                    maximumFractionDigits: 1,
                    signDisplay: 'exceptZero',
                  })}{' '}
                  {t('surveyPoints')} —{' '}
                  {data.satisfaction.change.significant
                    ? t('surveyChangeSignificant')
                    : t('surveyChangeNotSignificant')}
                </Text>
              )}
              {data.satisfaction.weakestElement && (
                <Text size="sm">
                  {t('leaderSatisfactionWeakest')}:{' '}
                  {label({
                    vi: data.satisfaction.weakestElement.nameVi,
                    en: data.satisfaction.weakestElement.nameEn,
                  })}{' '}
                  ({percent(data.satisfaction.weakestElement.rate)})
                </Text>
              )}
            </Stack>
          </Section>
        )}

        <Section
          title={`${t('leaderReports')} ${period(data.reports.period.code, true)}`}
          link={more('/reports')}
        >
          <Text size="sm" mb={4}>
            {t('due')}: {formatDateVi(data.reports.period.deadline)}
          </Text>
          <Text size="sm" fw={700}>
            {t('leaderSubmitted')}: {counts.submitted}/{counts.expected}
          </Text>
          <Text size="sm">
            {t('onTime')}: {counts.onTime} · {t('late')}: {counts.late} · {t('missing')}: {counts.missing} ·{' '}
            {t('notYetDue')}: {counts.pending}
          </Text>
          <Text size="sm" fw={700} mt="sm">
            {period(data.previousReports.period.code, false)}: {t('leaderSubmitted').toLowerCase()}{' '}
            {data.previousReports.counts.submitted}/{data.previousReports.counts.expected}
          </Text>
          <Text size="sm">
            {t('onTime')}: {data.previousReports.counts.onTime} · {t('late')}:{' '}
            {data.previousReports.counts.late} · {t('missing')}: {data.previousReports.counts.missing}
          </Text>
        </Section>

        <Section
          title={`${t('overdueTasks')}: ${data.overdueTasks.total}`}
          link={more('/tasks', { overdue: 'true' })}
        >
          {data.overdueTasks.byUnit.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('leaderNoOverdue')}
            </Text>
          ) : (
            <Stack gap={2}>
              {data.overdueTasks.byUnit.slice(0, 10).map((entry) => (
                <Anchor
                  key={entry.unit.id}
                  component={Link}
                  to="/tasks"
                  search={{ overdue: 'true', unitId: entry.unit.id } as never}
                  size="sm"
                >
                  {entry.unit.name}: {entry.count}
                </Anchor>
              ))}
              <Text size="xs" c="dimmed">
                {t('leaderOverdueNote')}
              </Text>
            </Stack>
          )}
        </Section>

        <WeakestCommunesCard weakest={data.weakestCommunes} />

        <LatestRoundCard round={data.latestRound} />
      </SimpleGrid>
      <RemediationCard remediation={data.remediation} />
    </Stack>
  );
}
