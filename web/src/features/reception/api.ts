import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FeedbackOutcome, FeedbackStatus } from '../../../../core/feedback/workflow.ts';
import type {
  EntryKind,
  Frequency,
  HostLevel,
  Privacy,
  SessionKind,
  SessionMode,
  SessionStatus,
} from '../../../../core/reception/labels.ts';
import type { ChecklistItem } from '../../../../core/reception/online.ts';
import type {
  createEntrySchema,
  createRuleSchema,
  createSessionSchema,
  EntryFields,
  onlineCheckSchema,
  petitionSchema,
  postponeSchema,
  RuleFields,
  recordSessionSchema,
} from '../../../../core/reception/reception-schemas.ts';
import type { FrequencyBucket } from '../../../../core/reception/schedule.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';

/** Reception days and the register as the API answers them (server/reception/reception-queries.ts). */
export interface Rule {
  id: number;
  unitId: number;
  hostLevel: HostLevel;
  hostTitle: string;
  hostName: string | null;
  frequency: Frequency;
  weekday: number | null;
  monthWeek: number | null;
  monthDay: number | null;
  startTime: string;
  endTime: string;
  location: string;
  validFrom: string;
  validTo: string | null;
  version: number;
  pattern: { vi: string; en: string };
}

export interface ReceptionSession {
  id: number;
  unitId: number;
  unitName: string;
  ruleId: number | null;
  kind: SessionKind;
  on: string;
  startTime: string;
  endTime: string;
  location: string;
  hostLevel: HostLevel;
  hostTitle: string;
  hostName: string | null;
  delegatedTo: string | null;
  topic: string | null;
  participants: string | null;
  status: SessionStatus;
  publishedAt: string | null;
  publishedOn: string | null;
  publishBy: string;
  publishLate: boolean;
  publishBasis: string;
  postponedReason: string | null;
  replacesId: number | null;
  privacy: Privacy;
  visitorCount: number | null;
  conclusion: string | null;
  mode: SessionMode;
  onlineLink: string | null;
  /** An online session's preparations (null in person). */
  checklist: ChecklistItem[] | null;
  version: number;
}

export interface Entry {
  id: number;
  unitId: number;
  unitName: string;
  sessionId: number | null;
  year: number;
  number: number;
  receivedOn: string;
  citizenName: string;
  address: string | null;
  idNumber: string | null;
  content: string;
  kind: EntryKind;
  peopleCount: number;
  priorHandling: string | null;
  request: string | null;
  handling: string | null;
  inCompetence: boolean;
  guidedTo: string | null;
  transferredTo: string | null;
  note: string | null;
  noticeDueOn: string;
  noticedOn: string | null;
  noticeOverdue: boolean;
  representatives: string[];
  referredBy: string | null;
  resolvedOn: string | null;
  referrerDueOn: string | null;
  referrerNotifiedOn: string | null;
  citizenInformDueOn: string | null;
  referrerLate: boolean;
  version: number;
  feedback: {
    id: number;
    code: string;
    status: FeedbackStatus;
    outcome: FeedbackOutcome | null;
    dueOn: string;
  } | null;
}

export interface SessionDetail extends ReceptionSession {
  canHandle: boolean;
  /** A deputy may be recorded as receiving in the head's stead on this day. */
  delegationAllowed: boolean;
  entries: Entry[];
  visitors: number;
  replacedBy: { id: number; on: string } | null;
  replaces: { id: number; on: string } | null;
}

export interface ComplianceUnit {
  unitId: number;
  unitName: string;
  held: number;
  planned: number;
  periods: number;
  shortPeriods: FrequencyBucket[];
  publishedLate: number;
  noticeOverdue: number;
}

const KEY = ['reception'] as const;

export function useRules(unitId: number | null) {
  return useQuery({
    queryKey: [...KEY, 'rules', unitId],
    queryFn: () => api<Rule[]>('GET', `/api/reception/rules${queryString({ unitId })}`),
    enabled: unitId !== null,
  });
}

export function useSessions(params: {
  unitId: number | null;
  from?: string;
  to?: string;
  page: number;
  perPage: number;
}) {
  return useQuery({
    queryKey: [...KEY, 'sessions', params],
    queryFn: () =>
      api<ListResult<ReceptionSession>>('GET', `/api/reception/sessions${queryString({ ...params })}`),
    enabled: params.unitId !== null,
    placeholderData: (previous) => previous,
  });
}

export function useSession(id: number) {
  return useQuery({
    queryKey: [...KEY, 'session', id],
    queryFn: () => api<SessionDetail>('GET', `/api/reception/sessions/${id}`),
  });
}

export interface EntryParams {
  unitId: number | null;
  year: number;
  q: string;
  sort: string;
  page: number;
  perPage: number;
  overdue?: boolean;
}

export function useEntries(params: EntryParams) {
  return useQuery({
    queryKey: [...KEY, 'entries', params],
    queryFn: () => api<ListResult<Entry>>('GET', `/api/reception/entries${queryString({ ...params })}`),
    enabled: params.unitId !== null,
    placeholderData: (previous) => previous,
  });
}

export function useCheck(query: { unitId: number | null; from: string; to: string }) {
  return useQuery({
    queryKey: [...KEY, 'check', query],
    queryFn: () => api<{ buckets: FrequencyBucket[] }>('GET', `/api/reception/check${queryString(query)}`),
    enabled: query.unitId !== null,
  });
}

export function useCompliance(query: { from: string; to: string }, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'compliance', query],
    queryFn: () => api<{ units: ComplianceUnit[] }>('GET', `/api/reception/compliance${queryString(query)}`),
    enabled,
  });
}

/** Every change to reception reloads what reception shows (and feedback, a petition being made). */
function useChange<I, O>(call: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: KEY });
      await client.invalidateQueries({ queryKey: ['feedback'] });
    },
  });
}

export const useSaveRule = () =>
  useChange((input: { id: number | null; version: number; unitId: number; fields: RuleFields }) =>
    input.id === null
      ? api<Rule>('POST', '/api/reception/rules', {
          unitId: input.unitId,
          ...input.fields,
        } satisfies z.input<typeof createRuleSchema>)
      : api<Rule>('PUT', `/api/reception/rules/${input.id}`, { ...input.fields, version: input.version }),
  );

export const useGenerate = () =>
  useChange((input: { ruleId: number; weeks: number }) =>
    api<{ created: number; existing: number }>('POST', `/api/reception/rules/${input.ruleId}/generate`, {
      weeks: input.weeks,
    }),
  );

export const useDeleteRule = () =>
  useChange((input: { ruleId: number; version: number }) =>
    api<{ deleted: true; sessionsRemoved: number }>(
      'DELETE',
      `/api/reception/rules/${input.ruleId}?version=${input.version}`,
    ),
  );

export const useCreateSession = () =>
  useChange((input: z.output<typeof createSessionSchema>) =>
    api<ReceptionSession>('POST', '/api/reception/sessions', input),
  );

export type SessionStep =
  | { type: 'publish'; version: number }
  | ({ type: 'postpone' } & z.input<typeof postponeSchema>)
  | { type: 'cancel'; version: number; reason: string }
  | ({ type: 'record' } & z.output<typeof recordSessionSchema>)
  | ({ type: 'online-check' } & z.output<typeof onlineCheckSchema>);

export const useSessionStep = (id: number) =>
  useChange(({ type, ...body }: SessionStep) =>
    api<{ session: ReceptionSession; timing?: { publishBy: string; late: boolean } }>(
      'POST',
      `/api/reception/sessions/${id}/${type}`,
      body,
    ),
  );

export const useSaveEntry = () =>
  useChange(
    (input: {
      id: number | null;
      version: number;
      create?: z.output<typeof createEntrySchema>;
      fields: EntryFields;
    }) =>
      input.id === null
        ? api<Entry>('POST', '/api/reception/entries', input.create)
        : api<Entry>('PUT', `/api/reception/entries/${input.id}`, {
            ...input.fields,
            version: input.version,
          }),
  );

export const useMarkNoticed = () =>
  useChange((input: { id: number; version: number; noticedOn: string }) =>
    api<Entry>('POST', `/api/reception/entries/${input.id}/noticed`, {
      version: input.version,
      noticedOn: input.noticedOn,
    }),
  );

export const useTurnIntoPetition = () =>
  useChange((input: { id: number } & z.output<typeof petitionSchema>) => {
    const { id, ...body } = input;
    return api<{ feedback: { id: number; code: string } }>(
      'POST',
      `/api/reception/entries/${id}/petition`,
      body,
    );
  });

export interface ReceptionSettings {
  delegation: boolean | null;
  today: { allowed: boolean; basis: string };
  version: number;
}

export function useReceptionSettings(enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: () => api<ReceptionSettings>('GET', '/api/reception/settings'),
    enabled,
  });
}

export const useSaveReceptionSettings = () =>
  useChange((input: { delegation: boolean | null; version: number }) =>
    api<ReceptionSettings>('PUT', '/api/reception/settings', input),
  );
