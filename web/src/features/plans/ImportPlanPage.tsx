import { Alert, Button, FileButton, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { type PlanPreview, previewPlan } from './api.ts';
import { PlanReview } from './PlanReview.tsx';
import { type Draft, draftOf } from './plan-review.ts';

const DRAFT_KEY = 'chiso.plan-import';

function restoreDraft(): { text: string; preview: PlanPreview | null; draft: Draft | null } | null {
  try {
    const stored = sessionStorage.getItem(DRAFT_KEY);
    return stored ? JSON.parse(stored) : null;
  } catch {
    return null;
  }
}

/** Paste or upload a plan document, check what was read, map the agencies, save. */
export function ImportPlanPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [saved] = useState(restoreDraft);
  const [text, setText] = useState(saved?.text ?? '');
  const [reading, setReading] = useState(false);
  const [preview, setPreview] = useState<PlanPreview | null>(saved?.preview ?? null);
  const [draft, setDraft] = useState<Draft | null>(
    saved?.draft ? { ...saved.draft, parts: saved.draft.parts ?? null } : null,
  );
  // What the person has typed survives a reload or a wrong click, until the plan is saved.
  useEffect(() => {
    try {
      if (preview || text) sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ text, preview, draft }));
    } catch {}
  }, [text, preview, draft]);
  const [error, setError] = useState<ApiError | null>(null);

  const writable = me?.grants.find((grant) => grant.role === 'coordinator' || grant.role === 'admin');
  const owner = writable?.unitId ? { id: writable.unitId, name: writable.unitName ?? '' } : null;

  const read = async (source: { text: string } | { file: File }) => {
    setReading(true);
    setError(null);
    try {
      const result = await previewPlan(source);
      setPreview(result);
      setText(result.text);
      setDraft(draftOf(result, owner));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    } finally {
      setReading(false);
    }
  };

  if (preview && draft)
    return (
      <PlanReview
        heading={t('importPlan')}
        preview={preview}
        draft={draft}
        onDraft={setDraft}
        startOverLabel={t('readAgain')}
        onStartOver={() => {
          setPreview(null);
          setDraft(null);
          setText('');
          sessionStorage.removeItem(DRAFT_KEY);
        }}
        remediatesRoundId={null}
        onSaved={async (plan) => {
          sessionStorage.removeItem(DRAFT_KEY);
          await navigate({ to: '/plans/$planId', params: { planId: String(plan.id) } });
        }}
      />
    );

  return (
    <Stack>
      <Title order={2}>{t('importPlan')}</Title>
      <Text c="dimmed">{t('importPlanHelp')}</Text>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      <Textarea
        label={t('documentText')}
        autosize
        minRows={12}
        maxRows={24}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <Group>
        <Button onClick={() => read({ text })} loading={reading} disabled={text.trim().length === 0}>
          {t('read')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('orChooseFile')}
        </Text>
        <FileButton onChange={(file) => file && read({ file })} accept=".docx,.txt,.md">
          {(props) => (
            <Button variant="light" loading={reading} {...props}>
              .docx / .txt / .md
            </Button>
          )}
        </FileButton>
      </Group>
    </Stack>
  );
}
