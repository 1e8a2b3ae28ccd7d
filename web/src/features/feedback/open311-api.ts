import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Open311Channel, RegisterClient } from '../../../../core/open311/open311-schemas.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';

/** The applications registered to push petitions through Open311, as server/open311/open311-clients.ts answers them. */
export interface Open311Client {
  id: number;
  name: string;
  channel: Open311Channel;
  keyHint: string;
  isActive: boolean;
  createdAt: string;
  createdByName: string | null;
  revokedAt: string | null;
}

export function useOpen311Clients(params: { page: number; perPage: number; sort: string }) {
  return useQuery({
    queryKey: ['open311', 'clients', params],
    queryFn: () => api<ListResult<Open311Client>>('GET', `/api/open311/clients${queryString({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

/** Registers a client: the answer holds its key, shown once. */
export function useRegisterOpen311Client() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterClient) =>
      api<{ client: Open311Client; key: string }>('POST', '/api/open311/clients', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['open311'] }),
  });
}

export function useRevokeOpen311Client() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Open311Client>('POST', `/api/open311/clients/${id}/revoke`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['open311'] }),
  });
}
