import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateUnitGroupInput,
  GroupChoice,
  UnitGroup,
  UnitGroupSummary,
  UpdateUnitGroupInput,
} from '../../../../core/units/groups.ts';
import { fetchAllPages } from '../../api/all-pages.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import type { UnitDetail, UnitSummary } from '../../api/types.ts';

/** Every child of a unit (a province has over a hundred), in name order. */
export function useUnitChildren(parentId: number | 'root', showClosed: boolean, enabled = true) {
  return useQuery({
    queryKey: ['units', 'children', parentId, showClosed],
    queryFn: () =>
      fetchAllPages<UnitSummary>('/api/units', {
        parentId,
        sort: 'name',
        status: showClosed ? 'all' : 'active',
      }),
    enabled,
  });
}

/** A page of a search (`perPage` units); with `always`, an empty query lists the first units (for pickers). */
export function useUnitSearch(q: string, showClosed: boolean, always = false, page = 1) {
  return useQuery({
    queryKey: ['units', 'search', q, showClosed, page],
    queryFn: () =>
      api<ListResult<UnitSummary>>(
        'GET',
        `/api/units${queryString({ q, page, perPage: UNIT_SEARCH_PER_PAGE, sort: 'name', status: showClosed ? 'all' : 'active' })}`,
      ),
    enabled: always || q.trim().length > 0,
  });
}

export const UNIT_SEARCH_PER_PAGE = 50;

export function useUnit(id: number | null) {
  return useQuery({
    queryKey: ['units', 'detail', id],
    queryFn: () => api<UnitDetail>('GET', `/api/units/${id}`),
    enabled: id !== null,
  });
}

/** Groups a task of a plan of `unitId` may be given to ("Tất cả xã, phường (104)"), for pickers. */
export function useGroupChoices(unitId: number | null) {
  return useQuery({
    queryKey: ['units', 'group-choices', unitId],
    queryFn: () => api<GroupChoice[]>('GET', `/api/unit-groups/choices${queryString({ unitId })}`),
    enabled: unitId !== null,
  });
}

/** A page of the saved groups the user reads, searched by name (diacritics optional). */
export function useUnitGroups(q: string, page: number) {
  return useQuery({
    queryKey: ['units', 'groups', q, page],
    queryFn: () =>
      api<ListResult<UnitGroupSummary>>(
        'GET',
        `/api/unit-groups${queryString({ q, page, perPage: UNIT_GROUPS_PER_PAGE, sort: 'name' })}`,
      ),
  });
}

export const UNIT_GROUPS_PER_PAGE = 20;

export function useUnitGroup(id: number | null) {
  return useQuery({
    queryKey: ['units', 'groups', 'detail', id],
    queryFn: () => api<UnitGroup>('GET', `/api/unit-groups/${id}`),
    enabled: id !== null,
  });
}

/** Save (new or changed) and delete a group; every list of units and groups is read again after. */
export function useUnitGroupChange() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ['units'] });
  return {
    save: useMutation({
      mutationFn: ({
        id,
        input,
      }: {
        id: number | null;
        input: CreateUnitGroupInput | UpdateUnitGroupInput;
      }) =>
        id === null
          ? api<UnitGroup>('POST', '/api/unit-groups', input)
          : api<UnitGroup>('PATCH', `/api/unit-groups/${id}`, input),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: number) => api<null>('DELETE', `/api/unit-groups/${id}`),
      onSuccess,
    }),
  };
}
