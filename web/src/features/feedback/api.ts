import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FEEDBACK_INBOX_FILTERS,
  FeedbackActionInput,
  FeedbackChannel,
  StaffEntry,
} from '../../../../core/feedback/feedback-schemas.ts';
import type { FeedbackKind } from '../../../../core/feedback/kinds.ts';
import type { Ratio } from '../../../../core/feedback/kpi.ts';
import type { FeedbackOutcome, FeedbackStatus } from '../../../../core/feedback/workflow.ts';
import type { FileSignatureSummary } from '../../../../core/files/signature-views.ts';
import type { TargetStatus } from '../../../../core/indicators/targets.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';
import type { TargetRule } from '../indicators/api.ts';

/** The staff's side of citizens' feedback as the API answers it (server/feedback/feedback-queries.ts). */
export type InboxFilter = (typeof FEEDBACK_INBOX_FILTERS)[number];

export interface InboxItem {
  id: number;
  code: string;
  kind: FeedbackKind;
  channel: FeedbackChannel;
  categoryCode: string;
  categoryName: string;
  communeName: string;
  handlingUnitId: number;
  handlingUnitName: string;
  status: FeedbackStatus;
  outcome: FeedbackOutcome | null;
  receivedOn: string;
  dueOn: string;
  isOverdue: boolean;
  excerpt: string;
  version: number;
}

export interface FeedbackEvent {
  id: number;
  action: string;
  on: string;
  at: string;
  actorName: string;
  fromStatus: FeedbackStatus | null;
  toStatus: FeedbackStatus | null;
  fromUnitName: string | null;
  toUnitName: string | null;
  visibility: 'public' | 'citizen' | 'internal';
  note: string | null;
  /** The deadline this step set. */
  dueOn: string | null;
}

export interface FeedbackFile {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  /** What its digital signatures say (null: not a PDF). */
  signature: FileSignatureSummary | null;
}

export interface FeedbackDetail {
  id: number;
  code: string;
  kind: FeedbackKind;
  /** The reader may act on it (the handling unit's staff). */
  canHandle: boolean;
  procedure: string;
  categoryCode: string;
  /** The category's name, retired or not. */
  categoryName: { vi: string; en: string } | null;
  channel: FeedbackChannel;
  text: string;
  citizenName: string | null;
  publishName: boolean;
  contactPhone: string | null;
  contactEmail: string | null;
  contactAddress: string | null;
  /** Where exactly it happens, in words; and the map point when the sender's device gave one. */
  placeText: string | null;
  lat: number | null;
  lng: number | null;
  status: FeedbackStatus;
  outcome: FeedbackOutcome | null;
  outcomeReason: string | null;
  forwardedTo: string | null;
  receivedOn: string;
  acceptedOn: string | null;
  answeredOn: string | null;
  closedOn: string | null;
  dueOn: string;
  answer: string | null;
  rating: 'satisfied' | 'not_satisfied' | null;
  reopened: number;
  version: number;
  handlingUnitId: number;
  communeName: string;
  handlingUnitName: string;
  duplicateOfCode: string | null;
  clocks: { step: 'forward' | 'acknowledge' | 'publish'; dueOn: string; basis: string; source: string }[];
  events: FeedbackEvent[];
  files: FeedbackFile[];
}

/** A unit's petition figures ("closed" counted apart, never as resolved), and the on-time target. */
export interface FeedbackFigureSet {
  items: number;
  closed: number;
  onTime: Ratio;
  resolved: Ratio;
  satisfied: Ratio;
  medianDaysToAnswer: number | null;
  overdue: number;
  onTimeTarget: TargetRule | null;
  onTimeStatus: TargetStatus | null;
}

export interface FeedbackFigures extends FeedbackFigureSet {
  unitId: number;
  from: string;
  to: string;
  /** The units directly below with any petition (and the unit itself when it answers some), most overdue first. */
  units: ({ unit: { id: number; name: string; type: string }; own: boolean } & FeedbackFigureSet)[];
}

export interface FeedbackFormChoices {
  categories: { code: string; vi: string; en: string }[];
  communes: { code: string; name: string }[];
}

export interface InboxParams {
  filter: InboxFilter;
  q: string;
  sort: string;
  page: number;
  perPage: number;
}

export function useFeedbackInbox(params: InboxParams) {
  return useQuery({
    queryKey: ['feedback', 'inbox', params],
    queryFn: () => api<ListResult<InboxItem>>('GET', `/api/feedback${queryString({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

/** How many items each filter holds (one row asked for: the total is the count). */
export function useFeedbackCount(filter: InboxFilter, enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'count', filter],
    queryFn: async () =>
      (await api<ListResult<InboxItem>>('GET', `/api/feedback${queryString({ filter, perPage: 1 })}`)).total,
    enabled,
  });
}

export function useFeedbackItem(id: number) {
  return useQuery({
    queryKey: ['feedback', 'item', id],
    queryFn: () => api<FeedbackDetail>('GET', `/api/feedback/${id}`),
  });
}

export function useFeedbackFigures(query: { unitId: number | null }) {
  return useQuery({
    queryKey: ['feedback', 'kpis', query],
    queryFn: () => api<FeedbackFigures>('GET', `/api/feedback/kpis${queryString(query)}`),
    enabled: query.unitId !== null,
  });
}

/** The province's categories and communes (the public form's lists). */
export function useFeedbackChoices(enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'choices'],
    queryFn: () => api<FeedbackFormChoices>('GET', '/api/public/feedback/form'),
    staleTime: 300_000,
    enabled,
  });
}

export function useFeedbackAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FeedbackActionInput) =>
      api<{ id: number; status: FeedbackStatus; outcome: FeedbackOutcome | null; version: number }>(
        'POST',
        `/api/feedback/${id}/actions`,
        input,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['feedback'] }),
  });
}

export function useAddFeedbackNote(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => api<{ ok: true }>('POST', `/api/feedback/${id}/notes`, { note }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['feedback', 'item', id] }),
  });
}

export function useEnterFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffEntry) =>
      api<{ id: number; code: string; status: FeedbackStatus; dueOn: string }>(
        'POST',
        '/api/feedback',
        input,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['feedback'] }),
  });
}

/** The province's routing table: category × commune → the unit that answers (installation-wide settings). */
export interface RoutingLine {
  categoryCode: string | null;
  unitId: number | null;
  handlingUnitId: number | null;
  unitName?: string | null;
  handlingUnitName?: string | null;
}

export interface RoutingForm {
  rules: Required<RoutingLine>[];
  categories: { code: string; nameVi: string; nameEn: string; isActive: boolean }[];
  version: number;
}

export function useRoutingForm(enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'routing'],
    queryFn: () => api<RoutingForm>('GET', '/api/feedback/routing'),
    enabled,
    // A commune's coordinator holds the permission but not installation-wide: no settings for them.
    retry: false,
  });
}

/** The province's list of categories, active and retired (installation-wide settings). */
export interface FeedbackCategory {
  code: string;
  nameVi: string;
  nameEn: string;
  position: number;
  isActive: boolean;
  /** An item or a routing line uses it: it may be retired, never deleted. */
  used: boolean;
}

export interface CategoriesForm {
  categories: FeedbackCategory[];
  version: number;
  /** On a save: the codes given to the new lines, by the form's key. */
  created?: { key: string; code: string }[];
}

/** The communes' boundaries the province loaded, for finding a citizen's commune from a map point. */
export interface CommuneAreas {
  loaded: number;
  communes: number;
  missing: { code: string; name: string }[];
  version: number;
}

export function useCommuneAreas() {
  return useQuery({
    queryKey: ['feedback', 'commune-areas'],
    queryFn: () => api<CommuneAreas>('GET', '/api/feedback/commune-areas'),
    retry: false,
  });
}

/** Loads a GeoJSON file of the communes' boundaries, all or nothing; answers what is loaded now. */
export function useLoadCommuneAreas() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<CommuneAreas>('POST', '/api/feedback/commune-areas', form);
    },
    onSuccess: (data) => client.setQueryData(['feedback', 'commune-areas'], data),
  });
}
