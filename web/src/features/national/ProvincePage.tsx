import {
  Alert,
  Anchor,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type DrillDownQuery, useProvinceDrillDown, useReadsNational } from './api.ts';
import { Freshness } from './Freshness.tsx';
import { figureText, fractionText } from './figure-text.ts';
import { NationalControls } from './NationalControls.tsx';
import { RankCell } from './RankCell.tsx';
import { RankedCard } from './RankedCard.tsx';
import { ValueBar } from './ValueBar.tsx';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** One province's communes on an indicator: ranked, searched without diacritics, sorted, paged. */
export function ProvincePage() {
  const { t, label } = useT();
  const isPhone = useIsPhone();
  const { provinceCode } = useParams({ strict: false }) as { provinceCode: string };
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const navigate = useNavigate();
  const query: DrillDownQuery = {
    period: text(search.period),
    indicator: text(search.indicator),
    q: text(search.q),
    sort: text(search.sort) ?? 'rank',
    page: Number(search.page) > 0 ? Number(search.page) : 1,
  };
  const go = (next: DrillDownQuery) =>
    void navigate({
      to: '/national/$provinceCode',
      params: { provinceCode },
      search: { ...query, ...next } as never,
      replace: 'q' in next,
    });
  // The search box answers as one types, the address following a moment later.
  const [typed, setTyped] = useState(query.q ?? '');
  const [debounced] = useDebouncedValue(typed, 250);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the typed words are the trigger
  useEffect(() => {
    if ((debounced || undefined) !== query.q) go({ q: debounced || undefined, page: 1 });
  }, [debounced]);
  const { data, error, isFetching } = useProvinceDrillDown(provinceCode, query);
  const allowed = useReadsNational();
  const sort = query.sort ?? 'rank';
  const largest = Math.max(0, ...(data?.communes.items ?? []).map((row) => row.value ?? 0));
  const reports = (completeness: { expected: number; sent: number; onTime: number }) =>
    completeness.expected === 0 ? t('nationalReportsNone') : fill(t('nationalReportsSent'), completeness);
  const sortBy = (next: string) => go({ sort: next, page: 1 });

  return (
    <Stack>
      <Anchor renderRoot={(props) => <Link {...props} to="/national" />} size="sm">
        {t('nationalBack')}
      </Anchor>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {allowed === false && <Alert color="yellow">{t('nationalNotAllowed')}</Alert>}
      {allowed !== false && !data && !error && <Loader aria-label={t('loading')} />}
      {data && (
        <>
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2}>{data.province.name}</Title>
              {isFetching && <Loader size="xs" aria-label={t('loading')} />}
            </Group>
            <Freshness freshness={data.province.freshness} now={data.now} />
          </Stack>
          <NationalControls
            period={data.period}
            periods={data.periods}
            onPeriod={(value) => go({ period: value, page: 1 })}
            indicators={data.indicators}
            indicator={data.indicator.code}
            onIndicator={(code) => go({ indicator: code, page: 1 })}
            province={data.province.code}
          />
          <Card withBorder padding="md" component="section" aria-labelledby="communes-title">
            <Stack gap="sm">
              <Group justify="space-between" align="flex-end" wrap="wrap">
                <Stack gap={0}>
                  <Title order={3} size="h4" id="communes-title">
                    {t('nationalCommunes')}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {label({ vi: data.indicator.nameVi, en: data.indicator.nameEn })}
                    {data.indicator.better === 'lower' && ` (${t('nationalLowerBetter')})`}
                  </Text>
                </Stack>
                <Text size="sm">
                  {t('nationalProvinceTotal')}: <b>{figureText(data.indicator, data.total)}</b> (
                  {fractionText(data.total)}) · {fill(t('nationalRankedOf'), { ranked: data.ranked })}
                </Text>
              </Group>
              <TextInput
                aria-label={t('nationalCommuneSearch')}
                placeholder={t('nationalCommuneSearch')}
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
              />
              {isPhone ? (
                <>
                  <Select
                    label={t('nationalSortBy')}
                    allowDeselect={false}
                    data={[
                      { value: 'rank', label: t('nationalRank') },
                      { value: 'name', label: t('nationalCommune') },
                      { value: '-value', label: `${t('nationalValue')} ↓` },
                      { value: 'value', label: `${t('nationalValue')} ↑` },
                    ]}
                    value={sort}
                    onChange={(value) => value && sortBy(value)}
                  />
                  <Stack
                    gap="xs"
                    component="ol"
                    p={0}
                    m={0}
                    style={{ listStyle: 'none' }}
                    aria-labelledby="communes-title"
                  >
                    {data.communes.items.map((row) => (
                      <RankedCard
                        key={row.unitKey}
                        testId={`commune-${row.unitKey}`}
                        rank={row.rank}
                        name={<Text fw={600}>{row.name}</Text>}
                        indicator={data.indicator}
                        figure={row}
                        largest={largest}
                      >
                        <Text size="sm">{reports(row.completeness)}</Text>
                      </RankedCard>
                    ))}
                  </Stack>
                </>
              ) : (
                <ScrollTable
                  minWidth={640}
                  striped
                  highlightOnHover
                  withTableBorder
                  aria-labelledby="communes-title"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <SortHeader field="rank" sort={sort} onSort={sortBy}>
                        {t('nationalRank')}
                      </SortHeader>
                      <SortHeader field="name" sort={sort} onSort={sortBy}>
                        {t('nationalCommune')}
                      </SortHeader>
                      <SortHeader field="value" sort={sort} onSort={sortBy}>
                        {t('nationalValue')}
                      </SortHeader>
                      <Table.Th>{t('nationalFraction')}</Table.Th>
                      <Table.Th>{t('nationalReports')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.communes.items.map((row) => (
                      <Table.Tr key={row.unitKey} data-testid={`commune-${row.unitKey}`}>
                        <Table.Td w={90}>
                          <RankCell rank={row.rank} />
                        </Table.Td>
                        <Table.Td>{row.name}</Table.Td>
                        <Table.Td miw={200}>
                          <ValueBar indicator={data.indicator} figure={row} largest={largest} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{fractionText(row)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{reports(row.completeness)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ScrollTable>
              )}
              {data.communes.items.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('nationalNoCommunes')}
                </Text>
              )}
              <ListFooter
                total={data.communes.total}
                page={data.communes.page}
                perPage={data.communes.perPage}
                onPage={(page) => go({ page })}
              />
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
