import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Framework } from '../../../../core/frameworks/framework.ts';
import type { Stage } from '../../../../core/frameworks/rounds.ts';
import type { NonSubmitterRule } from '../../../../core/frameworks/scoring.ts';
import { api } from '../../api/client.ts';

export interface FrameworkSummary {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  fromYear: number;
  toYear: number | null;
  status: string;
  builtIn: boolean;
  criteria: number;
  maximum: number | null;
}

export interface Round {
  id: number;
  name: string;
  year: number;
  frameworkId: number;
  frameworkName: string;
  frameworkNameEn: string | null;
  ownerUnitId: number;
  stage: Stage;
  deadlines: Record<string, string>;
  bonusCap: number;
  penaltyCap: number;
  nonSubmitters: NonSubmitterRule;
  publishedAt: string | null;
  version: number;
}

export interface RoundDetail extends Round {
  leafCount: number;
  maximum: number | null;
  overdue: boolean;
  units: {
    unitId: number;
    name: string;
    code: string | null;
    selfSubmittedAt: string | null;
    selfScored: number;
    appraised: number;
    returned: number;
    total: number | null;
  }[];
}

export interface SheetCriterion {
  code: string;
  parent: string | null;
  depth: number;
  nameVi: string;
  maxPoints: number | null;
  evidenceRequired: boolean;
  guidance: string | null;
  isLeaf: boolean;
  selfScore: number | null;
  selfComment: string | null;
  appraisedScore: number | null;
  appraisalReason: string | null;
  returnedReason: string | null;
  explanation: string | null;
  /** The criterion's version as read (0: never saved); every save carries it. */
  version: number;
  /** Null for a unit left out of the ranking (it never sent its self-assessment). */
  score: number | null;
  evidenceCount: number;
  /** A survey-derived criterion: what the satisfaction surveys measured for the unit in the round's year. */
  survey: { surveyId: number; rate: number | null; respondents: number; enough: boolean } | null;
}

export interface Sheet {
  round: Round;
  unit: { id: number; name: string };
  selfSubmittedAt: string | null;
  bonus: number;
  penalty: number;
  adjustmentReason: string | null;
  criteria: SheetCriterion[];
  participating: boolean;
  total: number | null;
  percent: number | null;
  band: string | null;
}

export interface Results {
  round: Round;
  previousRound: { id: number; name: string; year: number } | null;
  criteria: { code: string; nameVi: string; maxPoints: number | null }[];
  /** Over the units that take part (a unit left out weighs nothing). */
  average: Record<string, number>;
  participating: number;
  units: {
    unitId: number;
    name: string;
    /** False for a non-submitter the round leaves out: no score, band or rank ("không tham gia"). */
    participating: boolean;
    total: number | null;
    percent: number | null;
    band: string | null;
    rank: number | null;
    /** Change in % of the maximum since the previous published round (successors followed). */
    change: number | null;
    bonus: number;
    penalty: number;
    areas: Record<string, number>;
    gaps: { code: string; nameVi: string; score: number; maxPoints: number; lost: number }[];
  }[];
}

export const useFrameworks = () =>
  useQuery({ queryKey: ['frameworks'], queryFn: () => api<FrameworkSummary[]>('GET', '/api/frameworks') });

export const useFramework = (id: number | null) =>
  useQuery({
    queryKey: ['frameworks', id],
    queryFn: () =>
      api<{ id: number; version: number; definition: Framework }>('GET', `/api/frameworks/${id}`),
    enabled: id !== null,
  });

export const useRounds = () =>
  useQuery({ queryKey: ['rounds'], queryFn: () => api<Round[]>('GET', '/api/rounds') });

export const useRound = (id: number) =>
  useQuery({ queryKey: ['rounds', id], queryFn: () => api<RoundDetail>('GET', `/api/rounds/${id}`) });

export const useSheet = (roundId: number, unitId: number) =>
  useQuery({
    queryKey: ['rounds', roundId, 'sheet', unitId],
    queryFn: () => api<Sheet>('GET', `/api/rounds/${roundId}/units/${unitId}`),
  });

export const useResults = (roundId: number) =>
  useQuery({
    queryKey: ['rounds', roundId, 'results'],
    queryFn: () => api<Results>('GET', `/api/rounds/${roundId}/results`),
  });

/** Every write of the assessment screens: on success the round's queries are read again. */
export function useRoundWrite<T, R>(write: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: ['rounds'] }),
  });
}

/** A framework's name in the reader's language (a province's own framework may be named in Vietnamese only). */
export function frameworkNameIn(
  locale: 'vi' | 'en',
  framework: { nameVi: string; nameEn?: string | null | undefined },
): string {
  return locale === 'en' && framework.nameEn ? framework.nameEn : framework.nameVi;
}

/** The bands the shipped frameworks use, in English; a province's own band reads as it was written. */
const BANDS_EN: Record<string, string> = {
  'Xuất sắc': 'Excellent',
  Tốt: 'Good',
  Khá: 'Fair',
  'Trung bình': 'Average',
  Yếu: 'Weak',
  Kém: 'Poor',
  'Trên 80%': 'Above 80%',
  'Dưới 80%': 'Below 80%',
  'Đạt mục tiêu 2030 (≥ 95%)': 'Meets the 2030 target (≥ 95%)',
};
export function bandIn(locale: 'vi' | 'en', band: string | null): string {
  if (!band) return '—';
  return locale === 'en' ? (BANDS_EN[band] ?? band) : band;
}
