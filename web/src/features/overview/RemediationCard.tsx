import { Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { RemediationProgress, TaskFigures } from '../../../../core/overview/remediation-progress.ts';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { formatRate } from '../indicators/format.ts';
import { RoundResultsLink, Section } from './OverviewSection.tsx';

/** A criterion's or a dimension's remediation tasks: how many, done, overdue, and their mean progress. */
function TaskLine({ figures, label }: { figures: TaskFigures; label: string }) {
  const { t } = useT();
  if (figures.tasks === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('leaderRemediationNoTask')}
      </Text>
    );
  return (
    <>
      <Text size="sm" c={figures.overdue > 0 ? 'red' : undefined}>
        {fill(t('leaderRemediationTasks'), {
          tasks: formatNumber(figures.tasks),
          done: formatNumber(figures.done),
          overdue: formatNumber(figures.overdue),
        })}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Progress
          value={figures.meanProgress ?? 0}
          style={{ flex: 1 }}
          aria-label={`${t('leaderRemediationProgress')}: ${label}`}
        />
        <Text size="sm" fw={700} miw={52} ta="right">
          {formatRate(figures.meanProgress)}
        </Text>
      </Group>
    </>
  );
}

/**
 * "Is the remediation on track": the latest published round's criteria most units lost points on, how
 * many of those units answer each with an issued remediation plan and how its tasks stand; the same
 * for the province's PAPI dimensions below the national median.
 */
export function RemediationCard({ remediation }: { remediation: RemediationProgress | null }) {
  const { t, label } = useT();
  if (!remediation)
    return (
      <Section title={t('leaderRemediation')} link={null}>
        <Text size="sm" c="dimmed">
          {t('leaderNoRound')}
        </Text>
      </Section>
    );
  const { round, national } = remediation;
  return (
    <Section title={t('leaderRemediation')} link={<RoundResultsLink roundId={round.id} />}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {fill(t('leaderRemediationRound'), { round: round.name })}
        </Text>
        <Text size="sm" fw={700}>
          {fill(t('leaderRemediationTotal'), {
            plans: formatNumber(remediation.plansIssued),
            answering: formatNumber(remediation.unitsAnswering),
            weak: formatNumber(remediation.unitsWeak),
          })}
        </Text>
        {remediation.criteria.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('leaderRemediationNoWeak')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="md" verticalSpacing="sm">
            {remediation.criteria.map((criterion) => (
              <Stack key={criterion.code} gap={2} data-testid="remediation-criterion">
                <Text size="sm" fw={500}>
                  {criterion.nameVi}{' '}
                  <Text span size="xs" c="dimmed">
                    ({criterion.code})
                  </Text>
                </Text>
                <Text size="sm">
                  {fill(t('leaderRemediationUnits'), { count: formatNumber(criterion.units) })} ·{' '}
                  {fill(t('leaderRemediationWithTask'), { count: formatNumber(criterion.unitsWithTask) })}
                </Text>
                <TaskLine figures={criterion} label={criterion.nameVi} />
              </Stack>
            ))}
          </SimpleGrid>
        )}
        {national && national.dimensions.length > 0 && (
          <Stack gap="xs" mt="xs">
            <Text size="sm" fw={700}>
              {fill(t('leaderRemediationNational'), { year: national.year })}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="md" verticalSpacing="sm">
              {national.dimensions.map((dimension) => {
                const name = label({ vi: dimension.nameVi, en: dimension.nameEn });
                return (
                  <Stack key={dimension.code} gap={2} data-testid="remediation-dimension">
                    <Text size="sm" fw={500}>
                      {name}
                    </Text>
                    <Text size="sm">
                      {fill(t('leaderRemediationUnitsWithTask'), {
                        count: formatNumber(dimension.unitsWithTask),
                      })}
                    </Text>
                    <TaskLine figures={dimension} label={name} />
                  </Stack>
                );
              })}
            </SimpleGrid>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
