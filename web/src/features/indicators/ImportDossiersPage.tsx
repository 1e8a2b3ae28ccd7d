import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import {
  DOSSIER_FIELD_LABELS,
  DOSSIER_FIELD_LABELS_EN,
  DOSSIER_FIELDS,
  REQUIRED_DOSSIER_FIELDS,
} from '../../../../core/dossiers/dossier-fields.ts';
import { ApiError } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { startDossierImport, type UnmappedColumns, useJob } from './api.ts';
import { ColumnMappingForm } from './ColumnMappingForm.tsx';
import { FileDropZone } from './FileDropZone.tsx';
import { ImportResultPanel } from './ImportResultPanel.tsx';
import { RecentImports } from './RecentImports.tsx';
import { RememberedMappings } from './RememberedMappings.tsx';

const ACCEPT =
  '.csv,.xlsx,.jsonl,.ndjson,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Upload a one-stop export: check or import, map unknown columns once, follow progress, read refusals. */
export function ImportDossiersPage() {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [isDryRun, setIsDryRun] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unmapped, setUnmapped] = useState<UnmappedColumns | null>(null);
  // The columns the user mapped for this file: a dry run does not remember them on the server,
  // so the page sends them again with the real import or a re-check (mapped once per file).
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const { data: job } = useJob(jobId);

  const send = async (given: Record<string, string> | null, dryRun = isDryRun) => {
    if (!file) return;
    const sent = given ?? mapping;
    setIsSending(true);
    setError(null);
    try {
      const { jobId: id } = await startDossierImport({ file, dryRun, mapping: sent });
      setMapping(sent);
      setIsDryRun(dryRun);
      setUnmapped(null);
      setJobId(id);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'DOSSIER_COLUMNS_UNMAPPED' && caught.details) {
        setUnmapped(caught.details as UnmappedColumns);
      } else {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    } finally {
      setIsSending(false);
    }
  };
  const reset = () => {
    setFile(null);
    setMapping(null);
    setJobId(null);
    setUnmapped(null);
    setError(null);
  };

  const isRunning = jobId !== null && (!job || job.status === 'running');
  const percent = job && job.total > 0 ? Math.min(100, (job.progress / job.total) * 100) : 0;

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('dossierImport')}</Title>
        <Anchor component={Link} to="/indicators" size="sm">
          {t('dossierDashboard')}
        </Anchor>
      </Group>
      <Text c="dimmed" size="sm">
        {t('dossierImportHelp')}
      </Text>

      {jobId === null && !unmapped && (
        <Stack>
          <FileDropZone
            label={t('dossierFile')}
            hint={t('dropDossierFile')}
            accept={ACCEPT}
            file={file}
            onFile={(chosen) => {
              setFile(chosen);
              setMapping(null);
              setError(null);
            }}
          />
          <Group justify="space-between">
            <Checkbox
              label={t('dryRun')}
              checked={isDryRun}
              onChange={(event) => setIsDryRun(event.currentTarget.checked)}
            />
            <Button onClick={() => send(null)} loading={isSending} disabled={!file}>
              {isDryRun ? t('checkFile') : t('startImport')}
            </Button>
          </Group>
          <RecentImports />
          <FormatHelp />
          <RememberedMappings />
        </Stack>
      )}

      {error && (
        <Alert color="red" role="alert" title={t('importFailed')}>
          {error}
        </Alert>
      )}

      {unmapped && jobId === null && (
        <ColumnMappingForm columns={unmapped} isBusy={isSending} onSubmit={send} onCancel={reset} />
      )}

      {jobId !== null && file && (
        <Text size="sm">
          {t('dossierFile')}: <b>{file.name}</b>
          {isDryRun && ` · ${t('dryRun')}`}
        </Text>
      )}

      {isRunning && (
        <Stack gap="xs" role="status" aria-live="polite">
          <Text size="sm">
            {job?.message ?? t('importRunning')}
            {job && job.total > 0 && ` — ${Math.round(percent)}%`}
          </Text>
          <Progress
            value={job && job.total > 0 ? percent : 100}
            animated
            striped={!job || job.total === 0}
            aria-label={t('progress')}
          />
        </Stack>
      )}

      {job?.status === 'failed' && !job.result && (
        <Alert color="red" role="alert" title={t('importFailed')}>
          {job.error}
        </Alert>
      )}
      {job && job.status !== 'running' && job.result && (
        <ImportResultPanel
          result={job.result}
          refusalsHref={job.files[0] ? `/api/jobs/${job.id}/files/${job.files[0].index}` : undefined}
          onAgain={reset}
          onRunAgain={file ? (dryRun) => send(null, dryRun) : undefined}
          isBusy={isSending}
        />
      )}
      {job?.status === 'failed' && !job.result && (
        <Group>
          <Button variant="default" onClick={reset}>
            {t('importAnother')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

// A two-row sample in the canonical layout, built in the browser.
// The sample speaks the one-stop systems' language: Vietnamese titles and words, which the importer reads.
const SAMPLE = [
  DOSSIER_FIELDS.map((field) => DOSSIER_FIELD_LABELS[field]).join(','),
  '000.00.33.H01-260105-0001,11953,1.001193,Đăng ký khai sinh,Hộ tịch,Cấp xã,Trực tuyến toàn trình,05/01/2026 08:30,07/01/2026 17:00,06/01/2026 10:15,06/01/2026 14:00,Đã trả kết quả,Có,Không',
].join('\r\n');
const SAMPLE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${SAMPLE}\r\n`)}`;

/** The columns a file may carry: the Vietnamese titles recognised for them, and what each holds. */
function FormatHelp() {
  const { t, locale } = useT();
  return (
    <Stack gap={6} mt="sm">
      <Group justify="flex-end">
        <Anchor href={SAMPLE_HREF} download="ho-so-mau.csv" size="sm">
          {t('downloadTemplate')}
        </Anchor>
      </Group>
      <ScrollTable withTableBorder fz="sm" verticalSpacing={4} captionSide="top">
        <Table.Caption>{t('acceptedTitles')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {locale === 'en' && <Table.Th>{t('fieldName')}</Table.Th>}
            <Table.Th>{t('columnTitle')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {DOSSIER_FIELDS.map((field) => (
            <Table.Tr key={field}>
              {locale === 'en' && <Table.Td>{DOSSIER_FIELD_LABELS_EN[field]}</Table.Td>}
              {/* The title as the file carries it: Vietnamese in either language. */}
              <Table.Td lang="vi">{DOSSIER_FIELD_LABELS[field]}</Table.Td>
              <Table.Td>
                {REQUIRED_DOSSIER_FIELDS.includes(field) && (
                  <Badge size="xs" color="red" variant="light" tt="none">
                    {t('required')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Text size="sm" c="dimmed">
        {t('channels')}
      </Text>
    </Stack>
  );
}
