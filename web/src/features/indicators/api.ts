import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TargetOperator, TargetStatus } from '../../../../core/indicators/targets.ts';
import { fetchAllPages } from '../../api/all-pages.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import { useJob as useJobOf } from '../../api/jobs.ts';

export interface Indicator {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  kind: 'ratio' | 'count' | 'value';
  source: string;
}

export interface TargetRule {
  operator: TargetOperator;
  threshold: number;
  riskMargin: number;
}

export interface Kpi {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  numerator: number;
  /** Null for a count: the figure is the numerator itself. */
  denominator: number | null;
  rate: number | null;
  target: TargetRule | null;
  /** Null when no target applies. */
  status: TargetStatus | null;
  colour: string | null;
}

export interface UnitRef {
  id: number;
  name: string;
  type?: string;
}

export interface ChildValue {
  numerator: number;
  denominator: number | null;
  rate: number | null;
  status: TargetStatus | null;
}

export interface DossierDashboard {
  unit: UnitRef;
  period: string;
  periods: string[];
  breadcrumbs: UnitRef[];
  kpis: Kpi[];
  trend: { period: string; values: Record<string, number | null> }[];
  children: { unit: UnitRef; values: Record<string, ChildValue> }[];
}

export interface LateDossier {
  code: string;
  unit: UnitRef;
  procedureCode: string;
  procedureName: string | null;
  field: string;
  channel: string;
  /** Finished after its due time, or still open past it at the end of the period. */
  lateness: 'finished_late' | 'overdue';
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  daysLate: number;
  apologyIssued: boolean;
}

export interface IndicatorTarget {
  id: number;
  indicatorCode: string;
  indicatorName?: string;
  unitType: string | null;
  unit: UnitRef | null;
  periodCode: string | null;
  operator: TargetOperator;
  threshold: number;
  riskMargin: number;
  note: string | null;
  version?: number;
}

export interface TargetInput {
  indicatorCode: string;
  unitType: string | null;
  unitId: number | null;
  periodCode: string | null;
  operator: TargetOperator;
  threshold: number;
  riskMargin: number;
  note: string | null;
}

export interface RejectedRow {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportResult {
  imported: number;
  updated: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  newProcedures: { code: string; name: string; field: string }[];
  dryRun: boolean;
}

/** What the server answers when it cannot tell which column holds which field. */
export interface UnmappedColumns {
  headers: string[];
  /** The canonical fields to map (not form errors: `details.fields` always means those). */
  columns: { name: string; required: boolean; label: string }[];
  suggested: Record<string, string>;
}

export const useIndicators = () =>
  useQuery({
    queryKey: ['indicators'],
    queryFn: async () => (await api<ListResult<Indicator>>('GET', '/api/indicators')).items,
    staleTime: 300_000,
  });

export interface DashboardQuery {
  unitId?: number | undefined;
  period?: string | undefined;
}

export const useDossierDashboard = (query: DashboardQuery) =>
  useQuery({
    queryKey: ['dashboards', 'dossiers', query],
    queryFn: () => api<DossierDashboard>('GET', `/api/dashboards/dossiers${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });

export interface LateQuery extends DashboardQuery {
  apology?: 'missing' | 'issued' | undefined;
  page: number;
  perPage: number;
  sort: string;
}

export const useLateDossiers = (query: LateQuery) =>
  useQuery({
    queryKey: ['dossiers', 'late', query],
    queryFn: () => api<ListResult<LateDossier>>('GET', `/api/dossiers/late${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });

export function useRecordApology() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api('PUT', `/api/dossiers/${encodeURIComponent(code)}/apology`, { issued: true }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['dossiers', 'late'] });
      void client.invalidateQueries({ queryKey: ['dashboards'] });
    },
  });
}

/** The .xlsx of one chart or table of the dashboard, as the server builds it. */
export const exportUrl = (
  query: DashboardQuery & { indicator?: string | undefined; apology?: string | undefined },
  chart: 'kpis' | 'trend' | 'ranking' | 'late',
) => `/api/dashboards/dossiers/export${queryString({ ...query, chart })}`;

export const useTargets = () =>
  useQuery({
    queryKey: ['indicator-targets'],
    queryFn: () => fetchAllPages<IndicatorTarget>('/api/indicator-targets'),
  });

export function useTargetWrite<T>(write: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['indicator-targets'] });
      void client.invalidateQueries({ queryKey: ['dashboards'] });
    },
  });
}

export const saveTarget = ({
  id,
  ...input
}: TargetInput & { id?: number | undefined; version?: number | undefined }) =>
  id === undefined
    ? api<IndicatorTarget>('POST', '/api/indicator-targets', input)
    : api<IndicatorTarget>('PUT', `/api/indicator-targets/${id}`, input);

export const deleteTarget = (id: number) => api('DELETE', `/api/indicator-targets/${id}`);

export async function startDossierImport(input: {
  file: File;
  dryRun: boolean;
  mapping: Record<string, string> | null;
}): Promise<{ jobId: number }> {
  const form = new FormData();
  // Fields before the file: the server reads the stream in order and needs them before the rows.
  if (input.dryRun) form.append('dryRun', 'true');
  if (input.mapping) form.append('mapping', JSON.stringify(input.mapping));
  form.append('file', input.file);
  return api<{ jobId: number }>('POST', '/api/dossiers/imports', form);
}

/** A dossier import as a background job, polled until it is done or failed. */
export const useJob = (id: number | null) => useJobOf<ImportResult>(id);
