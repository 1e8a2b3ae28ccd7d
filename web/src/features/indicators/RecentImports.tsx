import { Anchor, Badge, Table, Text, Title } from '@mantine/core';
import { useJobs } from '../../api/jobs.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import type { ImportResult } from './api.ts';
import { formatCount } from './format.ts';

/** The person's last imports: when, which file, what each did, and the list of refused rows to download. */
export function RecentImports() {
  const { t } = useT();
  const { data: jobs } = useJobs<ImportResult>('dossier-import');
  if (!jobs || jobs.length === 0) return null;
  const outcome = (job: (typeof jobs)[number]) => {
    if (job.status === 'running') return <Badge color="blue">{t('importRunning')}</Badge>;
    const result = job.result;
    if (job.status === 'failed' || !result)
      return (
        <Text size="sm" c="red">
          {job.error ?? t('importFailed')}
        </Text>
      );
    if (result.rejectedCount > 0)
      return (
        <Text size="sm" c="red">
          {t('recentRefused').replace('{count}', formatCount(result.rejectedCount))}
        </Text>
      );
    return (
      <Text size="sm">
        {(result.dryRun ? t('recentChecked') : t('recentImported'))
          .replace('{imported}', formatCount(result.imported))
          .replace('{updated}', formatCount(result.updated))}
      </Text>
    );
  };
  return (
    <section aria-labelledby="recent-imports">
      <Title order={3} size="h5" id="recent-imports" mb="xs">
        {t('recentImports')}
      </Title>
      <ScrollTable withTableBorder striped aria-labelledby="recent-imports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('recentWhen')}</Table.Th>
            <Table.Th>{t('recentFile')}</Table.Th>
            <Table.Th>{t('recentOutcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.id}>
              <Table.Td>{formatDateTimeVi(job.createdAt)}</Table.Td>
              <Table.Td>{String(job.params.fileName ?? '—')}</Table.Td>
              <Table.Td>
                {outcome(job)}
                {job.files.map((file) => (
                  <Anchor
                    key={file.index}
                    href={`/api/jobs/${job.id}/files/${file.index}`}
                    download
                    size="sm"
                  >
                    {t('downloadRejected')}
                  </Anchor>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </section>
  );
}
