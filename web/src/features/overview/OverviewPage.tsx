import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { ROLES } from '../../../../core/auth/roles.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { LeaderOverview } from './LeaderOverview.tsx';
import { TodoCard } from './TodoCard.tsx';

export function OverviewPage() {
  const { t, label } = useT();
  const { data: me } = useMe();
  return (
    <Stack>
      <Title order={2}>
        {t('overview')} — {me?.fullName}
      </Title>
      <LeaderOverview />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TodoCard />
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">
            {t('yourRoles')}
          </Title>
          <List>
            {me?.grants.map((grant) => (
              <List.Item key={grant.id}>
                {label(ROLES[grant.role])} — {grant.unitName ?? t('wholeSystem')}
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">
            {t('administration')}
          </Title>
          <Stack gap={4}>
            {hasPermission(me, 'units.read') && (
              <Anchor component={Link} to="/units">
                {t('units')}
              </Anchor>
            )}
            {hasPermission(me, 'users.read') && (
              <Anchor component={Link} to="/users">
                {t('users')}
              </Anchor>
            )}
            {hasPermission(me, 'audit.read') && (
              <Anchor component={Link} to="/audit">
                {t('audit')}
              </Anchor>
            )}
            <Anchor component={Link} to="/account">
              {t('account')}
            </Anchor>
            <Text size="sm" c="dimmed">
              API: <Anchor href="/api/docs">/api/docs</Anchor>
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
