import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { NationalDashboard, ProvinceDrillDown } from '../../../../core/national/national-views.ts';
import { api, queryString } from '../../api/client.ts';

export type {
  CommuneRow,
  NationalDashboard,
  NationalIndicatorView,
  ProvinceColumn,
  ProvinceDrillDown,
  RankedFigure,
} from '../../../../core/national/national-views.ts';

/** Every province side by side for a period (the server picks the newest quarter with data). */
export function useNationalDashboard(period: string | undefined) {
  return useQuery({
    queryKey: ['national', 'dashboard', period ?? null],
    queryFn: () => api<NationalDashboard>('GET', `/api/national/dashboard${queryString({ period })}`),
    placeholderData: keepPreviousData,
  });
}

export interface DrillDownQuery {
  period?: string | undefined;
  indicator?: string | undefined;
  q?: string | undefined;
  sort?: string | undefined;
  page?: number | undefined;
}

/** One province's communes on an indicator, searched, sorted and paged by the server. */
export function useProvinceDrillDown(code: string, query: DrillDownQuery) {
  return useQuery({
    queryKey: ['national', 'province', code, query],
    queryFn: () =>
      api<ProvinceDrillDown>('GET', `/api/national/provinces/${code}${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

/** The DHIS2 data value set of a period (one province's, or every province's), as a download. */
export function dhis2Url(period: string, province?: string): string {
  return `/api/national/dhis2/data-value-sets${queryString({ period, province })}`;
}
