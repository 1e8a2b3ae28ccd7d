import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { planName } from '../../../../core/plans/plan-name.ts';
import {
  CASCADE_STATE_NAMES,
  CASCADE_STATES,
  type Cascade,
  type CascadeState,
  PLAN_STATUS_NAMES,
} from '../../../../core/plans/plan-views.ts';
import { formatDateVi, parseDate, todayInVietnam } from '../../../../core/text/dates.ts';
import { ApiError } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { type PlanDetail, useCascade, useCreateChildPlan, useUpdatePlan } from './api.ts';

export const STATE_COLORS: Record<CascadeState, string> = {
  submitted: 'green',
  late: 'orange',
  missing: 'red',
  pending: 'gray',
};

/** The units a plan gives tasks to: who has answered with a plan of their own, and what nobody took up. */
export function CascadePanel({ plan }: { plan: PlanDetail }) {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const { data: cascade } = useCascade(plan.id);
  const update = useUpdatePlan(plan.id);
  const createChild = useCreateChildPlan(plan.id);
  const [due, setDue] = useState(formatDateVi(plan.childPlansDue));
  const [leadShare, setLeadShare] = useState<number>(plan.leadShare);
  const [error, setError] = useState<string | null>(null);
  // The plan's own settings only for whoever writes it; a button only for a unit the reader may answer for.
  const canWrite = plan.access.write;

  const saveDue = async () => {
    setError(null);
    try {
      await update.mutateAsync({
        childPlansDue: due ? (parseDate(due) ?? due) : null,
        // The share typed beside the date is saved with it (it used to be dropped, so 70 % read back as 100 %).
        leadShare,
        version: plan.version,
      });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  const answer = async (unitId: number) => {
    setError(null);
    try {
      const child = await createChild.mutateAsync(unitId);
      await navigate({ to: '/plans/$planId', params: { planId: String(child.id) } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

  // Units a task reaches only through a group are listed under the group's row, not on their own.
  const inGroup = new Set(cascade?.groups.flatMap((row) => row.unitIds) ?? []);
  const unitRow = (entry: Cascade['units'][number], nested = false) => (
    <Table.Tr key={entry.unit.id}>
      <Table.Td pl={nested ? 'xl' : undefined}>{entry.unit.name}</Table.Td>
      <Table.Td>{entry.assignedTasks}</Table.Td>
      <Table.Td>
        <Badge color={STATE_COLORS[entry.state]} variant="light">
          {CASCADE_STATE_NAMES[entry.state][locale]}
        </Badge>
      </Table.Td>
      <Table.Td>
        {entry.plan ? (
          <>
            <Anchor
              renderRoot={(props) => (
                <Link {...props} to="/plans/$planId" params={{ planId: String(entry.plan?.id) }} />
              )}
            >
              {planName(entry.plan, locale)} ·{' '}
              {formatDateVi(todayInVietnam(new Date(entry.plan.issuedAt ?? entry.plan.createdAt)))} ·{' '}
              {entry.plan.taskCount} {t('tasks').toLowerCase()}
            </Anchor>
            {entry.plan.status === 'draft' && (
              <Badge ml="xs" color="yellow" variant="light" tt="none">
                {PLAN_STATUS_NAMES.draft[locale]}
              </Badge>
            )}
          </>
        ) : (
          entry.canAnswer && (
            <Button
              size="xs"
              variant="light"
              onClick={() => answer(entry.unit.id)}
              loading={createChild.isPending}
            >
              {t('createUnitPlan')}
            </Button>
          )
        )}
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('childPlansDue')}
          placeholder="dd/mm/yyyy"
          value={due}
          onChange={(event) => setDue(event.currentTarget.value)}
          readOnly={!canWrite}
        />
        <NumberInput
          label={t('leadShare')}
          description={t('leadShareHelp')}
          min={0}
          max={100}
          suffix=" %"
          value={leadShare}
          onChange={(value) => setLeadShare(Number(value) || 0)}
          readOnly={!canWrite}
          w={320}
        />
        {canWrite && (
          <Button variant="light" onClick={saveDue} loading={update.isPending}>
            {t('save')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {cascade && cascade.units.length > 0 && (
        <Group gap="xs" aria-label={t('cascadeCounts')}>
          {CASCADE_STATES.map((state) => (
            <Badge key={state} color={STATE_COLORS[state]} variant="light" tt="none" size="lg">
              {CASCADE_STATE_NAMES[state][locale]}: {cascade.counts[state]}
            </Badge>
          ))}
        </Group>
      )}
      <ScrollTable withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mappedUnit')}</Table.Th>
            <Table.Th>{t('assignedTasks')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th>{t('unitPlan')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cascade?.groups.map((row) => (
            <GroupRows
              key={row.group.key}
              row={row}
              units={cascade.units.filter((entry) => row.unitIds.includes(entry.unit.id))}
              unitRow={unitRow}
            />
          ))}
          {cascade?.units
            .filter((entry) => entry.named || !inGroup.has(entry.unit.id))
            .map((entry) => unitRow(entry))}
        </Table.Tbody>
      </ScrollTable>
      {cascade && cascade.units.length === 0 && <Text c="dimmed">{t('noUnitsAsked')}</Text>}
      <Title order={3} size="h5">
        {t('untakenTasks')} ({cascade?.untakenTasks.length ?? 0})
      </Title>
      <List size="sm">
        {cascade?.untakenTasks.slice(0, 200).map((task) => (
          <List.Item key={task.id}>
            <Text span fw={600}>
              {task.ref}
            </Text>{' '}
            {task.text.length > 160 ? `${task.text.slice(0, 160)}…` : task.text}
            {task.lead.length > 0 && (
              <Text span c="dimmed">
                {' '}
                — {task.lead.map((unit) => unit.name).join(', ')}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** A group tasks are given to, as one row counting its units by state; it opens to list each unit. */
function GroupRows({
  row,
  units,
  unitRow,
}: {
  row: Cascade['groups'][number];
  units: Cascade['units'];
  unitRow: (entry: Cascade['units'][number], nested?: boolean) => ReactNode;
}) {
  const { t, locale } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Text size="sm" fw={600}>
            {row.group.name}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? t('hideUnits') : fill(t('groupRowUnits'), { count: formatNumber(row.group.memberCount) })}
          </Button>
        </Table.Td>
        <Table.Td>{row.assignedTasks}</Table.Td>
        <Table.Td colSpan={2}>
          <Group gap={4}>
            {CASCADE_STATES.filter((state) => row.counts[state] > 0).map((state) => (
              <Badge key={state} color={STATE_COLORS[state]} variant="light">
                {CASCADE_STATE_NAMES[state][locale]}: {formatNumber(row.counts[state])}
              </Badge>
            ))}
          </Group>
        </Table.Td>
      </Table.Tr>
      {open && units.map((entry) => unitRow(entry, true))}
    </>
  );
}
