import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { NationalDashboard, ProvinceDrillDown } from '../../../../core/national/national-views.ts';
import { ApiError, api, queryString } from '../../api/client.ts';
import { useMe } from '../auth/session.ts';

export type {
  CommuneRow,
  NationalDashboard,
  NationalIndicatorView,
  ProvinceColumn,
  ProvinceDrillDown,
  RankedFigure,
} from '../../../../core/national/national-views.ts';

/**
 * Whether the signed-in person may read the national view (a grant at the root): null while not known.
 * Without it the pages say so and ask the server nothing.
 */
export function useReadsNational(): boolean | null {
  const { data: me } = useMe();
  return me ? me.installationPermissions.includes('national.read') : null;
}

/** A refusal is final; only a failure of the server is tried again. */
const retryServerErrors = (count: number, error: Error) =>
  count < 1 && !(error instanceof ApiError && error.status < 500);

/** Every province side by side for a period (the server picks the newest quarter with data). */
export function useNationalDashboard(period: string | undefined) {
  const allowed = useReadsNational();
  return useQuery({
    queryKey: ['national', 'dashboard', period ?? null],
    queryFn: () => api<NationalDashboard>('GET', `/api/national/dashboard${queryString({ period })}`),
    placeholderData: keepPreviousData,
    enabled: allowed === true,
    retry: retryServerErrors,
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
  const allowed = useReadsNational();
  return useQuery({
    enabled: allowed === true,
    retry: retryServerErrors,
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
