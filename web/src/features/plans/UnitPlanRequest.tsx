import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { planName } from '../../../../core/plans/plan-name.ts';
import { CASCADE_STATE_NAMES } from '../../../../core/plans/plan-views.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type PlanDetail, useCascade, useCreateChildPlan } from './api.ts';
import { STATE_COLORS } from './CascadePanel.tsx';

/**
 * What a plan asks of the reader's own unit: a plan of its own carrying out the tasks it was given.
 * Its head answers here (one button, for its own unit alone); its reporter sees who is to answer.
 */
export function UnitPlanRequest({ plan }: { plan: PlanDetail }) {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const { data: cascade } = useCascade(plan.id);
  const createChild = useCreateChildPlan(plan.id);
  const own = cascade?.units.filter((entry) => entry.isOwn) ?? [];
  if (own.length === 0) return null;

  const answer = (unitId: number) =>
    createChild.mutate(unitId, {
      onSuccess: (child) => void navigate({ to: '/plans/$planId', params: { planId: String(child.id) } }),
    });

  return (
    <Alert color="blue" title={t('unitPlanRequested')}>
      <Stack gap="xs">
        <Text size="sm">
          {plan.childPlansDue
            ? fill(t('unitPlanRequestDue'), { date: formatDateVi(plan.childPlansDue) })
            : t('unitPlanRequestNoDue')}
        </Text>
        {own.map((entry) => (
          <Group key={entry.unit.id} gap="xs">
            <Text size="sm" fw={600}>
              {entry.unit.name}:
            </Text>
            <Badge color={STATE_COLORS[entry.state]} variant="light" tt="none">
              {CASCADE_STATE_NAMES[entry.state][locale]}
            </Badge>
            {entry.plan ? (
              <Anchor
                size="sm"
                renderRoot={(props) => (
                  <Link {...props} to="/plans/$planId" params={{ planId: String(entry.plan?.id) }} />
                )}
              >
                {planName(entry.plan, locale)}
              </Anchor>
            ) : entry.canAnswer ? (
              <Button size="xs" onClick={() => answer(entry.unit.id)} loading={createChild.isPending}>
                {fill(t('createPlanOf'), { unit: entry.unit.name })}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('unitPlanByHead')}
              </Text>
            )}
          </Group>
        ))}
        {createChild.error && (
          <Text size="sm" c="red" role="alert">
            {createChild.error.message}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
