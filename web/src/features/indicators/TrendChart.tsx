import { Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { periodName } from '../../../../core/periods/period-names.ts';
import { useIsBelow, useIsPhone } from '../../components/useIsPhone.ts';
import { type Locale, useT } from '../../i18n/locale.tsx';
import type { DossierDashboard, Kpi } from './api.ts';
import type { ChartOption } from './EChart.tsx';
import { formatRate, formatTarget } from './format.ts';
import { XlsxButton } from './XlsxButton.tsx';

// ECharts is loaded when a chart is first shown, not with the rest of the app.
const EChart = lazy(() => import('./EChart.tsx').then((module) => ({ default: module.EChart })));

const PALETTE = ['#4c6ef5', '#12b886', '#fab005', '#e64980', '#7950f2', '#15aabf', '#fd7e14', '#82c91e'];

// Rates share one 0–100% axis; counts are shown on their cards and in the ranking.
const ratiosOf = (dashboard: DossierDashboard) => dashboard.kpis.filter((kpi) => kpi.measureUnit === '%');

/** The rates over the eight quarters, the chosen indicator in bold with its target as a dashed line. */
export function TrendChart({
  dashboard,
  selected,
  onSelect,
  exportHref,
}: {
  dashboard: DossierDashboard;
  selected: Kpi | undefined;
  onSelect: (code: string) => void;
  exportHref: string;
}) {
  const { t, locale, label } = useT();
  const name = (kpi: Kpi) => label({ vi: kpi.nameVi, en: kpi.nameEn });
  const ratios = ratiosOf(dashboard);
  const shown = selected && selected.measureUnit === '%' ? selected : ratios[0];
  const targetWord = t('target');
  const isPhone = useIsPhone();
  const isNarrow = useIsBelow('lg');
  const option = useMemo(
    () =>
      trendOption(
        dashboard,
        shown?.code,
        locale,
        targetWord,
        isPhone ? 'phone' : isNarrow ? 'narrow' : 'wide',
      ),
    [dashboard, shown?.code, locale, targetWord, isPhone, isNarrow],
  );
  const summary = dashboard.trend
    .map(
      (point) =>
        `${periodName(point.period, locale)}: ${formatRate(shown ? point.values[shown.code] : null)}`,
    )
    .join('; ');

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="trend-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id="trend-title">
            {t('trend')}
          </Title>
          <Group gap="xs" wrap="nowrap" w={{ base: '100%', sm: 'auto' }}>
            <Select
              aria-label={t('indicator')}
              size="xs"
              w={{ base: 'auto', sm: 340 }}
              style={{ flex: isPhone ? 1 : undefined, minWidth: 0 }}
              allowDeselect={false}
              data={ratios.map((kpi) => ({ value: kpi.code, label: name(kpi) }))}
              value={shown?.code ?? null}
              onChange={(value) => value && onSelect(value)}
            />
            <XlsxButton href={exportHref} label={t('trend')} />
          </Group>
        </Group>
        <Suspense fallback={<div style={{ height: 340 }} />}>
          <EChart
            option={option}
            height={isPhone ? 300 : 340}
            label={`${t('trend')} — ${shown ? name(shown) : ''}. ${summary}`}
          />
        </Suspense>
        <details>
          <summary>
            <Text span size="sm" c="dimmed">
              {t('showAsTable')}
            </Text>
          </summary>
          <TrendTable dashboard={dashboard} />
        </details>
      </Stack>
    </Card>
  );
}

function trendOption(
  dashboard: DossierDashboard,
  selectedCode: string | undefined,
  locale: Locale,
  targetWord: string,
  width: 'phone' | 'narrow' | 'wide',
): ChartOption {
  const isPhone = width === 'phone';
  return {
    aria: { enabled: true },
    color: PALETTE,
    // Only a wide screen fits every name of the legend in two lines under the plot; narrower, the
    // legend is one line that pages (wrapped, it would climb over the plot). On a phone the quarters
    // are slanted too, so that eight of them fit under 300 px without touching.
    grid: isPhone
      ? { left: 8, right: 16, top: 16, bottom: 40, containLabel: true }
      : { left: 48, right: 24, top: 16, bottom: width === 'narrow' ? 56 : 80 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => formatRate(typeof value === 'number' ? value : null),
    },
    legend:
      width === 'wide'
        ? { bottom: 0, type: 'plain' }
        : { bottom: 0, type: 'scroll', pageIconSize: 12, textStyle: { width: 220, overflow: 'truncate' } },
    xAxis: {
      type: 'category',
      data: dashboard.trend.map((point) => periodName(point.period, locale)),
      boundaryGap: false,
      axisLabel: isPhone ? { rotate: 40, hideOverlap: true, fontSize: 10 } : { hideOverlap: true },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: ratiosOf(dashboard).map((kpi) => {
      const isSelected = kpi.code === selectedCode;
      return {
        type: 'line' as const,
        name: locale === 'vi' ? kpi.nameVi : kpi.nameEn,
        connectNulls: false,
        symbolSize: isSelected ? 8 : 5,
        lineStyle: { width: isSelected ? 3.5 : 1.5, opacity: isSelected ? 1 : 0.5 },
        itemStyle: { opacity: isSelected ? 1 : 0.6 },
        z: isSelected ? 3 : 2,
        data: dashboard.trend.map((point) => point.values[kpi.code] ?? null),
        ...(isSelected && kpi.target
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed' as const, color: '#fa5252', width: 1.5 },
                label: {
                  formatter: `${targetWord} ${formatTarget(kpi.target)}`,
                  position: 'insideEndTop' as const,
                },
                data: [{ yAxis: kpi.target.threshold }],
              },
            }
          : {}),
      };
    }),
  };
}

/** The same numbers as the chart, for whoever cannot or would rather not read a chart. */
function TrendTable({ dashboard }: { dashboard: DossierDashboard }) {
  const { t, locale, label } = useT();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table withTableBorder striped fz="sm" mt="xs">
        <Table.Caption>{t('trendSummary')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicator')}</Table.Th>
            {dashboard.trend.map((point) => (
              <Table.Th key={point.period} ta="right">
                {periodName(point.period, locale)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ratiosOf(dashboard).map((kpi) => (
            <Table.Tr key={kpi.code}>
              <Table.Th scope="row" fw={500}>
                {label({ vi: kpi.nameVi, en: kpi.nameEn })}
              </Table.Th>
              {dashboard.trend.map((point) => (
                <Table.Td key={point.period} ta="right">
                  {formatRate(point.values[kpi.code])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
