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
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { PAPI_DIMENSIONS, PAPI_GROUP_NAMES, type PapiDimension } from '../../../../core/indices/papi.ts';
import type { PapiStanding } from '../../../../core/indices/papi-views.ts';
import { dimensionName } from '../../../../core/plans/plan-views.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { type PapiChanges, useSimulation } from './papi-api.ts';
import { score4, signed } from './papi-format.tsx';

type Part = PapiStanding['predecessors'][number];
/** Code of a dimension ("PAPI.5") or of one of the year's sub-dimensions ("PAPI.5.1") → its change. */
export type Deltas = Record<string, number>;

/**
 * The rank simulator: a change per dimension, or per sub-dimension once its dimension is opened (a
 * dimension is the sum of its sub-dimensions, so the server refuses a dimension changed with one of its
 * own: while one side holds a change the other's inputs are locked). Total, rank and group after.
 */
export function SimulatorCard({
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
  const [opened, setOpened] = useState<ReadonlySet<PapiDimension>>(new Set());
  const subsOf = (dimension: PapiDimension) =>
    part.subdimensions.filter((sub) => sub.dimension === dimension);
  const nameOf = (code: string) => {
    const sub = part.subdimensions.find((entry) => entry.code === code);
    if (sub) return locale === 'en' ? sub.nameEn : sub.nameVi;
    return dimensionName(code as PapiDimension, locale);
  };
  const isChanged = (code: string) => (deltas[code] ?? 0) !== 0;
  // In the methodology's order: each dimension, then its sub-dimensions.
  const changes: PapiChanges = PAPI_DIMENSIONS.flatMap((dimension) => [
    dimension,
    ...subsOf(dimension).map((sub) => sub.code),
  ])
    .filter(isChanged)
    .map((code) => ({ code, delta: deltas[code] as number }));
  // Compared as text: a new array every render would restart the wait forever.
  const [debounced] = useDebouncedValue(JSON.stringify(changes), 300);
  const simulation = useSimulation(year, part.unitCode, JSON.parse(debounced) as PapiChanges);
  const result = simulation.data;
  const applied = (code: string) => result?.changes.find((change) => change.code === code)?.applied ?? 0;

  const changeInput = (code: string, isLocked: boolean) => (
    <NumberInput
      aria-label={fill(t('papiChangeOf'), { dimension: nameOf(code) })}
      decimalSeparator={decimalMark()}
      step={0.05}
      min={-10}
      max={10}
      decimalScale={4}
      value={deltas[code] ?? 0}
      disabled={isLocked}
      onChange={(value) =>
        setDeltas({ ...deltas, [code]: typeof value === 'number' ? value : Number(value) || 0 })
      }
      w={100}
    />
  );

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5">
            {t('papiSimulator')} — {part.unit}, {year}
          </Title>
          <Button variant="default" onClick={() => setDeltas({})} disabled={changes.length === 0}>
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
        {simulation.error && (
          <Alert color="red" variant="light">
            {simulation.error.message}
          </Alert>
        )}
        {result?.changes
          .filter((change) => change.clamped)
          .map((change) => (
            <Alert key={change.code} color="yellow" variant="light">
              {fill(t('papiClamped'), {
                code: nameOf(change.code),
                applied: signed(change.applied, 4),
                bound: formatNumber(change.bound ?? 0),
              })}
            </Alert>
          ))}
        {/* Tight columns: on a 390 px phone the name, the input and the new score fit side by side. */}
        <ScrollTable striped withTableBorder minWidth={0} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('papiDimension')}</Table.Th>
              <Table.Th>{t('papiChange')}</Table.Th>
              <Table.Th>{t('papiNewScore')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PAPI_DIMENSIONS.flatMap((code) => {
              const subs = subsOf(code);
              const isOpen = opened.has(code);
              const hasSubChange = subs.some((sub) => isChanged(sub.code));
              const toggle = () => {
                const next = new Set(opened);
                if (isOpen) next.delete(code);
                else next.add(code);
                setOpened(next);
              };
              return [
                <Table.Tr key={code} data-testid={`papi-sim-dim-${code}`}>
                  {/* The score under the name: on a phone the name keeps the width it needs. */}
                  <Table.Td>
                    {dimensionName(code, locale)}
                    <Text size="xs" c="dimmed">
                      {t('papiScore')}: {score4(part.dimensions[code].score)}
                    </Text>
                    {subs.length > 0 && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        px={0}
                        h="auto"
                        // The label may wrap: it never widens the names' column past a phone's width.
                        styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                        onClick={toggle}
                        aria-expanded={isOpen}
                        aria-label={fill(t('papiSubdimensionsOf'), {
                          dimension: dimensionName(code, locale),
                        })}
                        leftSection={isOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      >
                        {fill(t('papiSubdimensionsCount'), { count: subs.length })}
                      </Button>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {changeInput(code, hasSubChange)}
                    {hasSubChange && (
                      <Text size="xs" c="dimmed" maw={100}>
                        {t('papiBySubdimensions')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{score4(result?.dimensions[code].after ?? part.dimensions[code].score)}</Table.Td>
                </Table.Tr>,
                ...(isOpen
                  ? subs.map((sub) => (
                      <Table.Tr key={sub.code} data-testid={`papi-sim-sub-${sub.code}`}>
                        {/* Indented under its dimension, a size smaller. */}
                        <Table.Td pl="xl">
                          <Text size="sm">{locale === 'en' ? sub.nameEn : sub.nameVi}</Text>
                          <Text size="xs" c="dimmed">
                            {t('papiScore')}: {score4(sub.score)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{changeInput(sub.code, isChanged(code))}</Table.Td>
                        <Table.Td>{score4(sub.score + applied(sub.code))}</Table.Td>
                      </Table.Tr>
                    ))
                  : []),
              ];
            })}
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
