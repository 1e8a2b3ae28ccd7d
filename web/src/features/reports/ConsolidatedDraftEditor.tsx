import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import {
  CONSOLIDATED_SECTION_KEYS,
  CONSOLIDATED_SECTIONS,
} from '../../../../core/reports/consolidated-draft.ts';
import { useAutosave } from '../../api/autosave.ts';
import { api } from '../../api/client.ts';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type ConsolidatedDraft, useConsolidatedDraft, useStartConsolidated } from './api.ts';

type Sections = Record<string, string | null>;

/**
 * The words of the province's report for a plan and period, edited before export: saved as typed (one
 * version at a time, a conflict shown side by side), then "Xuất .docx" saves what is pending and starts
 * the background job that builds the .docx and its .xlsx annex with these sections.
 */
export function ConsolidatedDraftEditor({ planId, period }: { planId: number; period: string }) {
  const { t, locale } = useT();
  const { data: draft, error, refetch } = useConsolidatedDraft(planId, period);
  const [sections, setSections] = useState<Sections | null>(null);
  const version = useRef(0);
  const start = useStartConsolidated();
  const autosave = useAutosave<Sections>({
    save: async (value, { keepalive }) => {
      const saved = await api<ConsolidatedDraft>(
        'PUT',
        '/api/reports/consolidated/draft',
        { planId, periodCode: period, sections: value, version: version.current },
        { keepalive },
      );
      version.current = saved.version;
    },
    leaveMessage: t('saveLeaveUnsaved'),
  });

  useEffect(() => {
    if (draft) {
      version.current = draft.version;
      setSections(draft.sections);
    }
  }, [draft]);

  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!draft || !sections) return <Text>{t('loading')}</Text>;
  const labels = Object.fromEntries(
    CONSOLIDATED_SECTION_KEYS.map((key) => [key, CONSOLIDATED_SECTIONS[key][locale]]),
  );
  const exportDocx = async () => {
    // What was typed last is in the report.
    if (!(await autosave.flush())) return;
    start.mutate({ planId, periodCode: period });
  };
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h4">
              {t('consolidatedSections')} · {draft.periodName}
            </Title>
            <Text size="sm" c="dimmed">
              {t('consolidatedSectionsHelp')}
            </Text>
          </Stack>
          {version.current === 0 && autosave.status === 'idle' ? (
            <Text size="xs" c="dimmed">
              {t('consolidatedSuggested')}
            </Text>
          ) : (
            <SaveState autosave={autosave} />
          )}
        </Group>
        <ConflictDialog
          conflict={
            autosave.conflict && {
              ...autosave.conflict,
              record: (autosave.conflict.record as { sections?: Sections } | null)?.sections ?? null,
            }
          }
          mine={autosave.unsaved}
          labels={labels}
          onKeepMine={(current) => {
            version.current = current.version;
            void autosave.retry();
          }}
          onTakeTheirs={() => {
            autosave.discard();
            void refetch().then(({ data }) => {
              if (!data) return;
              version.current = data.version;
              setSections(data.sections);
            });
          }}
        />
        {CONSOLIDATED_SECTION_KEYS.map((key) => (
          <Textarea
            key={key}
            label={labels[key]}
            autosize
            minRows={3}
            maxRows={14}
            value={sections[key] ?? ''}
            onChange={(event) => {
              const next = { ...sections, [key]: event.currentTarget.value };
              setSections(next);
              autosave.schedule(next);
            }}
          />
        ))}
        {start.error && <Alert color="red">{start.error.message}</Alert>}
        <Group justify="flex-end">
          <Button loading={start.isPending} onClick={() => void exportDocx()}>
            {t('exportConsolidatedDocx')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
