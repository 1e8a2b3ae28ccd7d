import { useQuery } from '@tanstack/react-query';
import type { SurveyLinkView } from '../../../../core/surveys/link-schemas.ts';
import { api, queryString } from '../../api/client.ts';

/** A questionnaire's name, for the page's title (GET /api/surveys/:id). */
export function useSurveyName(surveyId: number) {
  return useQuery({
    queryKey: ['surveys', surveyId, 'name'],
    queryFn: () =>
      api<{ nameVi: string; nameEn: string | null; revision: number }>('GET', `/api/surveys/${surveyId}`),
  });
}

/** The unit's short link and its QR code (GET /api/surveys/:id/links). */
export function useSurveyLink(surveyId: number, unitId: number | null) {
  return useQuery({
    queryKey: ['surveys', surveyId, 'links', unitId],
    queryFn: () => api<SurveyLinkView>('GET', `/api/surveys/${surveyId}/links${queryString({ unitId })}`),
    enabled: unitId !== null,
  });
}

export const posterUrl = (surveyId: number, unitId: number) =>
  `/api/surveys/${surveyId}/poster${queryString({ unitId })}`;
