import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangeBetween, Figure, WeightedFigure } from '../../../../core/surveys/results.ts';
import { api, type ListResult, queryString } from '../../api/client.ts';

export interface FigurePair {
  unweighted: Figure;
  weighted: WeightedFigure | null;
}

export interface QuestionResult extends FigurePair {
  code: string;
  element: string | null;
  answered: number;
  distribution: Record<string, number>;
  textVi?: string;
  textEn?: string;
  unconfirmed?: boolean;
}

export interface SurveyResultsView {
  survey: {
    id: number;
    code: string;
    revision: number;
    nameVi: string;
    nameEn: string | null;
    status: string;
  };
  unit: { id: number; name: string; type: string };
  breadcrumbs: { id: number; name: string }[];
  period: string;
  previousPeriod: string;
  method: { index: 'share' | 'mean'; minRespondents: number };
  responses: {
    counted: number;
    excluded: number;
    bySource: { web: number; kiosk: number; paper: number; import: number };
    excludedByReason: { reason: string; count: number }[];
  };
  index: FigurePair;
  subIndices: ({ code: string } & FigurePair)[];
  elements: ({ code: string; nameVi: string; nameEn: string } & FigurePair)[];
  questions: QuestionResult[];
  weakest: QuestionResult[];
  units: ({ unitId: number; name: string; rank: number | null } & FigurePair)[];
  change: {
    index: ChangeBetween | null;
    elements: { code: string; change: ChangeBetween | null }[];
    previousRespondents: number;
  };
  comments: { element: string | null; count: number }[];
}

export interface SurveyArea {
  unitId?: number | undefined;
  period?: string | undefined;
  /** The period to compare with (default: the one just before). */
  compare?: string | undefined;
}

export const resultsKey = (surveyId: number) => ['surveys', surveyId] as const;

export function useSurveyResults(surveyId: number, area: SurveyArea) {
  return useQuery({
    queryKey: [...resultsKey(surveyId), 'results', area],
    queryFn: () =>
      api<SurveyResultsView>('GET', `/api/surveys/${surveyId}/results${queryString({ ...area })}`),
    placeholderData: keepPreviousData,
  });
}

export const exportHref = (surveyId: number, area: SurveyArea, file: 'results.xlsx' | 'responses.csv') =>
  `/api/surveys/${surveyId}/${file}${queryString({ ...area })}`;

export interface SurveyComment {
  responseId: number;
  questionCode: string;
  element: string | null;
  question: string;
  text: string;
  unitId: number;
  unitName: string;
  answeredAt: string;
  source: string;
  reply: { text: string; by: string | null; at: string; version: number } | null;
}

export function useSurveyComments(
  surveyId: number,
  query: SurveyArea & { element?: string | undefined; q?: string | undefined; page: number },
) {
  return useQuery({
    queryKey: [...resultsKey(surveyId), 'comments', query],
    queryFn: () =>
      api<ListResult<SurveyComment>>(
        'GET',
        `/api/surveys/${surveyId}/comments${queryString({ ...query, perPage: 20 })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useReplyToComment(surveyId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { responseId: number; questionCode: string; text: string; version: number }) =>
      api<{ version: number }>(
        'PUT',
        `/api/survey-responses/${input.responseId}/replies/${encodeURIComponent(input.questionCode)}`,
        { text: input.text, version: input.version },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: [...resultsKey(surveyId), 'comments'] }),
  });
}

export interface HeldOut {
  responseId: number;
  unitId: number;
  unitName: string;
  source: string;
  answeredAt: string;
  reason: string;
  reasonText: { vi: string; en: string };
  answers: number;
}

export function useHeldOut(surveyId: number, area: SurveyArea & { page: number }) {
  return useQuery({
    queryKey: [...resultsKey(surveyId), 'excluded', area],
    queryFn: () =>
      api<ListResult<HeldOut>>(
        'GET',
        `/api/surveys/${surveyId}/excluded${queryString({ ...area, perPage: 10 })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSetExclusion(surveyId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { responseId: number; reason: string | null }) =>
      api<{ excludedReason: string | null }>('PUT', `/api/survey-responses/${input.responseId}/exclusion`, {
        reason: input.reason,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: resultsKey(surveyId) }),
  });
}
