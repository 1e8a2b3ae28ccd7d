import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Todo } from '../../../../core/todos.ts';
import { api, queryString } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { useFeedbackCount } from '../feedback/api.ts';

/**
 * What waits for the person, worded for their role (a head: reports awaiting the head; an
 * appraiser: sheets to appraise), each with its count and a link to where to act; overdue tasks.
 */
export function TodoCard() {
  const { t } = useT();
  const { data: me } = useMe();
  const todos = useQuery({
    queryKey: ['todos'],
    queryFn: () => api<{ items: Todo[] }>('GET', '/api/todos'),
    enabled: !!me,
  });
  const overdue = useQuery({
    queryKey: ['plan-tasks', 'overdue', 'count'],
    queryFn: () =>
      api<{ total: number }>('GET', `/api/plan-tasks${queryString({ overdue: 'true', perPage: 1 })}`),
    enabled: hasPermission(me, 'plans.read'),
  });
  // To do: petitions to receive and answer are for those who handle them (a leader reads the figures).
  const handlesFeedback = hasPermission(me, 'feedback.handle');
  const { data: newFeedback } = useFeedbackCount('new', handlesFeedback);
  const { data: overdueFeedback } = useFeedbackCount('overdue', handlesFeedback);
  const items = todos.data?.items ?? [];
  const isEmpty =
    todos.isSuccess &&
    items.every((item) => item.count === 0) &&
    !overdue.data?.total &&
    !newFeedback &&
    !overdueFeedback;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('todo')}
      </Title>
      <Stack gap="xs" data-testid="todos">
        {items.map((item) => (
          <Group gap="xs" key={item.kind}>
            <Anchor component={Link} to={item.link} data-todo={item.kind}>
              {t(`todo_${item.kind}`)}: {item.count}
            </Anchor>
            {item.overdue && item.count > 0 && (
              <Badge color="red" variant="light" tt="none">
                {t('overdue')}
              </Badge>
            )}
          </Group>
        ))}
        {overdue.data && overdue.data.total > 0 && (
          <Anchor component={Link} to="/tasks">
            {t('overdueTasks')}: {overdue.data.total}
          </Anchor>
        )}
        {newFeedback ? (
          <Anchor component={Link} to="/feedback" search={{ filter: 'new' } as never} data-todo="feedbackNew">
            {t('feedbackNewOnHome')}: {newFeedback}
          </Anchor>
        ) : null}
        {overdueFeedback ? (
          <Group gap="xs">
            <Anchor
              component={Link}
              to="/feedback"
              search={{ filter: 'overdue' } as never}
              data-todo="feedbackOverdue"
            >
              {t('feedbackOverdueOnHome')}: {overdueFeedback}
            </Anchor>
            <Badge color="red" variant="light" tt="none">
              {t('overdue')}
            </Badge>
          </Group>
        ) : null}
        {isEmpty && (
          <Text size="sm" c="dimmed">
            {t('nothingWaiting')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
