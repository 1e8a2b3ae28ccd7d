import {
  ActionIcon,
  Button,
  Divider,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import { type Notification, useMarkAllRead, useMarkRead, useNotifications } from './api.ts';

/** The header's bell: the unread count, the newest notifications; a click marks one read and opens its link. */
export function NotificationBell() {
  const { t } = useT();
  const [opened, setOpened] = useState(false);
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useNotifications();
  const items = data?.pages.flatMap((page) => page.items) ?? [];
  const total = data?.pages[0]?.total ?? 0;
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const navigate = useNavigate();
  const unread = data?.pages[0]?.unreadCount ?? 0;

  const open = async (notification: Notification) => {
    setOpened(false);
    if (!notification.readAt) markRead.mutate(notification.id);
    if (notification.link) await navigate({ to: notification.link });
  };

  return (
    // On a 390 px phone the list keeps a margin on each side instead of leaving the screen.
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width="min(360px, calc(100vw - 16px))"
      shadow="md"
    >
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            aria-label={`${t('notifications')} (${unread} ${t('unread')})`}
            onClick={() => setOpened((value) => !value)}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Text fw={600} size="sm" mb="xs">
          {t('notifications')}
        </Text>
        {items.length ? (
          <ScrollArea.Autosize mah={400}>
            <Stack gap={4}>
              {items.map((notification) => (
                <UnstyledButton
                  key={notification.id}
                  onClick={() => void open(notification)}
                  p={6}
                  style={{
                    borderRadius: 4,
                    background: notification.readAt ? undefined : 'var(--mantine-color-blue-light)',
                  }}
                >
                  <Text size="sm" fw={notification.readAt ? 400 : 600}>
                    {notification.title}
                  </Text>
                  {notification.body && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {notification.body}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {formatDateTimeVi(notification.createdAt)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        ) : (
          <Text size="sm" c="dimmed">
            {t('noNotifications')}
          </Text>
        )}
        {hasNextPage && (
          <Button
            variant="subtle"
            size="xs"
            fullWidth
            loading={isFetchingNextPage}
            onClick={() => void fetchNextPage()}
          >
            {t('showMore')} (
            {t('shownOf').replace('{shown}', String(items.length)).replace('{total}', String(total))})
          </Button>
        )}
        <Divider my="xs" />
        <Button
          variant="subtle"
          size="xs"
          fullWidth
          disabled={unread === 0}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
        >
          {t('markAllRead')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
