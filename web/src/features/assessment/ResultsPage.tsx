import { Alert, Badge, Button, Grid, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { NON_SUBMITTER_RULE_NAMES } from '../../../../core/frameworks/scoring.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { bandIn, frameworkNameIn, type Results, useResults } from './api.ts';
import { WeakCriteriaCard } from './WeakCriteriaCard.tsx';

const points = (value: number | null) => (value === null ? '—' : formatNumber(value));

/** The ranking, one unit against the average on a radar, and the criteria where it lost the most. */
export function ResultsPage() {
  const { roundId } = useParams({ strict: false }) as { roundId: string };
  const id = Number(roundId);
  const { t, label, locale } = useT();
  const { data, error } = useResults(id);
  const [selected, setSelected] = useState<number | null>(null);
  const { data: me } = useMe();
  // On a phone the band sits under the unit's name and the share under the points: no sideways scroll.
  const isPhone = useIsPhone();
  if (error) return <Alert color="orange">{error.message}</Alert>;
  if (!data) return <Text>{t('loading')}</Text>;
  // A unit's own people see their unit first; the province sees the top of the ranking.
  const mine = data.units.find((entry) => me?.grants.some((grant) => grant.unitId === entry.unitId));
  const unit = data.units.find((entry) => entry.unitId === selected) ?? mine ?? data.units[0];
  const canDraft =
    Boolean(data.round.publishedAt) &&
    Boolean(me?.permissions.includes('plans.write')) &&
    unit?.participating;
  const bandOf = (entry: Results['units'][number]) =>
    entry.participating ? (
      <Badge variant="light" tt="none">
        {bandIn(locale, entry.band)}
      </Badge>
    ) : (
      <Badge variant="outline" color="gray" tt="none">
        {t('notParticipating')}
      </Badge>
    );
  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {frameworkNameIn(locale, {
              nameVi: data.round.frameworkName,
              nameEn: data.round.frameworkNameEn,
            })}
          </Text>
          <Title order={2}>
            {t('results')}: {data.round.name}
          </Title>
        </Stack>
        <Group>
          {mine?.participating &&
            mine.gaps.length > 0 &&
            data.round.publishedAt &&
            me?.permissions.includes('plans.write') && (
              <Button
                component={Link}
                to="/plans/remediation"
                search={{ round: id, unit: mine.unitId } as never}
              >
                {fill(t('remediationDraftFor'), { unit: mine.name })}
              </Button>
            )}
          <Button
            component="a"
            variant="light"
            href={`/api/rounds/${id}/results/export?format=xlsx`}
            download
          >
            {t('exportXlsx')}
          </Button>
        </Group>
      </Group>
      {!data.round.publishedAt && <Alert color="yellow">{t('notPublishedYet')}</Alert>}
      <Text size="sm" data-testid="non-submitters-rule">
        {fill(t('participatingCount'), { count: data.participating, units: data.units.length })}{' '}
        {label(NON_SUBMITTER_RULE_NAMES[data.round.nonSubmitters])}.
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ScrollTable withTableBorder striped highlightOnHover minWidth={isPhone ? 0 : 600}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={isPhone ? 56 : 70}>{t('rank')}</Table.Th>
                <Table.Th>{t('mappedUnit')}</Table.Th>
                <Table.Th>{t('totalPoints')}</Table.Th>
                {!isPhone && <Table.Th>%</Table.Th>}
                {!isPhone && <Table.Th>{t('band')}</Table.Th>}
                {data.previousRound && (
                  <Table.Th title={data.previousRound.name}>± {data.previousRound.year}</Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.units.map((entry) => (
                <Table.Tr
                  key={entry.unitId}
                  onClick={() => setSelected(entry.unitId)}
                  style={{ cursor: 'pointer' }}
                  bg={entry.unitId === unit?.unitId ? 'blue.0' : undefined}
                  aria-selected={entry.unitId === unit?.unitId}
                >
                  <Table.Td>{entry.rank ?? '—'}</Table.Td>
                  <Table.Td>
                    {entry.name}
                    {isPhone && <div>{bandOf(entry)}</div>}
                  </Table.Td>
                  <Table.Td>
                    {points(entry.total)}
                    {isPhone && (
                      <Text size="xs" c="dimmed">
                        {points(entry.percent)}%
                      </Text>
                    )}
                  </Table.Td>
                  {!isPhone && <Table.Td>{points(entry.percent)}</Table.Td>}
                  {!isPhone && <Table.Td>{bandOf(entry)}</Table.Td>}
                  {data.previousRound && (
                    <Table.Td c={entry.change === null ? 'dimmed' : entry.change >= 0 ? 'green' : 'red'}>
                      {entry.change === null ? '—' : `${entry.change > 0 ? '+' : ''}${points(entry.change)}`}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          {unit && (
            <Stack>
              <Title order={3} size="h4">
                {unit.name}
              </Title>
              {unit.participating ? (
                <Radar criteria={data.criteria} unit={unit.areas} average={data.average} />
              ) : (
                <Alert color="gray">{t('notParticipating')}</Alert>
              )}
              <Text size="sm" c="dimmed">
                {t('radarLegend')}
              </Text>
              <Title order={4} size="h5">
                {t('pointsLost')}
              </Title>
              <List size="sm">
                {unit.gaps.map((gap) => (
                  <List.Item key={gap.code}>
                    {gap.code} {gap.nameVi}: −{points(gap.lost)} ({points(gap.score)}/{points(gap.maxPoints)})
                  </List.Item>
                ))}
              </List>
              {canDraft && unit.gaps.length > 0 && (
                <Group>
                  <Button
                    component={Link}
                    to="/plans/remediation"
                    search={{ round: id, unit: unit.unitId } as never}
                    variant="light"
                  >
                    {t('remediationDraftButton')}
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </Grid.Col>
      </Grid>
      <WeakCriteriaCard roundId={id} />
    </Stack>
  );
}

/** An axis named by its area in up to three short lines, the rest of a long name cut with "…". */
function axisLines(name: string): { text: string; at: number }[] {
  const lines: { text: string; at: number }[] = [];
  let at = 0;
  for (const word of name.split(/\s+/)) {
    const last = lines.at(-1);
    if (last && `${last.text} ${word}`.length <= 18) last.text = `${last.text} ${word}`;
    else lines.push({ text: word, at });
    at += word.length + 1;
  }
  const [first, second, third] = lines;
  return lines.length > 3 && first && second && third
    ? [first, second, { ...third, text: `${third.text}…` }]
    : lines;
}

/** Each area's score as a share of its maximum: the unit (filled) against the average (outline). */
function Radar({
  criteria,
  unit,
  average,
}: {
  criteria: Results['criteria'];
  unit: Record<string, number>;
  average: Record<string, number>;
}) {
  const size = 380;
  const centre = size / 2;
  const radius = size / 2 - 80;
  const point = (index: number, share: number) => {
    const angle = (Math.PI * 2 * index) / criteria.length - Math.PI / 2;
    return [centre + Math.cos(angle) * radius * share, centre + Math.sin(angle) * radius * share] as const;
  };
  const share = (values: Record<string, number>, code: string, max: number | null) =>
    max ? Math.min(1, (values[code] ?? 0) / max) : 0;
  const polygon = (values: Record<string, number>) =>
    criteria
      .map((criterion, i) => point(i, share(values, criterion.code, criterion.maxPoints)).join(','))
      .join(' ');
  return (
    <svg viewBox={`0 0 ${size} ${size}`} width="100%" role="img" aria-label="Radar">
      {[0.25, 0.5, 0.75, 1].map((ring) => (
        <polygon
          key={ring}
          points={criteria.map((_, i) => point(i, ring).join(',')).join(' ')}
          fill="none"
          stroke="#dee2e6"
        />
      ))}
      {criteria.map((criterion, i) => {
        const [x, y] = point(i, 1.2);
        const lines = axisLines(criterion.nameVi);
        return (
          <text key={criterion.code} x={x} y={y} fontSize="9" textAnchor="middle" dominantBaseline="middle">
            <title>{criterion.nameVi}</title>
            {lines.map((line) => (
              <tspan key={line.at} x={x} dy={line.at === 0 ? `${-(lines.length - 1) * 0.55}em` : '1.1em'}>
                {line.text}
              </tspan>
            ))}
          </text>
        );
      })}
      <polygon points={polygon(average)} fill="none" stroke="#868e96" strokeDasharray="4 3" strokeWidth="2" />
      <polygon points={polygon(unit)} fill="rgba(34,139,230,0.25)" stroke="#228be6" strokeWidth="2" />
    </svg>
  );
}
