import { Alert, Anchor, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, type RowIssue } from '../../api/client.ts';
import { RowIssuesTable } from '../../components/RowIssuesTable.tsx';
import { StackedModal } from '../../components/StackedModal.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { projectKey } from './api.ts';

/**
 * Households' contributions from a sheet: checked first (every bad cell by row, column and reason,
 * nothing written), then imported whole.
 */
export function ImportContributions({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const { t } = useT();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [ready, setReady] = useState<number | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [issues, setIssues] = useState<RowIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setIssues([]);
    const form = new FormData();
    form.append('file', file);
    try {
      const answer = await api<{ imported: number; lines: unknown[] }>(
        'POST',
        `/api/projects/${projectId}/contributions/import?dryRun=${dryRun}`,
        form,
      );
      if (dryRun) setReady(answer.lines.length);
      else {
        setDone(answer.imported);
        await client.invalidateQueries({ queryKey: projectKey(projectId) });
      }
    } catch (caught) {
      setReady(null);
      setError(caught instanceof Error ? caught.message : String(caught));
      if (caught instanceof ApiError) setIssues(caught.rows);
    } finally {
      setBusy(false);
    }
  };
  return (
    <StackedModal opened onClose={onClose} title={t('projectImport')} size="xl">
      <Stack>
        <Text size="sm">{t('projectImportHint')}</Text>
        <Anchor href="/api/projects/contributions-template" size="sm">
          {t('projectImportTemplate')}
        </Anchor>
        <FileInput
          label={t('chooseFile')}
          accept=".xlsx,.csv"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setReady(null);
            setDone(null);
            setIssues([]);
            setError(null);
          }}
          clearable
          disabled={done !== null}
        />
        {error && (
          <Alert color="red" role="alert" title={issues.length > 0 ? t('nothingWritten') : undefined}>
            {error}
          </Alert>
        )}
        {issues.length > 0 && <RowIssuesTable issues={issues} label={t('nothingWritten')} />}
        {done !== null && (
          <Alert color="green" role="status">
            {fill(t('projectImported'), { count: done })}
          </Alert>
        )}
        <Group justify="flex-end">
          {done === null && ready === null && (
            <Button onClick={() => void send(true)} loading={isBusy} disabled={!file}>
              {t('projectImportCheck')}
            </Button>
          )}
          {done === null && ready !== null && (
            <Button onClick={() => void send(false)} loading={isBusy}>
              {fill(t('projectImportDo'), { count: ready })}
            </Button>
          )}
        </Group>
      </Stack>
    </StackedModal>
  );
}
