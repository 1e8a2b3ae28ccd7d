import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { dimensionLabel, ITEM_STATUS_NAMES } from '../../../../core/plans/plan-views.ts';
import { DIMENSION_CODES } from '../../../../core/plans/types.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { assigneeNames } from '../../../../core/units/groups.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { type TaskRow, useTasks, useTasksDue } from './api.ts';

const PER_PAGE = 50;

/** The tasks my units lead, from every plan: what is due, what is late. */
export function TasksPage() {
  const { t, locale } = useT();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [dimension, setDimension] = useState<string | null>(null);
  // A link may open the list already filtered (the leader's overview: a unit's overdue tasks).
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const [unitId, setUnitId] = useState<string | null>(
    Number(search.unitId) > 0 ? String(search.unitId) : null,
  );
  const [overdue, setOverdue] = useState(search.overdue === 'true' || search.overdue === true);
  const [sort, setSort] = useState('due');
  const [page, setPage] = useState(1);
  const [view, setView] = useState<'list' | 'month'>('list');
  const [month, setMonth] = useState(todayInVietnam().slice(0, 7));
  const filters = {
    q: debounced,
    dimension: dimension ?? undefined,
    unitId: unitId ?? undefined,
    overdue: overdue ? 'true' : undefined,
  };
  const { data, isPending } = useTasks({ ...filters, sort, page, perPage: PER_PAGE }, view === 'list');
  // The month agenda shows every task due in the month, however many pages that takes.
  const monthTasks = useTasksDue(
    { ...filters, dueFrom: `${month}-01`, dueTo: `${month}-${String(daysIn(month)).padStart(2, '0')}` },
    view === 'month',
  );
  const reset = () => setPage(1);

  return (
    <Stack>
      <Title order={2}>{t('myTasks')}</Title>
      <Group>
        <TextInput
          aria-label={t('search')}
          placeholder={t('searchTasks')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            reset();
          }}
          w={320}
        />
        <Select
          aria-label={t('dimension')}
          placeholder={t('allDimensions')}
          data={DIMENSION_CODES.map((code) => ({ value: code, label: dimensionLabel(code, locale) }))}
          value={dimension}
          onChange={(value) => {
            setDimension(value);
            reset();
          }}
          clearable
          w={360}
        />
        <UnitPicker
          label={t('mappedUnit')}
          hideLabel
          placeholder={t('allUnits')}
          value={unitId}
          onChange={(value) => {
            setUnitId(value);
            reset();
          }}
        />
        <Checkbox
          label={t('overdueOnly')}
          checked={overdue}
          onChange={(event) => {
            setOverdue(event.currentTarget.checked);
            reset();
          }}
        />
        <SegmentedControl
          aria-label={t('view')}
          value={view}
          onChange={(value) => setView(value as 'list' | 'month')}
          data={[
            { value: 'list', label: t('listView') },
            { value: 'month', label: t('monthView') },
          ]}
        />
      </Group>
      {view === 'month' ? (
        <MonthAgenda month={month} onMonth={setMonth} tasks={monthTasks.data ?? []} />
      ) : (
        <>
          <ScrollTable striped withTableBorder highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <SortHeader field="ref" sort={sort} onSort={setSort}>
                  {t('ref')}
                </SortHeader>
                <Table.Th>{t('task')}</Table.Th>
                <Table.Th>{t('lead')}</Table.Th>
                <SortHeader field="due" sort={sort} onSort={setSort}>
                  {t('due')}
                </SortHeader>
                <Table.Th>{t('status')}</Table.Th>
                <SortHeader field="progress" sort={sort} onSort={setSort}>
                  {t('progress')}
                </SortHeader>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((task) => (
                <Table.Tr key={task.id}>
                  <Table.Td>{task.ref}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} title={task.text}>
                      {task.text}
                    </Text>
                    <Anchor
                      size="xs"
                      renderRoot={(props) => (
                        <Link {...props} to="/plans/$planId" params={{ planId: String(task.plan.id) }} />
                      )}
                    >
                      {[task.plan.number, task.plan.title].filter(Boolean).join(' – ')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {assigneeNames(task.lead, task.leadGroups, task.leadNames, { withCounts: true }).join(
                      ', ',
                    )}
                  </Table.Td>
                  <Table.Td c={task.overdue ? 'red' : undefined}>{formatDateVi(task.due) || '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={task.overdue ? 'red' : 'gray'} variant="light" tt="none">
                      {task.overdue ? t('overdue') : ITEM_STATUS_NAMES[task.status][locale]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatNumber(task.progress)}%</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
          {!isPending && data?.total === 0 && (
            <Text c="dimmed" ta="center">
              {t('noResults')}
            </Text>
          )}
          <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
        </>
      )}
    </Stack>
  );
}

function daysIn(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A month of deadlines, day by day. */
function MonthAgenda({
  month,
  onMonth,
  tasks,
}: {
  month: string;
  onMonth: (month: string) => void;
  tasks: TaskRow[];
}) {
  const { t, locale } = useT();
  const weekday = new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  const days = new Map<string, TaskRow[]>();
  for (const task of tasks) if (task.due) days.set(task.due, [...(days.get(task.due) ?? []), task]);
  const [year, m] = month.split('-');
  return (
    <Stack>
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() => onMonth(shiftMonth(month, -1))}
          aria-label={t('previousMonth')}
        >
          ‹
        </Button>
        <Title order={3} size="h4">
          {t('month')} {Number(m)}/{year}
        </Title>
        <Button
          variant="default"
          size="xs"
          onClick={() => onMonth(shiftMonth(month, 1))}
          aria-label={t('nextMonth')}
        >
          ›
        </Button>
      </Group>
      {days.size === 0 && <Text c="dimmed">{t('noDeadlinesThisMonth')}</Text>}
      {[...days.entries()].map(([day, list]) => (
        <Stack key={day} gap={4}>
          <Text fw={700}>
            {weekday.format(new Date(`${day}T00:00:00Z`))}, {formatDateVi(day)}
          </Text>
          {list.map((task) => (
            <Group key={task.id} gap="xs" wrap="nowrap" align="flex-start">
              <Badge
                color={task.overdue ? 'red' : task.status === 'done' ? 'green' : 'gray'}
                variant="light"
                tt="none"
              >
                {task.ref}
              </Badge>
              <Text size="sm" lineClamp={2}>
                {task.text}{' '}
                <Text span c="dimmed" size="xs">
                  —{' '}
                  {assigneeNames(task.lead, task.leadGroups, task.leadNames, { withCounts: true }).join(', ')}
                </Text>
              </Text>
            </Group>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
