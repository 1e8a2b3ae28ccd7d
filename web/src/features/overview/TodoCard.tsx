import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { periodName } from '../../../../core/periods/period-names.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { api, queryString } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { useInbox } from '../reports/api.ts';

/** What needs the person's attention today: reports to write, reports to review, overdue tasks. */
export function TodoCard() {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const canWrite = hasPermission(me, 'reports.write');
  const canReview = hasPermission(me, 'reports.review');
  const inbox = useInbox(canWrite);
  const queue = useQuery({
    queryKey: ['reports', 'queue', 'count'],
    queryFn: () => api<{ total: number }>('GET', `/api/reports/queue${queryString({ perPage: 1 })}`),
    enabled: canReview,
  });
  const overdue = useQuery({
    queryKey: ['plan-tasks', 'overdue', 'count'],
    queryFn: () =>
      api<{ total: number }>('GET', `/api/plan-tasks${queryString({ overdue: 'true', perPage: 1 })}`),
    enabled: hasPermission(me, 'plans.read'),
  });
  const toWrite = (inbox.data?.items ?? []).filter((item) => item.toWrite);
  const next = toWrite[0];
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('todo')}
      </Title>
      <Stack gap="xs">
        {canWrite && (
          <Group gap="xs">
            <Anchor component={Link} to="/reports">
              {t('reportsToWrite')}: {toWrite.length}
            </Anchor>
            {toWrite.some((item) => item.overdue) && (
              <Badge color="red" variant="light" tt="none">
                {t('overdue')}
              </Badge>
            )}
            {next && (
              <Text size="sm" c="dimmed">
                {periodName(next.period.code, locale)} · {t('due')} {formatDateVi(next.period.deadline)}
              </Text>
            )}
          </Group>
        )}
        {canReview && (
          <Anchor component={Link} to="/reports">
            {t('reportsToReview')}: {queue.data?.total ?? '…'}
          </Anchor>
        )}
        {overdue.data && (
          <Anchor component={Link} to="/tasks">
            {t('overdueTasks')}: {overdue.data.total}
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
