import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PapiStanding } from '../../../../core/indices/papi-views.ts';
import { dimensionName } from '../../../../core/plans/plan-views.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { useLevers } from './papi-api.ts';
import { score4 } from './papi-format.tsx';
import { type Deltas, SimulatorCard } from './SimulatorCard.tsx';
import { TargetCard } from './TargetCard.tsx';

type Part = PapiStanding['predecessors'][number];

/** The simulator, the levers and the target search for one old province in one year. */
export function ProvinceTools({ year, part }: { year: number; part: Part }) {
  const [deltas, setDeltas] = useState<Deltas>({});
  return (
    <>
      <SimulatorCard year={year} part={part} deltas={deltas} setDeltas={setDeltas} />
      <LeversCard year={year} province={part.unitCode} />
      <TargetCard
        year={year}
        province={part.unitCode}
        onTry={(changes) => setDeltas(Object.fromEntries(changes.map((c) => [c.code, c.delta])))}
      />
    </>
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
