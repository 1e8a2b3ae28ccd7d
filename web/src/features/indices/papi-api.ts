import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  PapiLeversView,
  PapiSimulationView,
  PapiStanding,
  PapiTargetView,
} from '../../../../core/indices/papi-views.ts';
import { api } from '../../api/client.ts';

/** A province of today and the old provinces (before 1 July 2025) that formed it. */
export interface Province2025 {
  code: string;
  name: string;
  predecessors: { code: string; name: string }[];
}

export const usePapiYears = () =>
  useQuery({
    queryKey: ['papi', 'years'],
    queryFn: () => api<{ years: number[] }>('GET', '/api/indices/papi/years'),
  });

export const useProvinces2025 = () =>
  useQuery({
    queryKey: ['provinces-2025'],
    queryFn: () => api<{ items: Province2025[] }>('GET', '/api/indices/provinces-2025'),
  });

/** The standing and simulator routes; province: a province of today (or none: the installation's). */
export function useStanding(year: string, province: string | null) {
  const query = new URLSearchParams({ year });
  if (province) query.set('province', province);
  return useQuery({
    queryKey: ['papi', 'standing', year, province],
    queryFn: () => api<PapiStanding>('GET', `/api/indices/papi/standing?${query}`),
    enabled: year !== '',
  });
}

export function useLevers(year: number, province: string | null) {
  return useQuery({
    queryKey: ['papi', 'levers', year, province],
    queryFn: () => api<PapiLeversView>('GET', `/api/indices/papi/levers?year=${year}&province=${province}`),
    enabled: province !== null,
  });
}

export type PapiChanges = { code: string; delta: number }[];

export function useSimulation(year: number, province: string | null, changes: PapiChanges) {
  return useQuery({
    queryKey: ['papi', 'simulate', year, province, changes],
    queryFn: () => api<PapiSimulationView>('POST', '/api/indices/papi/simulate', { year, province, changes }),
    enabled: province !== null,
    // The previous answer stays on screen while the next one is computed: no flicker as the value moves.
    placeholderData: keepPreviousData,
  });
}

export type PapiTargetChoice = { rank: number } | { group: 1 | 2 | 3 | 4 };

export function useTarget(year: number, province: string | null, target: PapiTargetChoice | null) {
  const wanted = target === null ? '' : 'rank' in target ? `rank=${target.rank}` : `group=${target.group}`;
  return useQuery({
    queryKey: ['papi', 'target', year, province, wanted],
    queryFn: () =>
      api<PapiTargetView>('GET', `/api/indices/papi/target?year=${year}&province=${province}&${wanted}`),
    enabled: province !== null && target !== null,
  });
}
