import { ActionIcon, AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api } from '../api/client.ts';
import { hasPermission, useMe } from '../features/auth/session.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { type Locale, useT } from '../i18n/locale.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const ADMIN: { to: string; label: MessageKey; permission: string }[] = [
  { to: '/units', label: 'units', permission: 'units.read' },
  { to: '/users', label: 'users', permission: 'users.read' },
  { to: '/audit', label: 'audit', permission: 'audit.read' },
  { to: '/signing', label: 'signingNav', permission: 'documents.certificates' },
];

export function AppLayout() {
  const { t, locale, setLocale } = useT();
  const { data: me } = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  // On a phone the navigation is a drawer: closed on every page until the burger opens it.
  const [isNavOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  // A new path from anywhere (a link, the bell, the back button) closes it; a link to the page
  // already open changes no path, so each link also closes it on click.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not a value used
  useEffect(() => closeNav(), [pathname]);

  const changeLocale = (next: string) => {
    setLocale(next as Locale);
    // What the server wrote in words (notifications, messages) is asked for again in the new language.
    void client.invalidateQueries();
    if (me && !me.mustChangePassword)
      void api('PATCH', '/api/auth/me/preferences', { locale: next }).catch(() => {});
  };
  const signOut = async () => {
    await api('POST', '/api/auth/logout').catch(() => {});
    client.setQueryData(['me'], null);
    await navigate({ to: '/login' });
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={isNavOpen ? t('closeNavigation') : t('openNavigation')}
              aria-expanded={isNavOpen}
              aria-controls="main-navigation"
            />
            <Title order={1} size="h3">
              {t('appName')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me && !me.mustChangePassword && <NotificationBell />}
            {/* Two toggle buttons: "VI" and "EN" are buttons a person (or a tool) finds by their names. */}
            <Button.Group aria-label={t('language')}>
              {(['vi', 'en'] as const).map((value) => (
                <Button
                  key={value}
                  size="compact-xs"
                  variant={locale === value ? 'filled' : 'default'}
                  aria-pressed={locale === value}
                  lang={value}
                  onClick={() => changeLocale(value)}
                >
                  {value.toUpperCase()}
                </Button>
              ))}
            </Button.Group>
            <Text size="sm" visibleFrom="sm">
              {me?.fullName}
            </Text>
            <Button variant="subtle" size="xs" onClick={signOut} visibleFrom="sm">
              {t('signOut')}
            </Button>
            <ActionIcon
              variant="subtle"
              size="lg"
              onClick={signOut}
              hiddenFrom="sm"
              aria-label={t('signOut')}
              title={me ? `${t('signOut')} (${me.fullName})` : t('signOut')}
            >
              <IconLogout size={20} stroke={1.5} />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      {/* Scrolls when its links are taller than the screen (an administrator's, on a phone). */}
      <AppShell.Navbar
        p="xs"
        component="nav"
        id="main-navigation"
        aria-label="Điều hướng chính"
        style={{ overflowY: 'auto' }}
      >
        <NavLink component={Link} onClick={closeNav} to="/" label={t('overview')} active={pathname === '/'} />
        {hasPermission(me, 'indices.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/indices/papi"
            label={t('papi')}
            active={pathname.startsWith('/indices')}
          />
        )}
        {hasPermission(me, 'plans.read') && (
          <>
            <NavLink
              component={Link}
              onClick={closeNav}
              to="/plans"
              label={t('plans')}
              active={pathname.startsWith('/plans')}
            />
            <NavLink
              component={Link}
              onClick={closeNav}
              to="/tasks"
              label={t('myTasks')}
              active={pathname === '/tasks'}
              pl="lg"
            />
          </>
        )}
        {hasPermission(me, 'documents.register') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/documents/register"
            label={t('outgoingRegister')}
            active={pathname.startsWith('/documents')}
          />
        )}
        {hasPermission(me, 'reports.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/reports"
            label={t('reporting')}
            active={pathname.startsWith('/reports')}
          />
        )}
        {hasPermission(me, 'assessment.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/assessment"
            label={t('assessment')}
            active={pathname.startsWith('/assessment')}
          />
        )}
        {me?.installationPermissions.includes('national.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/national"
            label={t('nationalNav')}
            active={pathname.startsWith('/national')}
          />
        )}
        {hasPermission(me, 'indicators.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/indicators"
            label={t('indicators')}
            active={pathname.startsWith('/indicators')}
          />
        )}
        {hasPermission(me, 'feedback.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/feedback"
            label={t('citizenVoice')}
            active={pathname.startsWith('/feedback')}
          />
        )}
        {hasPermission(me, 'feedback.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/dialogues"
            label={t('dialogues')}
            active={pathname.startsWith('/dialogues')}
          />
        )}
        {hasPermission(me, 'projects.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/projects"
            label={t('projects')}
            active={pathname.startsWith('/projects')}
          />
        )}
        {hasPermission(me, 'disclosures.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/disclosures"
            label={t('disclosures')}
            active={pathname.startsWith('/disclosures')}
          />
        )}
        {hasPermission(me, 'feedback.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/reception"
            label={t('reception')}
            active={pathname.startsWith('/reception')}
          />
        )}
        {hasPermission(me, 'surveys.read') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/surveys"
            label={t('satisfactionSurveys')}
            active={pathname.startsWith('/surveys')}
          />
        )}
        {/* The public site is the server's own pages (no sign-in, no JavaScript): a plain link. */}
        {hasPermission(me, 'units.contacts') && (
          <NavLink
            component={Link}
            onClick={closeNav}
            to="/unit-contacts"
            label={t('unitContactsNav')}
            active={pathname.startsWith('/unit-contacts')}
          />
        )}
        <NavLink component="a" href="/cong-khai" target="_blank" label={t('publicPortal')} />
        <Text size="xs" c="dimmed" fw={600} mt="md" mb={4} px="sm" tt="uppercase">
          {t('administration')}
        </Text>
        {ADMIN.filter((item) => hasPermission(me, item.permission)).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            onClick={closeNav}
            to={item.to}
            label={t(item.label)}
            active={pathname.startsWith(item.to)}
          />
        ))}
        <NavLink
          component={Link}
          onClick={closeNav}
          to="/account"
          label={t('account')}
          active={pathname === '/account'}
        />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
