import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportStatus } from '../../../../core/reports/report.ts';
import { api, queryString } from '../../api/client.ts';

export interface PeriodOverview {
  period: { code: string; dataFrom: string; dataTo: string; due: string };
  counts: {
    total: Counts;
    byType: Record<string, Counts>;
  };
  units: {
    unit: { id: number; name: string; type: string };
    head: { name: string | null; email: string | null; phone: string | null };
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
  period: { code: string; dataFrom: string; dataTo: string; due: string };
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
    reported: { status: string; progress: number; done: string | null };
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
