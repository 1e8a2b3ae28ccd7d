import { Anchor, Card, Group, Progress, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useT } from '../../i18n/locale.tsx';
import type { DossierDashboard, Kpi } from './api.ts';
import { formatCount, formatFigure, isLowerBetter, statusColour } from './format.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { XlsxButton } from './XlsxButton.tsx';

type Row = DossierDashboard['children'][number];

/** The units below, ranked on the chosen indicator (best first); a unit's name drills down into it. */
export function RankingTable({
  dashboard,
  kpi,
  onDrill,
  exportHref,
}: {
  dashboard: DossierDashboard;
  kpi: Kpi | undefined;
  onDrill: (unitId: number) => void;
  exportHref: string;
}) {
  const { t, label } = useT();
  const best = isLowerBetter(kpi?.target ?? null) ? 'rate' : '-rate';
  const [sort, setSort] = useState(best);
  useEffect(() => setSort(best), [best]);
  const code = kpi?.code ?? '';
  const rateOf = (row: Row) => row.values[code]?.rate ?? null;

  // Ranks follow "best first" whatever the table is sorted by; units without data are not ranked.
  const ranked = [...dashboard.children]
    .filter((row) => rateOf(row) !== null)
    .sort((a, b) => ((rateOf(a) ?? 0) - (rateOf(b) ?? 0)) * (best === 'rate' ? 1 : -1));
  const rankOf = new Map<number, number>();
  ranked.forEach((row, index) => {
    const previous = ranked[index - 1];
    const tied = previous && rateOf(previous) === rateOf(row);
    rankOf.set(row.unit.id, tied ? (rankOf.get(previous.unit.id) ?? index + 1) : index + 1);
  });

  const field = sort.replace(/^-/, '');
  const direction = sort.startsWith('-') ? -1 : 1;
  // Most communes of a province may have no dossiers yet in a quarter: listed only on request.
  const [showEmpty, setShowEmpty] = useState(false);
  const hasData = (row: Row) => {
    const value = row.values[code];
    return Boolean(value && (value.denominator === null ? value.numerator > 0 : value.denominator > 0));
  };
  const emptyCount = dashboard.children.filter((row) => !hasData(row)).length;
  const sorted = [...dashboard.children].sort((a, b) => {
    if (field === 'name') return a.unit.name.localeCompare(b.unit.name, 'vi') * direction;
    const value = (row: Row) =>
      field === 'denominator' ? (row.values[code]?.denominator ?? null) : rateOf(row);
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x - y) * direction;
  });
  const rows = showEmpty ? sorted : sorted.filter(hasData);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ranking-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Stack gap={0}>
            <Title order={3} size="h4" id="ranking-title">
              {t('ranking')}
            </Title>
            {kpi && (
              <Text size="sm" c="dimmed">
                {label({ vi: kpi.nameVi, en: kpi.nameEn })}
              </Text>
            )}
          </Stack>
          <XlsxButton href={exportHref} label={t('ranking')} />
        </Group>
        {dashboard.children.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('noChildren')}
          </Text>
        ) : (
          <>
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {t('drillDownHelp')}
              </Text>
              {emptyCount > 0 && (
                <Switch
                  size="xs"
                  label={`${t('showUnitsWithoutData')} (${emptyCount})`}
                  checked={showEmpty}
                  onChange={(event) => setShowEmpty(event.currentTarget.checked)}
                />
              )}
            </Group>
            {rows.length === 0 && (
              <Text c="dimmed" size="sm">
                {t('noChildData')}
              </Text>
            )}
            <Table.ScrollContainer minWidth={520} mah={480}>
              <Table striped highlightOnHover stickyHeader aria-labelledby="ranking-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={80} style={{ whiteSpace: 'nowrap' }}>
                      {t('rank')}
                    </Table.Th>
                    <SortHeader field="name" sort={sort} onSort={setSort}>
                      {t('unit')}
                    </SortHeader>
                    <SortHeader field="rate" sort={sort} onSort={setSort}>
                      {kpi?.measureUnit === '%' ? t('rate') : t('figure')}
                    </SortHeader>
                    <SortHeader field="denominator" sort={sort} onSort={setSort}>
                      {t('dossierCount')}
                    </SortHeader>
                    <Table.Th>{t('status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => {
                    const value = row.values[code];
                    const status = value?.rate == null ? 'no_data' : value.status;
                    // Without a target a rate is neither good nor bad: drawn in the neutral colour.
                    const colour = status ? statusColour(status) : 'indigo';
                    return (
                      <Table.Tr key={row.unit.id}>
                        <Table.Td>{rankOf.get(row.unit.id) ?? '—'}</Table.Td>
                        <Table.Td>
                          <Anchor
                            component="button"
                            type="button"
                            size="sm"
                            onClick={() => onDrill(row.unit.id)}
                          >
                            {row.unit.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td miw={150}>
                          <Group gap="xs" wrap="nowrap">
                            <Text size="sm" fw={600} w={56} c={status ? `${colour}.8` : undefined}>
                              {formatFigure(value?.rate, kpi?.measureUnit ?? '%')}
                            </Text>
                            {kpi?.measureUnit === '%' && (
                              <Progress
                                value={value?.rate ?? 0}
                                color={colour}
                                size="sm"
                                w={80}
                                aria-hidden
                              />
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {value && value.denominator !== null
                              ? `${formatCount(value.numerator)} / ${formatCount(value.denominator)}`
                              : '—'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={status} size="xs" />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}
