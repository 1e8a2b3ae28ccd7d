import { Group, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { PAPI_DIMENSIONS } from '../../../../core/indices/papi.ts';
import { dimensionName } from '../../../../core/plans/plan-views.ts';
import { api } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { usePapiYears, useProvinces2025 } from './papi-api.ts';
import { GROUP_COLOURS, GroupBadge, ProvinceSelect, score2 } from './papi-format.tsx';
import { StandingPanel } from './StandingPanel.tsx';

interface PapiRow {
  unit: string;
  unitCode: string;
  total: number | null;
  rank: number | null;
  group: 1 | 2 | 3 | 4 | null;
  dimensions: Record<string, number | null>;
  dimensionGroups: Record<string, 1 | 2 | 3 | 4 | null>;
  dimensionRanks: Record<string, number | null>;
}

/** One old province's PAPI results over the years. */
function ProvinceHistory({ code, name }: { code: string; name: string }) {
  const { t, locale } = useT();
  const history = useQuery({
    queryKey: ['papi', 'history', code],
    queryFn: () =>
      api<{ items: (PapiRow & { year: number; ranked: number })[] }>(
        'GET',
        `/api/indices/papi/provinces/${code}`,
      ),
  });
  return (
    <Stack gap={4} mb="md">
      <Title order={3} size="h5">
        {name}
      </Title>
      {/* Twelve columns scroll sideways on a phone, each cell on one line. */}
      <ScrollTable striped withTableBorder minWidth={900} style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('year')}</Table.Th>
            <Table.Th>{t('total')}</Table.Th>
            <Table.Th>{t('rank')}</Table.Th>
            <Table.Th>{t('group')}</Table.Th>
            {PAPI_DIMENSIONS.map((code) => (
              <Table.Th key={code} fz="xs" miw={90}>
                {dimensionName(code, locale)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data?.items.map((row) => (
            <Table.Tr key={row.year}>
              <Table.Td>{row.year}</Table.Td>
              <Table.Td>{score2(row.total)}</Table.Td>
              <Table.Td>{row.rank === null ? t('notRanked') : `${row.rank}/${row.ranked}`}</Table.Td>
              <Table.Td>
                <GroupBadge group={row.group} />
              </Table.Td>
              {PAPI_DIMENSIONS.map((code) => (
                <Table.Td
                  key={code}
                  c={row.dimensionGroups[code] ? GROUP_COLOURS[row.dimensionGroups[code] as 1] : undefined}
                >
                  {score2(row.dimensions[code] ?? null)}
                  {row.dimensionRanks[code] !== null && row.dimensionRanks[code] !== undefined && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({t('rankShort')} {row.dimensionRanks[code]})
                    </Text>
                  )}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

type Tab = 'results' | 'standing';

/**
 * PAPI: all provinces of a year and one province's ranks over the years; and, on the second tab, where
 * the province stands with the rank simulator.
 */
export function PapiPage() {
  const { t } = useT();
  // The tab and the old province to simulate live in the URL: the leader's overview links straight to
  // the simulator of Thái Bình (`?tab=standing&part=34`).
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const navigate = useNavigate();
  const tab: Tab = search.tab === 'standing' ? 'standing' : 'results';
  // A code typed by hand (`part=34`) reads back as a number.
  const part = search.part === undefined ? undefined : String(search.part);
  const setTab = (next: Tab) =>
    void navigate({ to: '/indices/papi', search: (next === 'standing' ? { tab: next } : {}) as never });
  return (
    <Stack>
      <Title order={2}>{t('papi')}</Title>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'results')}>
        <Tabs.List>
          <Tabs.Tab value="results">{t('papiTabResults')}</Tabs.Tab>
          <Tabs.Tab value="standing">{t('papiTabStanding')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'results' ? <ResultsPanel /> : <StandingPanel initialPart={part} />}
    </Stack>
  );
}

function ResultsPanel() {
  const { t } = useT();
  const years = usePapiYears();
  const [year, setYear] = useState<string | null>(null);
  const [province, setProvince] = useState<string | null>('33');
  const selectedYear = year ?? String(years.data?.years.at(-1) ?? '');
  const results = useQuery({
    queryKey: ['papi', 'results', selectedYear],
    queryFn: () => api<{ items: PapiRow[] }>('GET', `/api/indices/papi/results?year=${selectedYear}`),
    enabled: selectedYear !== '',
  });
  const provinces = useProvinces2025();
  const merged = provinces.data?.items.find((item) => item.code === province);
  const highlighted = new Set(merged?.predecessors.map((old) => old.code));
  const ranked = [...(results.data?.items ?? [])].sort(
    (a, b) => (a.rank ?? 999) - (b.rank ?? 999) || a.unit.localeCompare(b.unit, 'vi'),
  );

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('papiNote')}
      </Text>
      <Paper withBorder p="md">
        <Group align="flex-end" mb="sm">
          <ProvinceSelect value={province} onChange={setProvince} />
          {merged && merged.predecessors.length > 1 && (
            <Text size="sm" c="dimmed">
              {t('formedFromProvinces')}: {merged.predecessors.map((old) => old.name).join(', ')}
            </Text>
          )}
        </Group>
        {merged?.predecessors.map((old) => (
          <ProvinceHistory key={old.code} code={old.code} name={old.name} />
        ))}
      </Paper>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} mb="sm">
          <Select
            label={t('year')}
            data={(years.data?.years ?? []).map(String)}
            value={selectedYear || null}
            onChange={setYear}
            allowDeselect={false}
          />
        </SimpleGrid>
        {/* Four columns fit a phone: no sideways scroll. */}
        <ScrollTable striped highlightOnHover withTableBorder minWidth={0}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rank')}</Table.Th>
              <Table.Th>{t('province')}</Table.Th>
              <Table.Th>{t('total')}</Table.Th>
              <Table.Th>{t('group')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ranked.map((row) => (
              <Table.Tr key={row.unitCode} bg={highlighted.has(row.unitCode) ? 'indigo.0' : undefined}>
                <Table.Td>{row.rank ?? '—'}</Table.Td>
                <Table.Td>{row.unit}</Table.Td>
                <Table.Td>{row.total === null ? t('notRanked') : score2(row.total)}</Table.Td>
                <Table.Td>
                  <GroupBadge group={row.group} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Paper>
    </Stack>
  );
}
