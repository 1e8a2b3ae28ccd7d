import { Anchor, Badge, Button, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { usePlans } from './api.ts';
import { PlanStatusBadge } from './PlanIssueActions.tsx';

const PER_PAGE = 20;

export function PlansPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('-createdAt');
  const [page, setPage] = useState(1);
  const { data, isPending } = usePlans({ q: debounced, page, perPage: PER_PAGE, sort });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('plans')}</Title>
        {hasPermission(me, 'plans.write') && (
          <Button component={Link} to="/plans/import">
            {t('importPlan')}
          </Button>
        )}
      </Group>
      <TextInput
        aria-label={t('searchPlans')}
        placeholder={t('searchPlans')}
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          setPage(1);
        }}
      />
      <ScrollTable minWidth={880} striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('documentNumber')}</Table.Th>
            <SortHeader field="issuedOn" sort={sort} onSort={setSort}>
              {t('issuedOn')}
            </SortHeader>
            <SortHeader field="title" sort={sort} onSort={setSort}>
              {t('titleSummary')}
            </SortHeader>
            <Table.Th>{t('ownerUnit')}</Table.Th>
            <Table.Th>{t('planStatus')}</Table.Th>
            <Table.Th>{t('tasks')}</Table.Th>
            <Table.Th w={160}>{t('progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((plan) => (
            <Table.Tr key={plan.id}>
              <Table.Td>{plan.number ?? '—'}</Table.Td>
              <Table.Td>{formatDateVi(plan.issuedOn)}</Table.Td>
              <Table.Td>
                <Anchor
                  renderRoot={(props) => (
                    <Link {...props} to="/plans/$planId" params={{ planId: String(plan.id) }} />
                  )}
                >
                  {plan.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{plan.unit.name}</Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <PlanStatusBadge status={plan.status} />
                  {plan.publishedAt && (
                    <Badge color="teal" variant="outline" tt="none">
                      {t('planPublic')}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                {plan.taskCount}
                {plan.overdueCount > 0 && (
                  <Badge ml="xs" color="red" variant="light">
                    {plan.overdueCount} {t('overdue').toLowerCase()}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress value={plan.progress} w={90} aria-label={t('progress')} />
                  <Text size="sm">{formatNumber(plan.progress)}%</Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {debounced ? t('noResults') : hasPermission(me, 'plans.write') ? t('noPlans') : t('noPlansGiven')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
    </Stack>
  );
}
