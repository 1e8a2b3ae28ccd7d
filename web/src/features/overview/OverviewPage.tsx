import { Anchor, Card, List, SimpleGrid, Stack, Title } from '@mantine/core';
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
        {/* Administration only for those who administer (accounts, the audit log); everyone else has the navigation. */}
        {(hasPermission(me, 'users.read') || hasPermission(me, 'audit.read')) && (
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">
              {t('administration')}
            </Title>
            <Stack gap={4}>
              <Anchor component={Link} to="/units">
                {t('units')}
              </Anchor>
              {hasPermission(me, 'users.read') && (
                <Anchor component={Link} to="/users">
                  {t('users')}
                </Anchor>
              )}
              {hasPermission(me, 'audit.read') && (
                <>
                  <Anchor component={Link} to="/audit">
                    {t('audit')}
                  </Anchor>
                  <Anchor href="/api/docs">{t('apiDocs')}</Anchor>
                </>
              )}
            </Stack>
          </Card>
        )}
      </SimpleGrid>
    </Stack>
  );
}
