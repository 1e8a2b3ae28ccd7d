/** The questionnaires' versions as the list and the editor read and change them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyDefinition, SurveyStatus } from '../../../../core/surveys/survey.ts';
import { api } from '../../api/client.ts';

export interface SurveyVersion {
  id: number;
  code: string;
  revision: number;
  nameVi: string;
  nameEn: string | null;
  fromYear: number;
  toYear: number | null;
  status: SurveyStatus;
  confirmed: boolean;
  builtIn: boolean;
  questions: number;
  unconfirmedQuestions: number;
  publishedAt: string | null;
}

export interface SurveyDetail extends SurveyVersion {
  version: number;
  definition: SurveyDefinition;
}

export const useSurveyVersions = () =>
  useQuery({ queryKey: ['surveys'], queryFn: () => api<SurveyVersion[]>('GET', '/api/surveys') });

export const useSurveyDetail = (id: number) =>
  useQuery({ queryKey: ['surveys', id], queryFn: () => api<SurveyDetail>('GET', `/api/surveys/${id}`) });

/** A change to a version; every list and detail of questionnaires is read again after it. */
export function useSurveyChange<Input>(send: (input: Input) => Promise<SurveyDetail | undefined>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys'] }),
  });
}

export const surveyAction = (id: number, action: 'revisions' | 'retire') =>
  api<SurveyDetail>('POST', `/api/surveys/${id}/${action}`);
export const publishSurvey = (id: number, version: number) =>
  api<SurveyDetail>('POST', `/api/surveys/${id}/publish`, { version });
export const deleteSurvey = (id: number) => api<undefined>('DELETE', `/api/surveys/${id}`);

/** A workbook sent as the one file of a form: a new questionnaire, or a draft's replacement. */
export function sendWorkbook(url: string, method: 'POST' | 'PUT', file: File) {
  const body = new FormData();
  body.append('file', file);
  return api<SurveyDetail>(method, url, body);
}
