import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { PAPI_DIMENSIONS, PAPI_GROUP_NAMES } from '../../../../core/indices/papi.ts';
import type { PapiStanding } from '../../../../core/indices/papi-views.ts';
import { dimensionName } from '../../../../core/plans/plan-views.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { type PapiChanges, useLevers, useSimulation } from './papi-api.ts';
import { score4, signed } from './papi-format.tsx';
import { TargetCard } from './TargetCard.tsx';

type Part = PapiStanding['predecessors'][number];
type Deltas = Record<(typeof PAPI_DIMENSIONS)[number], number>;

const NO_CHANGE = Object.fromEntries(PAPI_DIMENSIONS.map((code) => [code, 0])) as Deltas;

/** The simulator, the levers and the target search for one old province in one year. */
export function ProvinceTools({ year, part }: { year: number; part: Part }) {
  const [deltas, setDeltas] = useState<Deltas>(NO_CHANGE);
  return (
    <>
      <SimulatorCard year={year} part={part} deltas={deltas} setDeltas={setDeltas} />
      <LeversCard year={year} province={part.unitCode} />
      <TargetCard
        year={year}
        province={part.unitCode}
        onTry={(changes) =>
          setDeltas({ ...NO_CHANGE, ...Object.fromEntries(changes.map((c) => [c.code, c.delta])) })
        }
      />
    </>
  );
}

function SimulatorCard({
  year,
  part,
  deltas,
  setDeltas,
}: {
  year: number;
  part: Part;
  deltas: Deltas;
  setDeltas: (deltas: Deltas) => void;
}) {
  const { t, label, locale } = useT();
  const changes: PapiChanges = PAPI_DIMENSIONS.filter((code) => deltas[code] !== 0).map((code) => ({
    code,
    delta: deltas[code],
  }));
  // Compared as text: a new array every render would restart the wait forever.
  const [debounced] = useDebouncedValue(JSON.stringify(changes), 300);
  const simulation = useSimulation(year, part.unitCode, JSON.parse(debounced) as PapiChanges);
  const result = simulation.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5">
            {t('papiSimulator')} — {part.unit}, {year}
          </Title>
          <Button variant="default" onClick={() => setDeltas(NO_CHANGE)} disabled={changes.length === 0}>
            {t('papiReset')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('papiSimulatorHelp')}
        </Text>
        <SimpleGrid cols={3} spacing="xs">
          <Stat
            title={t('papiNewTotal')}
            testId="papi-sim-total"
            value={result ? score4(result.totalAfter) : '—'}
            before={score4(part.total.score)}
          />
          <Stat
            title={t('papiNewRank')}
            testId="papi-sim-rank"
            value={result ? fill(t('papiRankOf'), { rank: result.rankAfter, ranked: result.ranked }) : '—'}
            before={fill(t('papiRankOf'), { rank: part.total.rank, ranked: part.ranked })}
          />
          <Stat
            title={t('papiNewGroup')}
            testId="papi-sim-group"
            value={result ? label(PAPI_GROUP_NAMES[result.groupAfter]) : '—'}
            before={label(PAPI_GROUP_NAMES[part.total.group])}
          />
        </SimpleGrid>
        {result?.changes
          .filter((change) => change.clamped)
          .map((change) => (
            <Alert key={change.code} color="yellow" variant="light">
              {fill(t('papiClamped'), {
                code: dimensionName(change.code as (typeof PAPI_DIMENSIONS)[number], locale),
                applied: signed(change.applied, 4),
                bound: formatNumber(change.bound ?? 0),
              })}
            </Alert>
          ))}
        <ScrollTable striped withTableBorder minWidth={0}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('papiDimension')}</Table.Th>
              <Table.Th>{t('papiChange')}</Table.Th>
              <Table.Th>{t('papiNewScore')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PAPI_DIMENSIONS.map((code) => (
              <Table.Tr key={code}>
                {/* The score under the name: on a phone the name keeps the width it needs. */}
                <Table.Td>
                  {dimensionName(code, locale)}
                  <Text size="xs" c="dimmed">
                    {t('papiScore')}: {score4(part.dimensions[code].score)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={fill(t('papiChangeOf'), { dimension: dimensionName(code, locale) })}
                    decimalSeparator={decimalMark()}
                    step={0.05}
                    min={-10}
                    max={10}
                    decimalScale={4}
                    value={deltas[code]}
                    onChange={(value) =>
                      setDeltas({ ...deltas, [code]: typeof value === 'number' ? value : Number(value) || 0 })
                    }
                    w={100}
                  />
                </Table.Td>
                <Table.Td>{score4(result?.dimensions[code].after ?? part.dimensions[code].score)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Stack>
    </Paper>
  );
}

function Stat({
  title,
  value,
  before,
  testId,
}: {
  title: string;
  value: string;
  before: string;
  testId: string;
}) {
  const { t } = useT();
  return (
    <Paper withBorder p="xs" bg="gray.0">
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fz={{ base: 'md', sm: 'xl' }} fw={700} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {fill(t('papiBefore'), { value: before })}
      </Text>
    </Paper>
  );
}

function LeversCard({ year, province }: { year: number; province: string }) {
  const { t, locale } = useT();
  const levers = useLevers(year, province);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('papiLevers')}
        </Title>
        <Text size="sm">{t('papiLeversHelp')}</Text>
        <ScrollTable striped withTableBorder minWidth={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('papiDimension')}</Table.Th>
              <Table.Th>{t('papiScore')}</Table.Th>
              <Table.Th>{t('papiMedian')}</Table.Th>
              <Table.Th>{t('papiBest')}</Table.Th>
              <Table.Th>{t('papiPointsToNextRank')}</Table.Th>
              <Table.Th>{t('papiRanksPerPoint')}</Table.Th>
              <Table.Th>{t('papiTypicalGain')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levers.data?.items.map((lever) => (
              <Table.Tr key={lever.dimension}>
                <Table.Td>{dimensionName(lever.dimension, locale)}</Table.Td>
                <Table.Td>{score4(lever.score)}</Table.Td>
                <Table.Td>{score4(lever.median)}</Table.Td>
                <Table.Td>{score4(lever.best)}</Table.Td>
                <Table.Td>
                  {lever.pointsToNextRank === null ? '—' : `+${score4(lever.pointsToNextRank)}`}
                </Table.Td>
                <Table.Td>{lever.ranksPerPoint}</Table.Td>
                <Table.Td>{score4(lever.typicalYearlyGain)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Stack>
    </Paper>
  );
}
