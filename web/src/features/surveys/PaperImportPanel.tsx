import { Alert, Anchor, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, type RowIssue } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { RowIssuesTable } from '../../components/RowIssuesTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { importPaperFile, paperTemplateUrl } from './paper-api.ts';

/**
 * "Nhập từ tệp": the file is checked first (nothing written) and shows its valid forms or every bad
 * cell; "Ghi N phiếu" records them after a confirmation, all or nothing.
 */
export function PaperImportPanel({
  surveyId,
  unitId,
  unitName,
  defaultDate,
}: {
  surveyId: number;
  unitId: number;
  unitName: string;
  defaultDate: string | null;
}) {
  const { t } = useT();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [valid, setValid] = useState<number | null>(null);
  const [recorded, setRecorded] = useState<number | null>(null);
  const [issues, setIssues] = useState<RowIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isConfirming, setConfirming] = useState(false);

  const reset = () => {
    setValid(null);
    setRecorded(null);
    setIssues([]);
    setError(null);
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const answer = await importPaperFile(surveyId, { unitId, dryRun, date: defaultDate }, file);
      if (dryRun) setValid(answer.recorded);
      else {
        setRecorded(answer.recorded);
        setValid(null);
        setFile(null);
        setConfirming(false);
        await client.invalidateQueries({ queryKey: ['surveys'] });
      }
    } catch (caught) {
      setValid(null);
      setConfirming(false);
      setError(caught instanceof Error ? caught.message : String(caught));
      if (caught instanceof ApiError) setIssues(caught.rows);
    } finally {
      setBusy(false);
    }
  };
  const count = String(valid ?? 0);

  return (
    <Stack gap="sm">
      <Text size="sm">{t('surveyPaperFileHelp')}</Text>
      <Anchor href={paperTemplateUrl(surveyId)} size="sm">
        {t('surveyPaperTemplate')}
      </Anchor>
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={t('chooseFile')}
          accept=".xlsx,.csv"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            reset();
          }}
          clearable
          w={360}
        />
        <Button
          variant="default"
          onClick={() => send(true)}
          disabled={!file}
          loading={isBusy && !isConfirming}
        >
          {t('surveyPaperCheckFile')}
        </Button>
        <Button
          aria-haspopup="dialog"
          onClick={() => setConfirming(true)}
          disabled={valid === null || valid === 0}
        >
          {fill(t('surveyPaperRecord'), { count })}
        </Button>
      </Group>
      {error && (
        <Alert color="red" title={issues.length > 0 ? t('nothingWritten') : undefined}>
          {error}
        </Alert>
      )}
      {issues.length > 0 && <RowIssuesTable issues={issues} label={t('nothingWritten')} />}
      {valid !== null && <Alert color="blue">{fill(t('surveyPaperFileValid'), { count })}</Alert>}
      {recorded !== null && (
        <Alert color="green">{fill(t('surveyPaperRecorded'), { count: String(recorded) })}</Alert>
      )}
      <ConfirmDialog
        opened={isConfirming}
        title={t('surveyPaperFromFile')}
        confirmLabel={fill(t('surveyPaperRecord'), { count })}
        isBusy={isBusy}
        error={error}
        onConfirm={() => send(false)}
        onClose={() => setConfirming(false)}
      >
        {fill(t('surveyPaperRecordConfirm'), { count, unit: unitName })}
      </ConfirmDialog>
    </Stack>
  );
}
