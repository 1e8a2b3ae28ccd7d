import { useQuery } from '@tanstack/react-query';
import type { SurveyDefinition } from '../../../../core/surveys/survey.ts';
import type { PaperImportResult } from '../../../../core/surveys/survey-schemas.ts';
import { api, queryString } from '../../api/client.ts';
import type { PaperFormInput } from './paper-grid.ts';

/** One questionnaire version as GET /api/surveys/:id answers it (the parts this page reads). */
export interface SurveyVersion {
  id: number;
  code: string;
  revision: number;
  nameVi: string;
  nameEn: string | null;
  status: string;
  definition: SurveyDefinition;
}

export function useSurveyVersion(id: number) {
  return useQuery({
    queryKey: ['surveys', 'detail', id],
    queryFn: () => api<SurveyVersion>('GET', `/api/surveys/${id}`),
  });
}

export const savePaperForms = (surveyId: number, unitId: number, forms: PaperFormInput[]) =>
  api<{ recorded: number; batch: string | null }>('POST', `/api/surveys/${surveyId}/paper-forms`, {
    unitId,
    forms,
  });

/** A file of paper forms: checked only (`dryRun`) or recorded; `date` (ISO) for rows without one. */
export function importPaperFile(
  surveyId: number,
  query: { unitId: number; dryRun: boolean; date: string | null },
  file: File,
) {
  const form = new FormData();
  form.append('file', file);
  return api<PaperImportResult>(
    'POST',
    `/api/surveys/${surveyId}/paper-import${queryString({ ...query, dryRun: String(query.dryRun) })}`,
    form,
  );
}

export const paperTemplateUrl = (surveyId: number) => `/api/surveys/${surveyId}/paper-template`;

/** The questionnaire to print for paper answers (with the unit's name when one is chosen). */
export const paperFormUrl = (surveyId: number, unitId: number | null) =>
  `/api/surveys/${surveyId}/paper-form${unitId ? `?unitId=${unitId}` : ''}`;
