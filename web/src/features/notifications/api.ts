import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReminderSettings } from '../../../../core/reports/reminders.ts';
import { api, queryString } from '../../api/client.ts';

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  page: number;
  perPage: number;
  total: number;
  unreadCount: number;
}

const KEY = ['notifications'];

const PER_PAGE = 10;

/**
 * The newest notifications and the unread count, polled every minute while the app is open; older
 * ones a page at a time (`fetchNextPage`) until the total is reached.
 */
export const useNotifications = () =>
  useInfiniteQuery({
    queryKey: KEY,
    queryFn: ({ pageParam }) =>
      api<NotificationPage>(
        'GET',
        `/api/notifications${queryString({ page: pageParam, perPage: PER_PAGE })}`,
      ),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.perPage < last.total ? last.page + 1 : undefined),
    refetchInterval: 60_000,
  });

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Notification>('POST', `/api/notifications/${id}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ marked: number }>('POST', '/api/notifications/read-all'),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export const useReminderSettings = () =>
  useQuery({
    queryKey: ['settings', 'reminders'],
    queryFn: () => api<ReminderSettings>('GET', '/api/settings/reminders'),
  });

export function useSaveReminderSettings() {
  const client = useQueryClient();
  return useMutation({
    // Saved over the version the form read: someone else's newer save is a 409, not overwritten.
    mutationFn: (settings: ReminderSettings) =>
      api<ReminderSettings>('PUT', '/api/settings/reminders', {
        ...settings,
        version: client.getQueryData<{ version?: number }>(['settings', 'reminders'])?.version ?? 0,
      }),
    onSuccess: (saved) => client.setQueryData(['settings', 'reminders'], saved),
  });
}
