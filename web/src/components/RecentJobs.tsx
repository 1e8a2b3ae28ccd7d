import { Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Job } from '../api/jobs.ts';
import { formatDateTimeVi, useT } from '../i18n/locale.tsx';
import { ScrollTable } from './ScrollTable.tsx';

/** The person's recent background jobs on a file: when, which file, and what came of each (given by the caller). */
export function RecentJobs<Result>({
  id,
  title,
  jobs,
  outcome,
}: {
  id: string;
  title: string;
  jobs: Job<Result>[] | undefined;
  outcome: (job: Job<Result>) => ReactNode;
}) {
  const { t } = useT();
  if (!jobs || jobs.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      <ScrollTable withTableBorder striped aria-labelledby={id}>
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
              <Table.Td>{outcome(job)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </section>
  );
}
