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
  /** Null for the province's plan on PAPI alone. */
  round: { id: number; name: string } | null;
  year: number;
}

/** `?round=&unit=`: a unit's plan from a published round; `?index=PAPI`: the province's PAPI plan. */
function sourceOf(search: Record<string, unknown>) {
  if (search.index === 'PAPI')
    return { key: 'chiso.plan-remediation.papi', url: '/api/indices/papi/remediation-draft' };
  const roundId = Number(search.round);
  const unitId = Number(search.unit);
  if (!(roundId > 0 && unitId > 0)) return null;
  return {
    key: `chiso.plan-remediation.${roundId}.${unitId}`,
    url: `/api/rounds/${roundId}/remediation-draft?unitId=${unitId}`,
  };
}

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
  const source = sourceOf(search);
  const key = source?.key ?? '';
  const [kept, setKept] = useState(() => (source ? restore(source.key) : null));
  const fresh = useQuery({
    queryKey: ['remediation-draft', source?.url],
    queryFn: () => api<RemediationDraft>('GET', source?.url ?? ''),
    enabled: kept === null && source !== null,
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

  if (!source) return <Alert color="orange">{t('remediationNoRound')}</Alert>;
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
            {draft.round
              ? fill(t('remediationIntro'), { round: draft.round.name, criteria: own, dimensions: national })
              : fill(t('remediationIntroPapi'), { dimensions: national })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('remediationSaveHint')}{' '}
            {draft.round ? (
              <Anchor component={Link} to={`/assessment/rounds/${draft.round.id}/results`}>
                {t('remediationBackToResults')}
              </Anchor>
            ) : (
              <Anchor component={Link} to="/indices/papi">
                {t('remediationBackToPapi')}
              </Anchor>
            )}
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
      remediatesRoundId={draft.round?.id ?? null}
      asDraft
      onSaved={async (plan) => {
        sessionStorage.removeItem(key);
        await navigate({ to: '/plans/$planId', params: { planId: String(plan.id) } });
      }}
    />
  );
}
