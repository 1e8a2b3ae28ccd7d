import { Button, Card, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WeakCriteriaView } from '../../../../core/frameworks/weak-criteria.ts';
import { api } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';

const SHOWN = 15;

/**
 * Where the round's units lost points, criterion by criterion: how many units and how many points,
 * and how many units lost points on it in the previous round — what the remediation plans start from.
 */
export function WeakCriteriaCard({ roundId }: { roundId: number }) {
  const { t, locale } = useT();
  const [isAll, setAll] = useState(false);
  // On a phone the figures stay beside the criterion's name: no sideways scroll.
  const isPhone = useIsPhone();
  const { data } = useQuery({
    queryKey: ['rounds', roundId, 'weak-criteria'],
    queryFn: () => api<WeakCriteriaView>('GET', `/api/rounds/${roundId}/weak-criteria`),
  });
  if (!data) return null;
  const taking = data.units.length;
  const shown = isAll ? data.criteria : data.criteria.slice(0, SHOWN);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('weakCriteriaTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {data.previousRound
            ? fill(t('weakCriteriaHint'), { previous: data.previousRound.name })
            : t('weakCriteriaHintNoPrevious')}
        </Text>
        {data.criteria.length === 0 ? (
          <Text>{t('weakCriteriaNone')}</Text>
        ) : (
          <ScrollTable
            withTableBorder
            striped
            minWidth={isPhone ? 0 : 560}
            aria-label={t('weakCriteriaTitle')}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('weakCriteriaCriterion')}</Table.Th>
                <Table.Th ta="right">{t('weakCriteriaUnits')}</Table.Th>
                <Table.Th ta="right">{t('weakCriteriaLost')}</Table.Th>
                {data.previousRound && (
                  <Table.Th ta="right">
                    {fill(t('weakCriteriaBefore'), { year: data.previousRound.year })}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((criterion) => (
                <Table.Tr key={criterion.code}>
                  <Table.Td>
                    {criterion.code} {criterion.nameVi}
                  </Table.Td>
                  <Table.Td ta="right">
                    {criterion.units}/{taking}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(criterion.lost)}</Table.Td>
                  {data.previousRound && (
                    <Table.Td ta="right">
                      {criterion.previousUnits === null ? '—' : criterion.previousUnits}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        {data.criteria.length > SHOWN && (
          <Button variant="subtle" onClick={() => setAll(!isAll)} style={{ alignSelf: 'flex-start' }}>
            {isAll ? t('weakCriteriaFewer') : fill(t('weakCriteriaAll'), { count: data.criteria.length })}
          </Button>
        )}
        {data.national && data.national.dimensions.length > 0 && (
          <Stack gap={4} data-testid="weak-national">
            <Title order={4} size="h5">
              {fill(t('weakNationalTitle'), {
                year: data.national.year,
                province:
                  data.national.predecessors.length > 1
                    ? fill(t('weakNationalMerged'), {
                        parts: data.national.predecessors.join(locale === 'en' ? ' and ' : ' và '),
                        today: data.national.today,
                      })
                    : data.national.today,
              })}
            </Title>
            <List size="sm">
              {data.national.dimensions.map((dimension) => (
                <List.Item key={dimension.code}>
                  {locale === 'en' ? dimension.nameEn : dimension.nameVi}:{' '}
                  {dimension.parts
                    .map((part) =>
                      fill(t('weakNationalPart'), {
                        unit: part.unit,
                        score: formatNumber(Math.round(part.score * 100) / 100),
                        rank: part.rank,
                        ranked: data.national?.ranked ?? '',
                      }),
                    )
                    .join('; ')}
                  ;{' '}
                  {fill(t('weakNationalMedian'), {
                    median: formatNumber(Math.round(dimension.median * 100) / 100),
                  })}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
