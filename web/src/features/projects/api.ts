import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Msg } from '../../../../core/errors.ts';
import type {
  Books,
  ContributionKind,
  ProjectStatus,
  ReceiptSource,
} from '../../../../core/projects/books.ts';
import type { NoticeKind } from '../../../../core/projects/project-schemas.ts';
import type { AdoptionVerdict, AnswerState, BoardRole, BoardSide } from '../../../../core/projects/rules.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';

/** Community projects as the API answers them (server/projects/project-view.ts, project-queries.ts). */
export interface ProjectListItem {
  id: number;
  unitId: number;
  unitName: string;
  name: string;
  location: string | null;
  decidedOn: string | null;
  status: ProjectStatus;
  progress: number;
  contributors: number;
  published: boolean;
}

/** The project's own particulars: what its form edits (and autosaves). */
export interface ProjectRecord {
  name: string;
  location: string | null;
  purpose: string | null;
  investor: string | null;
  decisionNumber: string | null;
  decidedOn: string | null;
  households: number | null;
  agreed: number | null;
  budgetStateBudget: number;
  budgetResidents: number;
  budgetSponsors: number;
  budgetOther: number;
  status: ProjectStatus;
  progress: number;
  startedOn: string | null;
  finishedOn: string | null;
  boardDecisionNumber: string | null;
  boardDecidedOn: string | null;
  accountsNumber: string | null;
  accountsOn: string | null;
  accountsReceipts: number | null;
  accountsPayments: number | null;
  accountsNote: string | null;
}

interface Line {
  id: number;
  version: number;
}
export interface ContributionLine extends Line {
  household: string;
  village: string | null;
  kind: ContributionKind;
  quantity: number;
  value: number | null;
  contributedOn: string;
  consent: boolean;
  note: string | null;
}
export interface ReceiptLine extends Line {
  source: ReceiptSource;
  amount: number;
  receivedOn: string;
  note: string | null;
}
export interface PaymentLine extends Line {
  paidOn: string;
  payee: string;
  purpose: string;
  amount: number;
  voucher: string | null;
}
export interface MemberLine extends Line {
  name: string;
  role: BoardRole;
  side: BoardSide;
  note: string | null;
}
export interface NoticeLine extends Line {
  kind: NoticeKind;
  receivedOn: string;
  finding: string;
  recommendation: string | null;
  answeredOn: string | null;
  answer: string | null;
  timing: { state: AnswerState; dueOn: string | null; basis: string | null };
}

export interface ProjectDetail extends ProjectRecord {
  id: number;
  unitId: number;
  unitName: string;
  publishedAt: string | null;
  version: number;
  canWrite: boolean;
  adoption: {
    verdict: AdoptionVerdict;
    rule: { numerator: number; denominator: number; basis: string; note: Msg } | null;
  };
  progressIssue: Msg | null;
  books: Books;
  accounts: { isConsistent: boolean; balance: number; issues: Msg[] } | null;
  boardIssues: Msg[];
  contributions: ContributionLine[];
  receipts: ReceiptLine[];
  payments: PaymentLine[];
  members: MemberLine[];
  notices: NoticeLine[];
}

export type LineKind = 'contributions' | 'receipts' | 'payments' | 'members' | 'notices';

export interface ProjectListParams {
  q: string;
  sort: string;
  page: number;
  perPage: number;
  status: string | null;
}

export function useProjects(params: ProjectListParams) {
  return useQuery({
    queryKey: ['projects', 'list', params],
    queryFn: () => api<ListResult<ProjectListItem>>('GET', `/api/projects${queryString({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

export const projectKey = (id: number) => ['projects', 'item', id];

export function useProject(id: number) {
  return useQuery({
    queryKey: projectKey(id),
    queryFn: () => api<ProjectDetail>('GET', `/api/projects/${id}`),
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api<ProjectDetail>('POST', '/api/projects', input),
    onSuccess: (detail) => {
      client.setQueryData(projectKey(detail.id), detail);
      return client.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}

/** Every change answers with the whole project: the page's copy is replaced by it. */
export function useProjectChange(id: number) {
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
    }) => api<ProjectDetail>(method, `/api/projects/${id}${path}`, body),
    onSuccess: (detail) => {
      client.setQueryData(projectKey(id), detail);
      return client.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}
