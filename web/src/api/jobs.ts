import { useQuery } from '@tanstack/react-query';
import { api, queryString } from './client.ts';

/** Background work as its starter follows it (GET /api/jobs/:id); `result` depends on the kind. */
export interface Job<Result = unknown> {
  id: number;
  kind: string;
  params: Record<string, unknown>;
  status: 'running' | 'done' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  error: string | null;
  result: Result | null;
  files: { index: number; fileName: string }[];
  createdAt: string;
  finishedAt: string | null;
}

const POLL_MS = 500;

/** One job, polled until it is done or failed. */
export const useJob = <Result = unknown>(id: number | null) =>
  useQuery({
    queryKey: ['jobs', id],
    queryFn: () => api<Job<Result>>('GET', `/api/jobs/${id}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : POLL_MS),
  });

/** The person's recent jobs of a kind, polled while one of them is still running. */
export const useJobs = <Result = unknown>(kind: string) =>
  useQuery({
    queryKey: ['jobs', kind],
    queryFn: () => api<Job<Result>[]>('GET', `/api/jobs${queryString({ kind, limit: 10 })}`),
    refetchInterval: (query) => (query.state.data?.some((job) => job.status === 'running') ? POLL_MS : false),
  });
