import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { PeriodChoice } from '../../../../core/periods/period-choices.ts';
import type { Evidence } from '../../../../core/plans/plan-views.ts';
import type { ReportStatus } from '../../../../core/reports/report.ts';
import { api, queryString } from '../../api/client.ts';

export interface PeriodOverview {
  period: PeriodWindow;
  counts: {
    total: Counts;
    byType: Record<string, Counts>;
  };
  units: {
    unit: { id: number; name: string; type: string };
    head: { name: string | null; title: string | null; email: string | null; phone: string | null };
    report: { id: number; status: ReportStatus; submittedOn: string | null; onTime: boolean | null } | null;
    toChase: boolean;
  }[];
}

interface Counts {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
}

export interface Report {
  id: number;
  unit: { id: number; name: string };
  period: PeriodWindow;
  status: ReportStatus;
  narrative: Record<string, string | null>;
  tasks: {
    itemId: number;
    ref: string;
    text: string;
    due: string | null;
    planId: number;
    planNumber: string | null;
    planTitle: string;
    evidenceCount: number;
    /** `version`: the task's version the draft read; sending writes its progress only over it. */
    reported: { status: string; progress: number; done: string | null; version: number };
  }[];
  reason: string | null;
  submittedAt: string | null;
  version: number;
  history: { at: string; action: string; actor: string; reason: string | null }[];
}

export const usePeriodOverview = (period: string) =>
  useQuery({
    queryKey: ['reports', 'period', period],
    queryFn: () => api<PeriodOverview>('GET', `/api/reports${queryString({ period })}`),
    placeholderData: (previous) => previous,
    enabled: period !== '',
  });

export interface PeriodChoices {
  today: string;
  year: number;
  /** The years one may pick, this one first. */
  years: number[];
  periods: PeriodChoice[];
}

/** The periods open, due or overdue in a year (today's when none), by the server's clock and calendar. */
export const usePeriodChoices = (year: number | undefined) =>
  useQuery({
    queryKey: ['reports', 'periods', year ?? 'current'],
    queryFn: () => api<PeriodChoices>('GET', `/api/reports/periods${queryString({ year })}`),
    placeholderData: (previous) => previous,
  });

export const useReport = (id: number) =>
  useQuery({ queryKey: ['reports', id], queryFn: () => api<Report>('GET', `/api/reports/${id}`) });

export function useReportWrite<T>(write: (input: T) => Promise<Report>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (report) => {
      client.setQueryData(['reports', report.id], report);
      void client.invalidateQueries({ queryKey: ['reports', 'period'] });
    },
  });
}

export interface PeriodWindow {
  code: string;
  dataFrom: string;
  dataTo: string;
  due: string;
  /** The province's earlier internal deadline, when it sets one. */
  internalDue: string | null;
  /** What reports are judged on time against. */
  deadline: string;
}

export interface InboxItem {
  unit: { id: number; name: string; type: string };
  period: PeriodWindow;
  report: { id: number; status: ReportStatus; reason: string | null; submittedOn: string | null } | null;
  toWrite: boolean;
  /** Presented to the head, not sent yet. */
  awaitingHead: boolean;
  overdue: boolean;
}

/** Opens (creating the first time) a unit's report for a period and goes to its form. */
export function useOpenReport() {
  const navigate = useNavigate();
  return async (unitId: number, periodCode: string) => {
    const report = await api<Report>('POST', '/api/reports', { unitId, periodCode });
    await navigate({ to: '/reports/$reportId', params: { reportId: String(report.id) } });
  };
}

export const useInbox = (enabled = true) =>
  useQuery({
    queryKey: ['reports', 'inbox'],
    queryFn: () => api<{ today: string; items: InboxItem[] }>('GET', '/api/reports/inbox'),
    enabled,
  });

export interface QueueItem {
  id: number;
  period: PeriodWindow;
  unit: { id: number; name: string; type: string };
  submittedOn: string | null;
  submittedBy: string | null;
  onTime: boolean | null;
}

export const useReviewQueue = (params: { page: number; perPage: number; sort: string; q: string }) =>
  useQuery({
    queryKey: ['reports', 'queue', params],
    queryFn: () =>
      api<{ items: QueueItem[]; page: number; perPage: number; total: number }>(
        'GET',
        `/api/reports/queue${queryString(params)}`,
      ),
    placeholderData: (previous) => previous,
  });

export function useStartConsolidated() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { planId: number; periodCode: string }) =>
      api<{ jobId: number }>('POST', '/api/reports/consolidated', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs', 'consolidated-report'] }),
  });
}

export { type Job, useJobs } from '../../api/jobs.ts';

// ---- documents: the consolidated report's own sections, a unit's signed copy ----

export interface ConsolidatedDraft {
  planId: number;
  periodCode: string;
  periodName: string;
  sections: Record<string, string | null>;
  /** 0: nothing saved yet (the sections are the units' words gathered). */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const useConsolidatedDraft = (planId: number | null, period: string) =>
  useQuery({
    queryKey: ['reports', 'consolidated-draft', planId, period],
    queryFn: () =>
      api<ConsolidatedDraft>('GET', `/api/reports/consolidated/draft${queryString({ planId, period })}`),
    enabled: planId !== null,
  });

export type SignedCopy = Evidence;

export const useSignedCopies = (reportId: number) =>
  useQuery({
    queryKey: ['reports', reportId, 'signed-copies'],
    queryFn: () => api<SignedCopy[]>('GET', `/api/reports/${reportId}/signed-copies`),
  });

export function useAttachSignedCopy(reportId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<SignedCopy>('POST', `/api/reports/${reportId}/signed-copies`, form);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports', reportId, 'signed-copies'] }),
  });
}
