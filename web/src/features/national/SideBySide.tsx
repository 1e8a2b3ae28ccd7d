import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { CSSProperties } from 'react';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import type { NationalDashboard } from './api.ts';
import { figureText } from './figure-text.ts';

/** The name column stays in view while the indicators scroll past it. */
const STICKY: CSSProperties = {
  position: 'sticky',
  left: 0,
  background: 'var(--mantine-color-body)',
  zIndex: 1,
  minWidth: 170,
};

/**
 * The whole country and every province (rows) on every indicator (columns), each province's rank
 * beside its figure; the chosen indicator's column stands out. Scrolls sideways, the names staying put.
 */
export function SideBySide({ dashboard, selected }: { dashboard: NationalDashboard; selected: string }) {
  const { t, label } = useT();
  const highlight = (code: string) => (code === selected ? 'var(--mantine-color-indigo-0)' : undefined);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="national-side-title">
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={3} size="h4" id="national-side-title">
            {t('nationalSideBySide')}
          </Title>
          <Text size="sm" c="dimmed">
            {fill(t('nationalTotalsNote'), { count: dashboard.national.provinces })}
          </Text>
        </Stack>
        <ScrollTable
          minWidth={170 + 130 * (dashboard.indicators.length + 1)}
          withTableBorder
          withColumnBorders
          fz="sm"
          aria-labelledby="national-side-title"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={STICKY}>{t('nationalProvince')}</Table.Th>
              {dashboard.indicators.map((indicator) => (
                <Table.Th key={indicator.code} fz="xs" w={130} bg={highlight(indicator.code)}>
                  {label({ vi: indicator.nameVi, en: indicator.nameEn })}
                </Table.Th>
              ))}
              <Table.Th fz="xs" w={130}>
                {t('nationalReports')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr fw={700}>
              <Table.Td style={STICKY}>{t('nationalTotals')}</Table.Td>
              {dashboard.indicators.map((indicator) => (
                <Table.Td key={indicator.code} bg={highlight(indicator.code)}>
                  {figureText(indicator, dashboard.national.figures[indicator.code])}
                </Table.Td>
              ))}
              <Table.Td>{fill(t('nationalReportsSent'), dashboard.national.completeness)}</Table.Td>
            </Table.Tr>
            {dashboard.provinces.map((province) => (
              <Table.Tr key={province.code}>
                <Table.Td style={STICKY}>
                  <Anchor
                    size="sm"
                    renderRoot={(props) => (
                      <Link
                        {...props}
                        to="/national/$provinceCode"
                        params={{ provinceCode: province.code }}
                        search={{ period: dashboard.period, indicator: selected } as never}
                      />
                    )}
                  >
                    {province.name}
                  </Anchor>
                </Table.Td>
                {dashboard.indicators.map((indicator) => {
                  const figure = province.figures[indicator.code];
                  return (
                    <Table.Td
                      key={indicator.code}
                      bg={highlight(indicator.code)}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {figureText(indicator, figure)}
                      {figure?.rank != null && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({figure.rank})
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  {province.completeness.expected === 0
                    ? t('nationalReportsNone')
                    : fill(t('nationalReportsSent'), province.completeness)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        <Text size="xs" c="dimmed">
          {t('nationalRankInBrackets')}
        </Text>
      </Stack>
    </Card>
  );
}
