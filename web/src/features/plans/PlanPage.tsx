import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { planName } from '../../../../core/plans/plan-name.ts';
import {
  dimensionLabel,
  ITEM_STATUS_NAMES,
  type ItemStatus,
  RECURRENCE_NAMES,
} from '../../../../core/plans/plan-views.ts';
import { DIMENSION_CODES } from '../../../../core/plans/types.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { assigneeNames } from '../../../../core/units/groups.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { SourceDocument } from '../documents/SourceDocument.tsx';
import { AddTaskDialog } from './AddTaskDialog.tsx';
import { type PlanDetail, type PlanItem, usePlan } from './api.ts';
import { CascadePanel } from './CascadePanel.tsx';
import { PlanIssueActions, PlanStatusBadge } from './PlanIssueActions.tsx';
import { PlanParticularsDialog } from './PlanParticularsDialog.tsx';
import { PlanPublicationActions } from './PlanPublicationActions.tsx';
import { PlanTargets } from './PlanTargets.tsx';
import { TaskDialog } from './TaskDialog.tsx';
import { UnitPlanRequest } from './UnitPlanRequest.tsx';

const STATUS_COLORS: Record<ItemStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  done: 'green',
  cancelled: 'dark',
};

const percent = (value: number) => `${formatNumber(value)}%`;

export function PlanPage() {
  const { planId } = useParams({ strict: false }) as { planId: string };
  const id = Number(planId);
  const { t, locale } = useT();
  const { data: plan, error } = usePlan(id);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [dimension, setDimension] = useState<string | null>(null);
  const [editing, setEditing] = useState<PlanItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [editingParticulars, setEditingParticulars] = useState(false);

  const visible = useMemo(
    () => (plan ? visibleItems(plan, { overdueOnly, dimension }) : []),
    [plan, overdueOnly, dimension],
  );

  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!plan) return <Text>{t('loading')}</Text>;
  const depthOf = depths(plan.items);
  const reportable = new Set(plan.access.reportItemIds);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <PlanStatusBadge status={plan.status} />
            <Text size="sm" c="dimmed">
              {[plan.number && planName(plan, locale), formatDateVi(plan.issuedOn), plan.unit.name]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Group>
          <Title order={2}>{plan.title}</Title>
        </Stack>
        <Group gap="xs">
          <PlanIssueActions plan={plan} />
          <PlanPublicationActions plan={plan} />
          {plan.access.edit && (
            <Button variant="default" aria-haspopup="dialog" onClick={() => setEditingParticulars(true)}>
              {t('editParticulars')}
            </Button>
          )}
          <Button component="a" href={`/api/plans/${plan.id}/export.docx`} variant="light" download>
            {t('exportDocx')}
          </Button>
          <Button component="a" href={`/api/plans/${plan.id}/export.pdf`} variant="light" download>
            {t('downloadPdf')}
          </Button>
        </Group>
      </Group>
      <Group>
        <Progress value={plan.progress} w={240} size="lg" aria-label={t('progress')} />
        <Text fw={600}>{percent(plan.progress)}</Text>
        <Text c="dimmed">
          {plan.taskCount} {t('tasks').toLowerCase()}
        </Text>
        {plan.overdueCount > 0 && (
          <Badge color="red" variant="light">
            {plan.overdueCount} {t('overdue').toLowerCase()}
          </Badge>
        )}
      </Group>
      {plan.status !== 'draft' && <SourceDocument kind="plan" id={plan.id} />}
      {plan.status === 'draft' && (
        <Alert color="yellow" variant="light">
          {t('planDraftNote')}
        </Alert>
      )}
      {plan.parentPlan && (
        <Text size="sm">
          {t('implementsPlan')}:{' '}
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/plans/$planId" params={{ planId: String(plan.parentPlan?.id) }} />
            )}
          >
            {planName(plan.parentPlan, locale)}
          </Anchor>
        </Text>
      )}
      {plan.remediatesRound && (
        <Text size="sm">
          <Anchor
            renderRoot={(props) => (
              <Link
                {...props}
                to="/assessment/rounds/$roundId/results"
                params={{ roundId: String(plan.remediatesRound?.id) }}
              />
            )}
          >
            {fill(t('remediationOf'), { round: plan.remediatesRound.name })}
          </Anchor>
        </Text>
      )}
      <UnitPlanRequest plan={plan} />
      <Tabs defaultValue="tasks" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="tasks">{t('tasks')}</Tabs.Tab>
          <Tabs.Tab value="targets">
            {t('targets')} ({plan.targets.length})
          </Tabs.Tab>
          <Tabs.Tab value="units">{t('unitPlans')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="targets" pt="md">
          <PlanTargets plan={plan} />
        </Tabs.Panel>
        <Tabs.Panel value="units" pt="md">
          <CascadePanel plan={plan} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <Stack>
            <Group>
              <Select
                aria-label={t('dimension')}
                placeholder={t('allDimensions')}
                data={DIMENSION_CODES.filter((code) =>
                  plan.items.some((item) => item.dimension === code),
                ).map((code) => ({
                  value: code,
                  label: dimensionLabel(code, locale),
                }))}
                value={dimension}
                onChange={setDimension}
                clearable
                w={360}
              />
              <Checkbox
                label={t('overdueOnly')}
                checked={overdueOnly}
                onChange={(event) => setOverdueOnly(event.currentTarget.checked)}
              />
              {plan.access.edit && (
                <Button variant="light" ml="auto" aria-haspopup="dialog" onClick={() => setAdding(true)}>
                  {t('addTask')}
                </Button>
              )}
            </Group>
            <ScrollTable withTableBorder highlightOnHover minWidth={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>{t('ref')}</Table.Th>
                  <Table.Th>{t('task')}</Table.Th>
                  <Table.Th w={220}>{t('lead')}</Table.Th>
                  <Table.Th w={110}>{t('due')}</Table.Th>
                  <Table.Th w={150}>{t('status')}</Table.Th>
                  <Table.Th w={120}>{t('progress')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.map((item) =>
                  item.kind === 'section' ? (
                    <Table.Tr key={item.id} bg="gray.0">
                      <Table.Td fw={700}>{item.ref}</Table.Td>
                      <Table.Td colSpan={4} fw={700} pl={`${(depthOf.get(item.id) ?? 0) + 0.6}rem`}>
                        {item.text}
                      </Table.Td>
                      <Table.Td>{percent(item.progress)}</Table.Td>
                    </Table.Tr>
                  ) : (
                    <Table.Tr key={item.id}>
                      <Table.Td>
                        {reportable.has(item.id) ? (
                          <Anchor
                            component="button"
                            type="button"
                            aria-haspopup="dialog"
                            onClick={() => setEditing(item)}
                          >
                            {item.ref}
                          </Anchor>
                        ) : (
                          item.ref
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={3} title={item.text}>
                          {item.text}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[
                            item.dimension && dimensionLabel(item.dimension, locale),
                            item.evidenceCount > 0 && `${t('evidence')}: ${item.evidenceCount}`,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {assigneeNames(item.lead, item.leadGroups, item.leadNames, {
                            withCounts: true,
                          }).join(', ') || '—'}
                        </Text>
                        {item.recurrence && (
                          <Text size="xs" c="dimmed">
                            {RECURRENCE_NAMES[item.recurrence][locale]}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td c={item.overdue ? 'red' : undefined} fw={item.overdue ? 700 : undefined}>
                        {formatDateVi(item.due) || '—'}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={item.overdue ? 'red' : STATUS_COLORS[item.status]}
                          variant="light"
                          tt="none"
                        >
                          {item.overdue ? t('overdue') : ITEM_STATUS_NAMES[item.status][locale]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{percent(item.progress)}</Table.Td>
                    </Table.Tr>
                  ),
                )}
              </Table.Tbody>
            </ScrollTable>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {editing && (
        <TaskDialog
          planId={plan.id}
          planUnitId={plan.unit.id}
          item={editing}
          canWrite={plan.access.edit}
          onClose={() => setEditing(null)}
        />
      )}
      {adding && <AddTaskDialog plan={plan} onClose={() => setAdding(false)} />}
      {editingParticulars && (
        <PlanParticularsDialog plan={plan} onClose={() => setEditingParticulars(false)} />
      )}
    </Stack>
  );
}

function depths(items: PlanItem[]): Map<number, number> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const depth = new Map<number, number>();
  for (const item of items) {
    let level = 0;
    for (let parent = item.parentId; parent !== null; parent = byId.get(parent)?.parentId ?? null) level += 1;
    depth.set(item.id, level);
  }
  return depth;
}

/** Tasks that pass the filters, with the sections above them. */
function visibleItems(
  plan: PlanDetail,
  filters: { overdueOnly: boolean; dimension: string | null },
): PlanItem[] {
  if (!filters.overdueOnly && !filters.dimension) return plan.items;
  const byId = new Map(plan.items.map((item) => [item.id, item]));
  const keep = new Set<number>();
  for (const item of plan.items) {
    if (item.kind !== 'task') continue;
    if (filters.overdueOnly && !item.overdue) continue;
    if (filters.dimension && item.dimension !== filters.dimension) continue;
    for (let id: number | null = item.id; id !== null; id = byId.get(id)?.parentId ?? null) keep.add(id);
  }
  return plan.items.filter((item) => keep.has(item.id));
}
