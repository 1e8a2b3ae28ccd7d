import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadlineRule, DisclosurePlace, PeriodRule } from '../../../../core/disclosures/catalogue.ts';
import type {
  ComplianceTally,
  ObligationStatus,
  PlaceStatus,
} from '../../../../core/disclosures/compliance.ts';
import type {
  ObligationPublication,
  PublishObligation,
} from '../../../../core/disclosures/disclosure-schemas.ts';
import type { FileSignatureSummary } from '../../../../core/files/signature-views.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';

export type { ObligationPublication };

/** The disclosures register as the API answers it (server/disclosures/disclosure-queries.ts). */
export interface ObligationItem {
  id: number;
  unitId: number;
  unitName: string;
  itemCode: string;
  itemName: { vi: string; en: string } | null;
  title: string;
  decisionNumber: string | null;
  decisionDate: string;
  periodFrom: string | null;
  periodTo: string | null;
  documentUrl: string | null;
  due: string | null;
  status: ObligationStatus;
  complete: boolean;
  records: number;
  /** On the public register since (null: not public). */
  publishedAt: string | null;
  version: number;
}

export interface CatalogueEntry {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  basis: string;
  article: string;
  unitTypes: string[];
  places: DisclosurePlace[];
  period: PeriodRule;
  loudspeakerDays: number | null;
  deadline: DeadlineRule;
  validFrom: string;
  validTo: string | null;
  unconfirmed: boolean;
  note: string | null;
  builtIn: boolean;
  version: number;
}

export interface RecordEntry {
  id: number;
  place: DisclosurePlace;
  placeDetail: string | null;
  from: string;
  to: string | null;
  note: string | null;
  version: number;
  status: Exclude<PlaceStatus, 'not_due' | 'missing'> | null;
  late: boolean;
  requiredUntil: string | null;
}

export interface ObligationDetail extends ObligationItem {
  rule: Omit<CatalogueEntry, 'builtIn' | 'version' | 'unitTypes'> | null;
  places: { place: DisclosurePlace; status: PlaceStatus; late: boolean }[];
  recordList: RecordEntry[];
  publicFileId: number | null;
  files: {
    id: number;
    fileName: string;
    size: number;
    uploadedAt: string;
    uploadedBy: string | null;
    /** What its digital signatures say (null: not a PDF). */
    signature: FileSignatureSummary | null;
  }[];
  canRecord: boolean;
  updatedAt: string;
}

export interface BoardRow {
  unitId: number;
  name: string;
  counts: ComplianceTally;
  problems: number;
  onTime: number | null;
  numerator: number;
  denominator: number;
}

export interface Board extends ListResult<BoardRow> {
  unitType: 'commune' | 'department';
  overall: Omit<BoardRow, 'unitId' | 'name'>;
}

export interface ObligationParams {
  unitId: number | null;
  status: ObligationStatus | null;
  q: string;
  sort: string;
  page: number;
  perPage: number;
}

export function useObligations(params: ObligationParams) {
  return useQuery({
    queryKey: ['disclosures', 'list', params],
    queryFn: () => api<ListResult<ObligationItem>>('GET', `/api/disclosures${queryString({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

export function useObligation(id: number) {
  return useQuery({
    queryKey: ['disclosures', 'item', id],
    queryFn: () => api<ObligationDetail>('GET', `/api/disclosures/${id}`),
  });
}

export function useComplianceBoard(params: {
  unitType: 'commune' | 'department';
  q: string;
  sort: string;
  page: number;
  perPage: number;
}) {
  return useQuery({
    queryKey: ['disclosures', 'board', params],
    queryFn: () => api<Board>('GET', `/api/disclosures/board${queryString({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

export function useCatalogue() {
  return useQuery({
    queryKey: ['disclosures', 'catalogue'],
    queryFn: () => api<CatalogueEntry[]>('GET', '/api/disclosures/catalogue'),
    staleTime: 60_000,
  });
}

export function useCreateObligation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Record<string, unknown>) => api<ObligationDetail>('POST', '/api/disclosures', input),
    onSuccess: (detail) => {
      client.setQueryData(['disclosures', 'item', detail.id], detail);
      return client.invalidateQueries({ queryKey: ['disclosures', 'list'] });
    },
  });
}

/** A change to an obligation that answers with the obligation as it now stands (records, files, edits). */
export function useObligationChange(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      method,
      path,
      body,
    }: {
      method: 'POST' | 'PUT' | 'DELETE';
      path: string;
      body?: unknown;
    }) => {
      const answer = await api<ObligationDetail | { obligation: ObligationDetail } | undefined>(
        method,
        path,
        body,
      );
      return answer && 'obligation' in answer ? answer.obligation : answer;
    },
    onSuccess: (detail) => {
      if (detail) client.setQueryData(['disclosures', 'item', id], detail);
      // What the public would see (places begun, the file) and the version may have changed.
      void client.invalidateQueries({ queryKey: ['disclosures', 'publication', id] });
      return client.invalidateQueries({ queryKey: ['disclosures', 'list'] });
    },
  });
}

/**
 * The obligation on the public register: its state and what the public would read of it, and the
 * switch (on, or off with a reason) at the version read.
 */
export function useObligationPublication(id: number) {
  const client = useQueryClient();
  const key = ['disclosures', 'publication', id];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api<ObligationPublication>('GET', `/api/disclosures/${id}/publication`),
  });
  const change = useMutation({
    mutationFn: (input: PublishObligation) =>
      api<ObligationPublication>('PUT', `/api/disclosures/${id}/publication`, input),
    onSuccess: (answer) => {
      client.setQueryData(key, answer);
      void client.invalidateQueries({ queryKey: ['disclosures', 'item', id] });
      return client.invalidateQueries({ queryKey: ['disclosures', 'list'] });
    },
  });
  return { query, change };
}

export function useSaveCatalogueItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: unknown }) =>
      api<CatalogueEntry>(
        id === null ? 'POST' : 'PUT',
        `/api/disclosures/catalogue${id === null ? '' : `/${id}`}`,
        body,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['disclosures'] }),
  });
}
