/** A questionnaire from a workbook: a new one (a new code), or a draft replaced; refused cell by cell when wrong. */
import { Alert, FileInput, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type SurveyDetail, sendWorkbook } from './admin-api.ts';

export function ImportSurveyDialog({
  replace,
  onClose,
  onReplaced,
}: {
  /** The draft replaced (and the version its editor read); absent: a new questionnaire. */
  replace?: { id: number; version: number };
  onClose: () => void;
  onReplaced?: (survey: SurveyDetail) => void;
}) {
  const { t } = useT();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const survey = replace
        ? await sendWorkbook(`/api/surveys/${replace.id}/xlsx?version=${replace.version}`, 'PUT', file)
        : await sendWorkbook('/api/surveys/import', 'POST', file);
      await client.invalidateQueries({ queryKey: ['surveys'] });
      if (replace) onReplaced?.(survey);
      else await navigate({ to: '/surveys/$surveyId/edit', params: { surveyId: String(survey.id) } });
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    } finally {
      setBusy(false);
    }
  };
  const title = replace ? t('questionnaireReplace') : t('questionnaireImport');
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {replace ? t('questionnaireReplaceHelp') : t('questionnaireImportHelp')}
        </Text>
        <FileInput label={t('questionnaireFile')} accept=".xlsx" value={file} onChange={setFile} />
        {error && (
          <Alert color="red" role="alert" title={error.message}>
            {error.rows.length > 0 && (
              <ScrollTable>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('questionnaireErrorRow')}</Table.Th>
                    <Table.Th>{t('questionnaireErrorColumn')}</Table.Th>
                    <Table.Th>{t('questionnaireErrorReason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {error.rows.map((row) => (
                    <Table.Tr key={`${row.row}-${row.column}-${row.reason}`}>
                      <Table.Td>{row.row}</Table.Td>
                      <Table.Td>{row.column}</Table.Td>
                      <Table.Td>{row.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
            )}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={busy} label={title} />
      </Stack>
    </Modal>
  );
}
