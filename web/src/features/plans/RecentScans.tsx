import { Badge, Button, Table, Text, Title } from '@mantine/core';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import { usePlanOcrJobs } from './api.ts';

/** The person's recent recognitions of scanned plans: one still running, or one done to read, is never lost. */
export function RecentScans({ onRead }: { onRead: (text: string) => void }) {
  const { t } = useT();
  const { data: jobs } = usePlanOcrJobs();
  if (!jobs || jobs.length === 0) return null;
  return (
    <section aria-labelledby="recent-scans">
      <Title order={3} size="h5" id="recent-scans" mb="xs">
        {t('recentScans')}
      </Title>
      <ScrollTable withTableBorder striped aria-labelledby="recent-scans">
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
                {job.status === 'running' && <Badge color="blue">{job.message ?? t('scanStarting')}</Badge>}
                {job.status === 'failed' && (
                  <Text size="sm" c="red">
                    {job.error ?? t('scanFailed')}
                  </Text>
                )}
                {job.status === 'done' && job.result && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => job.result && onRead(job.result.text)}
                  >
                    {t('readScanResult')} ({t('scanPages').replace('{count}', String(job.result.pages))})
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </section>
  );
}
