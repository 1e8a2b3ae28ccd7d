import { Alert, Anchor, Button, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { periodName } from '../../../../core/periods/period-names.ts';
import { UnitBreadcrumbs } from '../../components/UnitBreadcrumbs.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { type DashboardQuery, exportUrl, useDossierDashboard } from './api.ts';
import { formatFigure } from './format.ts';
import { KpiCard } from './KpiCard.tsx';
import { LateDossiersTable } from './LateDossiersTable.tsx';
import { RankingTable } from './RankingTable.tsx';
import { TrendChart } from './TrendChart.tsx';
import { XlsxButton } from './XlsxButton.tsx';

/** The dossier dashboard of a unit and quarter: KPIs against targets, trend, units below, late dossiers. */
export function IndicatorsPage() {
  const { t, locale, label } = useT();
  const { data: me } = useMe();
  // Unit, period and indicator live in the URL: Back climbs out of a drill-down, a link shows the same view.
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const navigate = useNavigate();
  const query: DashboardQuery = {
    unitId: Number(search.unitId) > 0 ? Number(search.unitId) : undefined,
    period: typeof search.period === 'string' ? search.period : undefined,
  };
  const selectedCode = typeof search.indicator === 'string' ? search.indicator : null;
  const go = (next: DashboardQuery & { indicator?: string | undefined }) =>
    void navigate({ to: '/indicators', search: next as never });
  const setQuery = (next: DashboardQuery) => go({ ...next, indicator: selectedCode ?? undefined });
  const setSelectedCode = (code: string) => go({ ...current, indicator: code });
  const { data, error, isFetching } = useDossierDashboard(query);
  // The server picks the user's unit and the current quarter; from then on the page asks for both.
  const current: DashboardQuery = data ? { unitId: data.unit.id, period: data.period } : query;
  const selected = data?.kpis.find((kpi) => kpi.code === selectedCode) ?? data?.kpis[0];
  const drill = (unitId: number) => setQuery({ ...current, unitId });
  const isEmpty = data ? data.kpis.every((kpi) => (kpi.denominator ?? kpi.numerator) === 0) : false;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('dossierDashboard')}</Title>
          {data && <UnitBreadcrumbs crumbs={data.breadcrumbs} current={data.unit.id} onClimb={drill} />}
        </Stack>
        <Group gap="sm" align="flex-end">
          {isFetching && <Loader size="xs" aria-label={t('loading')} />}
          <Select
            label={t('period')}
            w={160}
            allowDeselect={false}
            data={(data?.periods ?? []).map((code) => ({ value: code, label: periodName(code, locale) }))}
            value={data?.period ?? null}
            onChange={(value) => value && setQuery({ ...current, period: value })}
          />
          {hasPermission(me, 'dossiers.import') && (
            <Button component={Link} to="/indicators/import" variant="light">
              {t('dossierImport')}
            </Button>
          )}
          <Button component={Link} to="/indicators/targets" variant="default">
            {t('indicatorTargets')}
          </Button>
        </Group>
      </Group>

      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {!data && !error && <Loader aria-label={t('loading')} />}
      {data && isEmpty && (
        <Alert color="blue">
          {t('noDossierData')}{' '}
          {hasPermission(me, 'dossiers.import') && (
            <Anchor component={Link} to="/indicators/import">
              {t('dossierImport')}
            </Anchor>
          )}
        </Alert>
      )}

      {data && (
        <>
          <Group justify="space-between">
            <Title order={3} size="h4">
              {data.unit.name} · {periodName(data.period, locale)}
            </Title>
            <XlsxButton href={exportUrl(current, 'kpis')} label={t('indicator')} />
          </Group>
          <Group gap="xl" aria-label={t('dossierCount')} role="group">
            {data.kpis
              .filter((kpi) => kpi.measureUnit !== '%')
              .map((kpi) => (
                <Text key={kpi.code} size="sm" data-testid={`kpi-${kpi.code}`}>
                  {label({ vi: kpi.nameVi, en: kpi.nameEn })}:{' '}
                  <Text span fw={700}>
                    {formatFigure(kpi.rate, kpi.measureUnit)}
                  </Text>
                </Text>
              ))}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {data.kpis
              .filter((kpi) => kpi.measureUnit === '%')
              .map((kpi) => (
                <KpiCard
                  key={kpi.code}
                  kpi={kpi}
                  isSelected={kpi.code === selected?.code}
                  onSelect={() => setSelectedCode(kpi.code)}
                />
              ))}
          </SimpleGrid>
          <TrendChart
            dashboard={data}
            selected={selected}
            onSelect={setSelectedCode}
            exportHref={exportUrl(current, 'trend')}
          />
          <RankingTable
            dashboard={data}
            kpi={selected}
            onDrill={drill}
            exportHref={exportUrl({ ...current, indicator: selected?.code }, 'ranking')}
          />
          <LateDossiersTable
            key={`${current.unitId}-${current.period}`}
            query={current}
            canRecord={hasPermission(me, 'dossiers.import') || hasPermission(me, 'indicators.manage')}
          />
        </>
      )}
    </Stack>
  );
}
