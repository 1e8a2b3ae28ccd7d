import { Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { type Locale, useT } from '../../i18n/locale.tsx';
import type { DossierDashboard, Kpi } from './api.ts';
import { type ChartOption, EChart } from './EChart.tsx';
import { formatPeriod, formatRate, formatTarget } from './format.ts';
import { XlsxButton } from './XlsxButton.tsx';

const PALETTE = ['#4c6ef5', '#12b886', '#fab005', '#e64980', '#7950f2', '#15aabf', '#fd7e14', '#82c91e'];

/** The rates of every indicator over the eight quarters, the chosen one in bold with its target line. */
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

  const targetWord = t('target');
  const option = useMemo(
    () => trendOption(dashboard, selected?.code, locale, targetWord),
    [dashboard, selected?.code, locale, targetWord],
  );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="trend-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id="trend-title">
            {t('trend')}
          </Title>
          <Group gap="xs">
            <Select
              aria-label={t('indicator')}
              size="xs"
              w={320}
              allowDeselect={false}
              data={dashboard.kpis.map((kpi) => ({ value: kpi.code, label: name(kpi) }))}
              value={selected?.code ?? null}
              onChange={(value) => value && onSelect(value)}
            />
            <XlsxButton href={exportHref} />
          </Group>
        </Group>
        <EChart
          option={option}
          height={320}
          label={`${t('trend')}: ${selected ? name(selected) : ''}. ${t('trendSummary')}: ${dashboard.trend
            .map(
              (point) =>
                `${formatPeriod(point.period, locale)} ${formatRate(selected ? point.values[selected.code] : null)}`,
            )
            .join(', ')}`}
        />
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
): ChartOption {
  return {
    aria: { enabled: true },
    color: PALETTE,
    grid: { left: 48, right: 24, top: 16, bottom: 72 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => formatRate(typeof value === 'number' ? value : null),
    },
    legend: { bottom: 0, type: 'plain' },
    xAxis: {
      type: 'category',
      data: dashboard.trend.map((point) => formatPeriod(point.period, locale)),
      boundaryGap: false,
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: dashboard.kpis.map((kpi) => {
      const isSelected = kpi.code === selectedCode;
      return {
        type: 'line' as const,
        name: locale === 'vi' ? kpi.nameVi : kpi.nameEn,
        connectNulls: false,
        symbolSize: isSelected ? 8 : 5,
        lineStyle: { width: isSelected ? 3.5 : 1.5, opacity: isSelected ? 1 : 0.55 },
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
                {formatPeriod(point.period, locale)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dashboard.kpis.map((kpi) => (
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
