import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FileSignatureSummary } from '../../../../core/files/signature-views.ts';
import type {
  AgencyMatch,
  Cascade,
  CreatePlanInput,
  Evidence,
  PlanDetail,
  PlanItem,
  PlanPublication,
  PlanSummary,
  UpdatePlanItemInput,
} from '../../../../core/plans/plan-views.ts';
import type { ParsedPlan } from '../../../../core/plans/types.ts';
import type {
  AddPlanTargetInput,
  AddPlanTaskInput,
  UpdatePlanTargetInput,
} from '../../../../core/plans/unit-plan-schemas.ts';
import { fetchAllPages } from '../../api/all-pages.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import { useJob, useJobs } from '../../api/jobs.ts';

export type { AgencyMatch, Cascade, PlanDetail, PlanItem, PlanSummary };
export type PlanTarget = PlanDetail['targets'][number];

export interface PlanPreview {
  plan: ParsedPlan;
  agencies: AgencyMatch[];
  text: string;
  /** The source's digital signatures when it was a PDF (null otherwise). */
  signature?: FileSignatureSummary | null;
}

/** A plan read from a file: the file's name and what its signatures say, shown beside it on review. */
export interface PlanSource {
  fileName: string;
  signature: FileSignatureSummary | null;
}

export function usePlans(params: { q: string; page: number; perPage: number; sort: string }) {
  return useQuery({
    queryKey: ['plans', 'list', params],
    queryFn: () => api<ListResult<PlanSummary>>('GET', `/api/plans${queryString(params)}`),
    placeholderData: (previous) => previous,
  });
}

/** Every plan the user may read, newest first: the choices of a plan picker. */
export function useAllPlans() {
  return useQuery({
    queryKey: ['plans', 'all'],
    queryFn: () => fetchAllPages<PlanSummary>('/api/plans', { sort: '-createdAt' }),
  });
}

export function usePlan(id: number) {
  return useQuery({
    queryKey: ['plans', 'detail', id],
    queryFn: () => api<PlanDetail>('GET', `/api/plans/${id}`),
  });
}

/** A file is previewed at once, or (a scan) answered with the job recognising it. */
export function previewPlan(
  source: { text: string } | { file: File },
): Promise<PlanPreview | { jobId: number; signature?: FileSignatureSummary | null }> {
  if ('text' in source) return api<PlanPreview>('POST', '/api/plans/preview', { text: source.text });
  const form = new FormData();
  form.append('file', source.file);
  return api<PlanPreview | { jobId: number; signature: FileSignatureSummary | null }>(
    'POST',
    '/api/plans/preview-file',
    form,
  );
}

/** The job kind recognising a scanned plan (server/plans/plan-file.ts) and what it carries when done. */
export const PLAN_OCR_JOB = 'plan-ocr';
export interface PlanOcrResult {
  text: string;
  pages: number;
}
export const usePlanOcrJob = (id: number | null) => useJob<PlanOcrResult>(id);
export const usePlanOcrJobs = () => useJobs<PlanOcrResult>(PLAN_OCR_JOB);

export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePlanInput) => api<PlanDetail>('POST', '/api/plans', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plans'] }),
  });
}

export function useUpdateItem(planId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, input }: { itemId: number; input: UpdatePlanItemInput }) =>
      api<PlanItem>('PATCH', `/api/plans/${planId}/items/${itemId}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plans'] }),
  });
}

export function useCascade(id: number) {
  return useQuery({
    queryKey: ['plans', 'cascade', id],
    queryFn: () => api<Cascade>('GET', `/api/plans/${id}/cascade`),
  });
}

export interface UpdatePlanInput {
  number?: string | null;
  issuedOn?: string | null;
  signer?: string | null;
  place?: string | null;
  title?: string;
  childPlansDue?: string | null;
  leadShare?: number;
  version: number;
}

export function useUpdatePlan(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdatePlanInput) => api<PlanDetail>('PATCH', `/api/plans/${id}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plans'] }),
  });
}

export function useCreateChildPlan(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (unitId: number) => api<PlanDetail>('POST', `/api/plans/${id}/children`, { unitId }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plans'] }),
  });
}

/** A plan's author adds and removes its own tasks and targets (a unit, in the plan it answers with). */
export function useUnitPlanChanges(planId: number) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ['plans'] });
  const url = `/api/plans/${planId}`;
  return {
    addTask: useMutation({
      mutationFn: (input: AddPlanTaskInput) => api<PlanItem>('POST', `${url}/items`, input),
      onSuccess,
    }),
    removeTask: useMutation({
      mutationFn: (item: { id: number; version: number }) =>
        api<void>('DELETE', `${url}/items/${item.id}?version=${item.version}`),
      onSuccess,
    }),
    addTarget: useMutation({
      mutationFn: (input: AddPlanTargetInput) => api<PlanTarget>('POST', `${url}/targets`, input),
      onSuccess,
    }),
    updateTarget: useMutation({
      mutationFn: ({ id, input }: { id: number; input: UpdatePlanTargetInput }) =>
        api<PlanTarget>('PATCH', `${url}/targets/${id}`, input),
      onSuccess,
    }),
    removeTarget: useMutation({
      mutationFn: (id: number) => api<void>('DELETE', `${url}/targets/${id}`),
      onSuccess,
    }),
  };
}

/** A draft plan is issued in the unit's name, and an issued one withdrawn to a draft with a reason. */
export function usePlanIssue(planId: number) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ['plans'] });
  const url = `/api/plans/${planId}`;
  return {
    issue: useMutation({
      mutationFn: (version: number) => api<PlanDetail>('POST', `${url}/issue`, { version }),
      onSuccess,
    }),
    withdraw: useMutation({
      mutationFn: (input: { version: number; reason: string }) =>
        api<PlanDetail>('POST', `${url}/withdraw`, input),
      onSuccess,
    }),
  };
}

export type TaskRow = PlanItem & { plan: { id: number; number: string | null; title: string } };

export function useTasks(params: Record<string, string | number | undefined>, enabled = true) {
  return useQuery({
    queryKey: ['plans', 'tasks', params],
    queryFn: () => api<ListResult<TaskRow>>('GET', `/api/plan-tasks${queryString(params)}`),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Every task due in a window (a calendar month), as the month agenda shows them all. */
export function useTasksDue(params: Record<string, string | undefined>, enabled: boolean) {
  return useQuery({
    queryKey: ['plans', 'tasks', 'due', params],
    queryFn: () => fetchAllPages<TaskRow>('/api/plan-tasks', { ...params, sort: 'due' }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useEvidence(planId: number, itemId: number) {
  return useQuery({
    queryKey: ['plans', 'evidence', planId, itemId],
    queryFn: () => api<Evidence[]>('GET', `/api/plans/${planId}/items/${itemId}/evidence`),
  });
}

/**
 * Adding and removing a task's evidence. `onAdded` hears of a file as soon as the server has it, before
 * the list is read again and shows it: a dialog that removes its own uploads on cancel never misses one.
 */
export function useEvidenceChange(
  planId: number,
  itemId: number,
  { onAdded }: { onAdded?: (id: number) => void } = {},
) {
  const client = useQueryClient();
  const url = `/api/plans/${planId}/items/${itemId}/evidence`;
  const onSuccess = () => client.invalidateQueries({ queryKey: ['plans'] });
  return {
    add: useMutation({
      mutationFn: (file: File) => {
        const form = new FormData();
        form.append('file', file);
        return api<Evidence>('POST', url, form);
      },
      onSuccess: (evidence) => {
        onAdded?.(evidence.id);
        return onSuccess();
      },
    }),
    remove: useMutation({ mutationFn: (id: number) => api<void>('DELETE', `${url}/${id}`), onSuccess }),
  };
}

/** The plan on the public site: whether it is there, and what the confirmation tells before it goes. */
export function usePlanPublication(planId: number, enabled: boolean) {
  const client = useQueryClient();
  const key = ['plans', planId, 'publication'];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api<PlanPublication>('GET', `/api/plans/${planId}/publication`),
    enabled,
  });
  const change = useMutation({
    mutationFn: (input: { published: boolean; version: number }) =>
      api<PlanPublication>('PUT', `/api/plans/${planId}/publication`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plans'] }),
  });
  return { query, change };
}
