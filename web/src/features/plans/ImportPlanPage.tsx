import { Alert, Button, FileButton, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { type PlanPreview, type PlanSource, previewPlan, usePlanOcrJob } from './api.ts';
import { PlanReview } from './PlanReview.tsx';
import { type Draft, draftOf } from './plan-review.ts';
import { RecentScans } from './RecentScans.tsx';
import { ScanProgress } from './ScanProgress.tsx';

const DRAFT_KEY = 'chiso.plan-import';
/** What the file button takes (server/files/documents.ts). */
const FILE_TYPES = '.docx,.doc,.pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt,.md';

interface ScanJob {
  id: number;
  fileName: string;
}

function restoreDraft(): {
  text: string;
  preview: PlanPreview | null;
  draft: Draft | null;
  scan?: ScanJob | null;
  source?: PlanSource | null;
} | null {
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
  // A scan being recognised runs on the server; the page follows its job, and finds it again after a reload.
  const [scan, setScan] = useState<ScanJob | null>(saved?.scan ?? null);
  const { data: scanJob } = usePlanOcrJob(scan?.id ?? null);
  // The file the plan was read from, with its signatures: kept through a scan's recognition.
  const [source, setSource] = useState<PlanSource | null>(saved?.source ?? null);
  // What the person has typed survives a reload or a wrong click, until the plan is saved.
  useEffect(() => {
    try {
      if (preview || text || scan)
        sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ text, preview, draft, scan, source }));
    } catch {}
  }, [text, preview, draft, scan, source]);
  const [error, setError] = useState<ApiError | null>(null);

  const writable = me?.grants.find((grant) => grant.role === 'coordinator' || grant.role === 'admin');
  const owner = writable?.unitId ? { id: writable.unitId, name: writable.unitName ?? '' } : null;

  /** `recognised`: the text of a scan, whose file (and its signatures) stays the source. */
  const read = async (input: { text: string } | { file: File }, recognised = false) => {
    setReading(true);
    setError(null);
    setScan(null);
    try {
      const result = await previewPlan(input);
      if ('file' in input) setSource({ fileName: input.file.name, signature: result.signature ?? null });
      else if (!recognised) setSource(null);
      if ('jobId' in result) {
        setScan({ id: result.jobId, fileName: 'file' in input ? input.file.name : '' });
        return;
      }
      setPreview(result);
      setText(result.text);
      setDraft(draftOf(result, owner));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    } finally {
      setReading(false);
    }
  };

  // The recognised text goes on to the same preview as any other document.
  const recognised = scanJob?.status === 'done' ? scanJob.result?.text : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once per finished job
  useEffect(() => {
    if (recognised !== undefined) void read({ text: recognised }, true);
  }, [recognised]);

  if (preview && draft)
    return (
      <PlanReview
        heading={t('importPlan')}
        intro={
          source && (
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('planSourceFile')}: {source.fileName}
              </Text>
              <SignatureBadge signature={source.signature} fileName={source.fileName} />
            </Group>
          )
        }
        preview={preview}
        draft={draft}
        onDraft={setDraft}
        startOverLabel={t('readAgain')}
        onStartOver={() => {
          setPreview(null);
          setDraft(null);
          setText('');
          setScan(null);
          setSource(null);
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
        <FileButton onChange={(file) => file && read({ file })} accept={FILE_TYPES}>
          {(props) => (
            <Button variant="light" loading={reading} disabled={scanJob?.status === 'running'} {...props}>
              {t('planFileTypes')}
            </Button>
          )}
        </FileButton>
      </Group>
      {scan && scanJob?.status !== 'done' && <ScanProgress job={scanJob} fileName={scan.fileName} />}
      <RecentScans onRead={(recognisedText) => read({ text: recognisedText })} />
    </Stack>
  );
}
