import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Progress,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { STAGE_NAMES, STAGES } from '../../../../core/frameworks/rounds.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { frameworkNameIn, useRound } from './api.ts';
import { StageActions } from './StageActions.tsx';

/** A round's dashboard: the stages and their deadlines, and where each unit stands. */
export function RoundPage() {
  const { roundId } = useParams({ strict: false }) as { roundId: string };
  const id = Number(roundId);
  const { t, locale } = useT();
  const { data: me } = useMe();
  const { data: round, error } = useRound(id);
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!round) return <Text>{t('loading')}</Text>;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {frameworkNameIn(locale, { nameVi: round.frameworkName, nameEn: round.frameworkNameEn })} ·{' '}
            {round.year}
          </Text>
          <Title order={2}>{round.name}</Title>
        </Stack>
        <Group>
          <Button
            variant="light"
            renderRoot={(props) => (
              <Link {...props} to="/assessment/rounds/$roundId/results" params={{ roundId: String(id) }} />
            )}
          >
            {t('results')}
          </Button>
          {round.stage === 'published' && (
            <Anchor href={`/cong-khai/ket-qua/${round.id}`} target="_blank" size="sm">
              {t('publicPageOpen')}
            </Anchor>
          )}
          {hasPermission(me, 'assessment.manage') && <StageActions round={round} />}
        </Group>
      </Group>
      <Stepper active={STAGES.indexOf(round.stage)} size="sm" allowNextStepsSelect={false}>
        {STAGES.map((stage) => (
          <Stepper.Step
            key={stage}
            label={STAGE_NAMES[stage][locale]}
            description={
              round.deadlines[stage] ? `${t('until')} ${formatDateVi(round.deadlines[stage])}` : undefined
            }
          />
        ))}
      </Stepper>
      {round.overdue && <Alert color="orange">{t('stageOverdue')}</Alert>}
      <ScrollTable withTableBorder striped highlightOnHover minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mappedUnit')}</Table.Th>
            <Table.Th w={220}>{t('selfScored')}</Table.Th>
            <Table.Th>{t('submitted')}</Table.Th>
            <Table.Th>{t('appraisedCount')}</Table.Th>
            <Table.Th>{t('returnedCount')}</Table.Th>
            <Table.Th>{t('totalSoFar')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {round.units.map((unit) => (
            <Table.Tr key={unit.unitId}>
              <Table.Td>
                <Anchor
                  renderRoot={(props) => (
                    <Link
                      {...props}
                      to="/assessment/rounds/$roundId/units/$unitId"
                      params={{ roundId: String(id), unitId: String(unit.unitId) }}
                    />
                  )}
                >
                  {unit.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress
                    value={(unit.selfScored / Math.max(1, round.leafCount)) * 100}
                    w={100}
                    aria-hidden
                  />
                  <Text size="sm">
                    {unit.selfScored}/{round.leafCount}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                {unit.selfSubmittedAt ? (
                  <Badge color="green" variant="light" tt="none">
                    {formatDateVi(unit.selfSubmittedAt.slice(0, 10))}
                  </Badge>
                ) : (
                  <Badge color={round.stage === 'self' ? 'gray' : 'red'} variant="light" tt="none">
                    {t('notSubmitted')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{unit.appraised}</Table.Td>
              <Table.Td>{unit.returned}</Table.Td>
              <Table.Td>
                {unit.total === null || unit.total === undefined ? '—' : formatNumber(unit.total)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}
