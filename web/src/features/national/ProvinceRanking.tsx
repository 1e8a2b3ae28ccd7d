import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { compareVietnamese } from '../../../../core/text/vietnamese.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import type { NationalDashboard, NationalIndicatorView, ProvinceColumn } from './api.ts';
import { Freshness } from './Freshness.tsx';
import { fractionText } from './figure-text.ts';
import { RankCell } from './RankCell.tsx';
import { RankedCard } from './RankedCard.tsx';
import { ValueBar } from './ValueBar.tsx';

/** Missing values (no rank, no rate) stay last whichever way the column is sorted. */
function byNullLast(a: number | null, b: number | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return sign * (a - b);
}

/** The provinces on one indicator: rank, value with a bar, its counts, freshness and report completeness. */
export function ProvinceRanking({
  dashboard,
  indicator,
}: {
  dashboard: NationalDashboard;
  indicator: NationalIndicatorView;
}) {
  const { t, label } = useT();
  const isPhone = useIsPhone();
  const [sort, setSort] = useState('rank');
  const field = sort.replace(/^-/, '');
  const sign = sort.startsWith('-') ? -1 : 1;
  const figure = (row: ProvinceColumn) => row.figures[indicator.code];
  const rows = [...dashboard.provinces].sort((a, b) => {
    const first =
      field === 'name'
        ? sign * compareVietnamese(a.name, b.name)
        : field === 'value'
          ? byNullLast(figure(a)?.value ?? null, figure(b)?.value ?? null, sign)
          : field === 'fresh'
            ? sign * (Date.parse(b.freshness.asOf) - Date.parse(a.freshness.asOf))
            : byNullLast(figure(a)?.rank ?? null, figure(b)?.rank ?? null, sign);
    return first || compareVietnamese(a.name, b.name);
  });
  const largest = Math.max(0, ...rows.map((row) => figure(row)?.value ?? 0));
  const reports = (row: ProvinceColumn) =>
    row.completeness.expected === 0
      ? t('nationalReportsNone')
      : fill(t('nationalReportsSent'), row.completeness);
  const provinceLink = (row: ProvinceColumn) => (
    <Anchor
      fw={600}
      aria-label={fill(t('nationalOpenProvince'), { name: row.name })}
      renderRoot={(props) => (
        <Link
          {...props}
          to="/national/$provinceCode"
          params={{ provinceCode: row.code }}
          search={{ period: dashboard.period, indicator: indicator.code } as never}
        />
      )}
    >
      {row.name}
    </Anchor>
  );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="national-ranking-title">
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={3} size="h4" id="national-ranking-title">
            {t('nationalRanking')}
          </Title>
          <Text size="sm" c="dimmed">
            {label({ vi: indicator.nameVi, en: indicator.nameEn })}
            {indicator.better === 'lower' && ` (${t('nationalLowerBetter')})`}
          </Text>
        </Stack>
        {isPhone ? (
          <Stack
            gap="xs"
            component="ol"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-labelledby="national-ranking-title"
          >
            {rows.map((row) => (
              <RankedCard
                key={row.code}
                testId={`province-${row.code}`}
                rank={figure(row)?.rank ?? null}
                name={provinceLink(row)}
                indicator={indicator}
                figure={figure(row)}
                largest={largest}
              >
                <Freshness freshness={row.freshness} now={dashboard.now} />
                <Text size="sm">{reports(row)}</Text>
              </RankedCard>
            ))}
          </Stack>
        ) : (
          <ScrollTable
            minWidth={760}
            striped
            highlightOnHover
            withTableBorder
            aria-labelledby="national-ranking-title"
          >
            <Table.Thead>
              <Table.Tr>
                <SortHeader field="rank" sort={sort} onSort={setSort}>
                  {t('nationalRank')}
                </SortHeader>
                <SortHeader field="name" sort={sort} onSort={setSort}>
                  {t('nationalProvince')}
                </SortHeader>
                <SortHeader field="value" sort={sort} onSort={setSort}>
                  {t('nationalValue')}
                </SortHeader>
                <Table.Th>{t('nationalFraction')}</Table.Th>
                <SortHeader field="fresh" sort={sort} onSort={setSort}>
                  {t('nationalFreshness')}
                </SortHeader>
                <Table.Th>{t('nationalReports')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.code} data-testid={`province-${row.code}`}>
                  <Table.Td w={90}>
                    <RankCell rank={figure(row)?.rank ?? null} />
                  </Table.Td>
                  <Table.Td>{provinceLink(row)}</Table.Td>
                  <Table.Td miw={200}>
                    <ValueBar indicator={indicator} figure={figure(row)} largest={largest} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fractionText(figure(row))}</Table.Td>
                  <Table.Td>
                    <Freshness freshness={row.freshness} now={dashboard.now} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{reports(row)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Stack>
    </Card>
  );
}
