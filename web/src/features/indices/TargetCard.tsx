import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { PAPI_GROUP_NAMES } from '../../../../core/indices/papi.ts';
import { dimensionName } from '../../../../core/plans/plan-views.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type PapiChanges, type PapiTargetChoice, useTarget } from './papi-api.ts';
import { score2, score4, signed } from './papi-format.tsx';

/** "Mục tiêu": a rank or a group to reach, and the smallest rises that reach it. */
export function TargetCard({
  year,
  province,
  onTry,
}: {
  year: number;
  province: string;
  onTry: (changes: PapiChanges) => void;
}) {
  const { t, label, locale } = useT();
  const [kind, setKind] = useState<'rank' | 'group'>('group');
  const [rank, setRank] = useState<number | string>(10);
  const [group, setGroup] = useState<string>('1');
  const [debouncedRank] = useDebouncedValue(rank, 400);
  const target: PapiTargetChoice | null =
    kind === 'group'
      ? { group: Number(group) as 1 | 2 | 3 | 4 }
      : typeof debouncedRank === 'number' && Number.isInteger(debouncedRank) && debouncedRank >= 1
        ? { rank: debouncedRank }
        : null;
  const plan = useTarget(year, province, target);
  const data = plan.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('papiTarget')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('papiTargetHelp')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label={t('papiTargetKind')}
            data={[
              { value: 'group', label: t('papiTargetGroup') },
              { value: 'rank', label: t('papiTargetRank') },
            ]}
            value={kind}
            onChange={(value) => setKind(value as 'rank' | 'group')}
          />
          {kind === 'rank' ? (
            <NumberInput
              label={t('papiTargetRank')}
              min={1}
              max={63}
              step={1}
              allowDecimal={false}
              value={rank}
              onChange={setRank}
              w={120}
            />
          ) : (
            <Select
              label={t('papiTargetGroup')}
              data={([1, 2, 3, 4] as const).map((value) => ({
                value: String(value),
                label: label(PAPI_GROUP_NAMES[value]),
              }))}
              value={group}
              onChange={(value) => setGroup(value ?? '1')}
              allowDeselect={false}
              w={200}
            />
          )}
        </Group>
        {plan.error && (
          <Alert color="red" variant="light">
            {plan.error.message}
          </Alert>
        )}
        {data?.alreadyMet && <Text size="sm">{t('papiTargetMet')}</Text>}
        {data && !data.alreadyMet && (
          <>
            <Text size="sm" fw={500} data-testid="papi-target-summary">
              {fill(t('papiTargetTotal'), {
                points: score2(data.totalIncrease),
                rank: data.simulation.rankAfter,
                group: label(PAPI_GROUP_NAMES[data.simulation.groupAfter]),
              })}
            </Text>
            <ScrollTable striped withTableBorder minWidth={520}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('papiDimension')}</Table.Th>
                  <Table.Th>{t('papiRise')}</Table.Th>
                  <Table.Th>{t('papiTypicalGain')}</Table.Th>
                  <Table.Th>{t('papiBeyond')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.changes.map((change) => (
                  <Table.Tr key={change.dimension}>
                    <Table.Td>{dimensionName(change.dimension, locale)}</Table.Td>
                    <Table.Td>{signed(change.delta)}</Table.Td>
                    <Table.Td>{score4(change.typicalYearlyGain)}</Table.Td>
                    <Table.Td>{change.beyondTypical > 0 ? signed(change.beyondTypical) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
            <Text size="sm" c={data.reached && data.withinTypicalGains ? undefined : 'orange.8'}>
              {!data.reached
                ? t('papiTargetUnreached')
                : data.withinTypicalGains
                  ? t('papiTargetWithin')
                  : t('papiTargetBeyond')}
            </Text>
            <Group>
              <Button
                variant="light"
                onClick={() =>
                  onTry(data.changes.map((change) => ({ code: change.dimension, delta: change.delta })))
                }
              >
                {t('papiTryInSimulator')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
