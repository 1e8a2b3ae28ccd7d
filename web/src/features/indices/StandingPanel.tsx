import { Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useCallback, useRef, useState } from 'react';
import { PAPI_DIMENSIONS, PAPI_GROUP_NAMES } from '../../../../core/indices/papi.ts';
import type { PapiStanding } from '../../../../core/indices/papi-views.ts';
import { dimensionName } from '../../../../core/plans/plan-views.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { ProvinceTools } from './ProvinceTools.tsx';
import { usePapiYears, useStanding } from './papi-api.ts';
import { GroupBadge, ProvinceSelect, score4 } from './papi-format.tsx';

type Part = PapiStanding['predecessors'][number];

/**
 * Tab "Vị thế và mô phỏng": the province of today, its old provinces, and the simulator on one of them
 * (`initialPart`, an old province's code, to open on).
 */
export function StandingPanel({ initialPart }: { initialPart?: string | undefined }) {
  const { t } = useT();
  const { data: me } = useMe();
  const years = usePapiYears();
  const [year, setYear] = useState<string | null>(null);
  // null: the installation's province, which the answer names.
  const [province, setProvince] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(initialPart ?? null);
  const selectedYear = year ?? String(years.data?.years.at(-1) ?? '');
  const standing = useStanding(selectedYear, province);
  const data = standing.data;
  const part = data?.predecessors.find((entry) => entry.unitCode === chosen) ?? data?.predecessors[0];
  // Opened on an old province (a link from the leader's overview): its panel is brought into view once.
  const scrolled = useRef(false);
  const opened = useCallback(
    (node: HTMLDivElement | null) => {
      if (!node || !initialPart || scrolled.current) return;
      scrolled.current = true;
      node.scrollIntoView({ block: 'start' });
    },
    [initialPart],
  );

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('papiStandingNote')}
      </Text>
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <ProvinceSelect
            value={province ?? data?.province.code ?? null}
            onChange={(value) => {
              setProvince(value);
              setChosen(null);
            }}
          />
          <Select
            label={t('year')}
            data={(years.data?.years ?? []).map(String)}
            value={selectedYear || null}
            onChange={setYear}
            allowDeselect={false}
            w={{ base: '100%', xs: 120 }}
          />
        </Group>
      </Paper>
      {data && data.predecessors.length > 1 && <SideBySide standing={data} />}
      {me?.permissions.includes('plans.write') && province === null && (
        <Group>
          <Button
            component={Link}
            to="/plans/remediation"
            search={{ index: 'PAPI' } as never}
            variant="light"
          >
            {t('remediationPapiButton')}
          </Button>
        </Group>
      )}
      {data && part && (
        <Paper withBorder p="md" ref={opened}>
          <Stack>
            {data.predecessors.length > 1 && (
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('papiSimulatedProvince')}
                </Text>
                <SegmentedControl
                  data={data.predecessors.map((entry) => ({ value: entry.unitCode, label: entry.unit }))}
                  value={part.unitCode}
                  onChange={setChosen}
                />
              </Stack>
            )}
            <StandingTable part={part} />
          </Stack>
        </Paper>
      )}
      {data && part && <ProvinceTools key={`${part.unitCode}-${data.year}`} year={data.year} part={part} />}
    </Stack>
  );
}

/** Each old province's scores beside the others, and the estimate of the whole, labelled as one. */
function SideBySide({ standing }: { standing: PapiStanding }) {
  const { t, locale } = useT();
  const { estimate, predecessors } = standing;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        {t('papiSideBySide')} — {standing.province.name}, {standing.year}
      </Title>
      <ScrollTable striped withTableBorder minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('papiDimension')}</Table.Th>
            {predecessors.map((entry) => (
              <Table.Th key={entry.unitCode}>{entry.unit}</Table.Th>
            ))}
            {estimate && <Table.Th bg="yellow.0">{t('papiEstimate')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PAPI_DIMENSIONS.map((code) => (
            <Table.Tr key={code}>
              <Table.Td>{dimensionName(code, locale)}</Table.Td>
              {predecessors.map((entry) => (
                <Table.Td key={entry.unitCode}>{score4(entry.dimensions[code].score)}</Table.Td>
              ))}
              {estimate && <Table.Td bg="yellow.0">{score4(estimate.dimensions[code])}</Table.Td>}
            </Table.Tr>
          ))}
          <Table.Tr fw={600}>
            <Table.Td>{t('papiTotal')}</Table.Td>
            {predecessors.map((entry) => (
              <Table.Td key={entry.unitCode}>{score4(entry.total.score)}</Table.Td>
            ))}
            {estimate && <Table.Td bg="yellow.0">{score4(estimate.total)}</Table.Td>}
          </Table.Tr>
          <Table.Tr>
            <Table.Td>{t('rank')}</Table.Td>
            {predecessors.map((entry) => (
              <Table.Td key={entry.unitCode}>
                {fill(t('papiRankOf'), { rank: entry.total.rank, ranked: entry.ranked })}
              </Table.Td>
            ))}
            {estimate && (
              <Table.Td bg="yellow.0">
                {t('papiEstimateRank')}:{' '}
                {fill(t('papiRankOf'), { rank: estimate.rank, ranked: estimate.ranked })}
              </Table.Td>
            )}
          </Table.Tr>
        </Table.Tbody>
      </ScrollTable>
      {estimate && (
        <Text size="sm" c="dimmed" mt="xs">
          {locale === 'en' ? estimate.note.en : estimate.note.vi}
        </Text>
      )}
    </Paper>
  );
}

/** One old province: each dimension and the total against the median, the top quartile's floor and the best. */
function StandingTable({ part }: { part: Part }) {
  const { t, label, locale } = useT();
  // Each dimension, then its sub-dimensions of the year (indented), then the total.
  const rows = [
    ...PAPI_DIMENSIONS.flatMap((code) => [
      { key: code, name: dimensionName(code, locale), row: part.dimensions[code], isSub: false },
      ...part.subdimensions
        .filter((sub) => sub.dimension === code)
        .map((sub) => ({
          key: sub.code,
          name: locale === 'en' ? sub.nameEn : sub.nameVi,
          row: sub,
          isSub: true,
        })),
    ]),
    { key: 'total', name: t('papiTotal'), row: part.total, isSub: false },
  ];
  const gaps =
    part.pointsToNextRank === null
      ? t('papiFirst')
      : part.nextGroup === null
        ? fill(t('papiGapRankOnly'), { rank: score4(part.pointsToNextRank) })
        : fill(t('papiGaps'), {
            rank: score4(part.pointsToNextRank),
            group: label(PAPI_GROUP_NAMES[part.nextGroup.group]),
            points: score4(part.nextGroup.points),
          });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {fill(t('papiStandingTitle'), { year: part.year, province: part.unit })}
      </Title>
      <ScrollTable striped withTableBorder minWidth={820} data-testid="papi-standing">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('papiDimension')}</Table.Th>
            <Table.Th>{t('papiScore')}</Table.Th>
            <Table.Th>{t('papiMedian')}</Table.Th>
            <Table.Th>{t('papiTopFloor')}</Table.Th>
            <Table.Th>{t('papiBest')}</Table.Th>
            <Table.Th>{t('rank')}</Table.Th>
            <Table.Th>{t('group')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ key, name, row, isSub }) => (
            <Table.Tr
              key={key}
              fw={key === 'total' ? 600 : undefined}
              fz={isSub ? 'sm' : undefined}
              c={isSub ? 'dimmed' : undefined}
            >
              <Table.Td pl={isSub ? 'xl' : undefined}>{name}</Table.Td>
              <Table.Td>{score4(row.score)}</Table.Td>
              <Table.Td>{score4(row.median)}</Table.Td>
              <Table.Td>{score4(row.topQuartileFloor)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {score4(row.best.score)} ({row.best.unit})
              </Table.Td>
              <Table.Td>{fill(t('papiRankOf'), { rank: row.rank, ranked: part.ranked })}</Table.Td>
              <Table.Td>
                <GroupBadge group={row.group} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Text size="sm">{gaps}</Text>
      <Text size="sm" fw={500}>
        {t('papiTrend')}
      </Text>
      <ScrollTable withTableBorder minWidth={560}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th>{t('year')}</Table.Th>
            {part.trend.map((point) => (
              <Table.Td key={point.year}>{point.year}</Table.Td>
            ))}
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('papiTotal')}</Table.Th>
            {part.trend.map((point) => (
              <Table.Td key={point.year}>{score4(point.total)}</Table.Td>
            ))}
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('rank')}</Table.Th>
            {part.trend.map((point) => (
              <Table.Td key={point.year}>
                {point.rank === null
                  ? t('notRanked')
                  : fill(t('papiRankOf'), { rank: point.rank, ranked: point.ranked })}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}
