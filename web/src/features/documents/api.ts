import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { IssuedDocument, takeNumberSchema } from '../../../../core/documents/register-schemas.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';

/** The register of outgoing documents as the API answers it (core/documents/register-schemas.ts). */
export type { IssuedDocument };

const KEY = ['documents', 'register'] as const;

export interface RegisterParams {
  q: string;
  sort: string;
  page: number;
  perPage: number;
  year?: number | undefined;
  type?: string | undefined;
  status?: string | undefined;
  unitId?: number | undefined;
}

export const registerQueryString = (params: Omit<RegisterParams, 'page' | 'perPage'>) =>
  queryString({ ...params, q: params.q || undefined });

export function useRegister(params: RegisterParams) {
  return useQuery({
    queryKey: [...KEY, params],
    queryFn: () =>
      api<ListResult<IssuedDocument>>(
        'GET',
        `/api/documents/register${queryString({ ...params, q: params.q || undefined })}`,
      ),
    placeholderData: (previous) => previous,
  });
}

export function useTakeNumber() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof takeNumberSchema>) =>
      api<IssuedDocument>('POST', '/api/documents/register', input),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useVoidNumber() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      api<IssuedDocument>('POST', `/api/documents/register/${id}/void`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
