import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommitmentState, DialogueKind } from '../../../../core/dialogues/kinds.ts';
import type { ItemStatus } from '../../../../core/plans/plan-views.ts';
import { fetchAllPages } from '../../api/all-pages.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';

/** Dialogues as the API answers them (server/dialogues/dialogue-queries.ts). */
export interface DialogueListItem {
  id: number;
  unitId: number;
  unitName: string;
  kind: DialogueKind;
  heldOn: string;
  topic: string;
  published: boolean;
  questions: number;
  commitments: number;
}

export interface DialogueQuestion {
  id: number;
  position: number;
  question: string;
  askedBy: string | null;
  answer: string | null;
  answeredBy: string | null;
}

export interface DialogueCommitment {
  id: number;
  text: string;
  questionId: number | null;
  leadUnitId: number;
  leadUnitName: string;
  dueOn: string;
  planId: number | null;
  planItemId: number | null;
  taskStatus: ItemStatus | null;
  progress: number;
  state: CommitmentState;
  doneOn: string | null;
}

export interface DialogueDetail {
  id: number;
  unitId: number;
  unitName: string;
  kind: DialogueKind;
  heldOn: string;
  topic: string;
  location: string | null;
  chairedBy: string | null;
  participants: string | null;
  participantCount: number | null;
  summary: string | null;
  planId: number | null;
  publishedAt: string | null;
  version: number;
  updatedAt: string;
  canRecord: boolean;
  questions: DialogueQuestion[];
  commitments: DialogueCommitment[];
}

export interface BoardRow {
  unitId: number;
  name: string;
  conferences: number;
  dialogues: number;
  lastHeldOn: string | null;
  dutyMet: boolean;
}

export interface Board extends ListResult<BoardRow> {
  year: number;
  duty: { kind: DialogueKind; perYear: number; basis: string } | null;
}

export interface DialogueListParams {
  q: string;
  sort: string;
  page: number;
  perPage: number;
  year: number | null;
}

export function useDialogues(params: DialogueListParams) {
  return useQuery({
    queryKey: ['dialogues', 'list', params],
    queryFn: () => api<ListResult<DialogueListItem>>('GET', `/api/dialogues${queryString({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

export interface BoardParams {
  year: number;
  q: string;
  sort: string;
  page: number;
  perPage: number;
  missing: boolean;
}

export function useDialogueBoard(params: BoardParams) {
  return useQuery({
    queryKey: ['dialogues', 'board', params],
    queryFn: () =>
      api<Board>(
        'GET',
        `/api/dialogues/board${queryString({ ...params, missing: params.missing ? 'true' : undefined })}`,
      ),
    placeholderData: (previous) => previous,
  });
}

export function useDialogue(id: number) {
  return useQuery({
    queryKey: ['dialogues', 'item', id],
    queryFn: () => api<DialogueDetail>('GET', `/api/dialogues/${id}`),
  });
}

export function useCreateDialogue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api<DialogueDetail>('POST', '/api/dialogues', input),
    onSuccess: (detail) => {
      client.setQueryData(['dialogues', 'item', detail.id], detail);
      return client.invalidateQueries({ queryKey: ['dialogues', 'list'] });
    },
  });
}

/**
 * Every change to a dialogue answers with the whole dialogue at its new version: the page's copy is
 * replaced by it, so the next change carries that version.
 */
export function useDialogueChange(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      method,
      path,
      body,
    }: {
      method: 'POST' | 'PUT' | 'DELETE';
      path: string;
      body?: unknown;
    }) => api<DialogueDetail>(method, `/api/dialogues/${id}${path}`, body),
    onSuccess: (detail) => {
      client.setQueryData(['dialogues', 'item', id], detail);
      return client.invalidateQueries({ queryKey: ['dialogues', 'list'] });
    },
  });
}

/** The units a commitment of the dialogue may be given to (its own units, the provincial bodies), all of them. */
export function useLeadUnits(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['dialogues', 'lead-units', id],
    queryFn: () =>
      fetchAllPages<{ id: number; name: string; type: string }>(`/api/dialogues/${id}/lead-units`),
    enabled,
    staleTime: 300_000,
  });
}
