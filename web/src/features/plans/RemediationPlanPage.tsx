import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import type { PlanPreview } from './api.ts';
import { PlanReview } from './PlanReview.tsx';
import { type Draft, draftOf } from './plan-review.ts';

interface RemediationDraft extends PlanPreview {
  unit: { id: number; name: string };
  round: { id: number; name: string };
  year: number;
}

const keyOf = (roundId: number, unitId: number) => `chiso.plan-remediation.${roundId}.${unitId}`;

function restore(key: string): { draft: RemediationDraft; edited: Draft } | null {
  try {
    const stored = sessionStorage.getItem(key);
    return stored ? JSON.parse(stored) : null;
  } catch {
    return null;
  }
}

/**
 * A unit's remediation plan drafted from its published results (GET /api/rounds/:id/remediation-draft),
 * reviewed in the same screen as a plan read from a document and saved as the unit's draft plan.
 * What is typed is kept in the session per round and unit until it is saved.
 */
export function RemediationPlanPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const roundId = Number(search.round);
  const unitId = Number(search.unit);
  const key = keyOf(roundId, unitId);
  const [kept, setKept] = useState(() => restore(key));
  const fresh = useQuery({
    queryKey: ['remediation-draft', roundId, unitId],
    queryFn: () => api<RemediationDraft>('GET', `/api/rounds/${roundId}/remediation-draft?unitId=${unitId}`),
    enabled: kept === null && roundId > 0 && unitId > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (kept === null && fresh.data)
      setKept({ draft: fresh.data, edited: draftOf(fresh.data, fresh.data.unit, fresh.data.year) });
  }, [kept, fresh.data]);
  useEffect(() => {
    try {
      if (kept) sessionStorage.setItem(key, JSON.stringify(kept));
    } catch {}
  }, [key, kept]);

  if (!(roundId > 0 && unitId > 0)) return <Alert color="orange">{t('remediationNoRound')}</Alert>;
  if (fresh.error) return <Alert color="orange">{fresh.error.message}</Alert>;
  if (!kept) return <Text>{t('loading')}</Text>;
  const { draft } = kept;
  const own = draft.plan.tasks.filter((task) => task.index !== 'PAPI').length;
  const national = draft.plan.tasks.length - own;
  return (
    <PlanReview
      heading={fill(t('remediationHeading'), { unit: draft.unit.name })}
      intro={
        <Stack gap={4}>
          <Text size="sm">
            {fill(t('remediationIntro'), { round: draft.round.name, criteria: own, dimensions: national })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('remediationSaveHint')}{' '}
            <Anchor component={Link} to={`/assessment/rounds/${draft.round.id}/results`}>
              {t('remediationBackToResults')}
            </Anchor>
          </Text>
        </Stack>
      }
      preview={draft}
      draft={kept.edited}
      onDraft={(edited) => setKept({ draft, edited })}
      startOverLabel={t('remediationStartOver')}
      onStartOver={() => {
        sessionStorage.removeItem(key);
        setKept(null);
        void fresh.refetch();
      }}
      remediatesRoundId={draft.round.id}
      onSaved={async (plan) => {
        sessionStorage.removeItem(key);
        await navigate({ to: '/plans/$planId', params: { planId: String(plan.id) } });
      }}
    />
  );
}
