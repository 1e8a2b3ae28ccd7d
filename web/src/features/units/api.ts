import { useQuery } from '@tanstack/react-query';
import { api, type ListResult, queryString } from '../../api/client.ts';
import type { UnitDetail, UnitSummary } from '../../api/types.ts';

export function useUnitChildren(parentId: number | 'root', showClosed: boolean, enabled = true) {
  return useQuery({
    queryKey: ['units', 'children', parentId, showClosed],
    queryFn: () =>
      api<ListResult<UnitSummary>>(
        'GET',
        `/api/units${queryString({ parentId, perPage: 100, sort: 'name', status: showClosed ? 'all' : 'active' })}`,
      ),
    enabled,
  });
}

/** With `always`, an empty query lists the first units (for pickers). */
export function useUnitSearch(q: string, showClosed: boolean, always = false) {
  return useQuery({
    queryKey: ['units', 'search', q, showClosed],
    queryFn: () =>
      api<ListResult<UnitSummary>>(
        'GET',
        `/api/units${queryString({ q, perPage: 50, sort: 'name', status: showClosed ? 'all' : 'active' })}`,
      ),
    enabled: always || q.trim().length > 0,
  });
}

export function useUnit(id: number | null) {
  return useQuery({
    queryKey: ['units', 'detail', id],
    queryFn: () => api<UnitDetail>('GET', `/api/units/${id}`),
    enabled: id !== null,
  });
}
