import { Badge, Button, Text } from '@mantine/core';
import { RecentJobs } from '../../components/RecentJobs.tsx';
import { useT } from '../../i18n/locale.tsx';
import { usePlanOcrJobs } from './api.ts';

/** The person's recent recognitions of scanned plans: one still running, or one done to read, is never lost. */
export function RecentScans({ onRead }: { onRead: (text: string) => void }) {
  const { t } = useT();
  const { data: jobs } = usePlanOcrJobs();
  return (
    <RecentJobs
      id="recent-scans"
      title={t('recentScans')}
      jobs={jobs}
      outcome={(job) => {
        if (job.status === 'running') return <Badge color="blue">{job.message ?? t('scanStarting')}</Badge>;
        if (job.status === 'failed' || !job.result)
          return (
            <Text size="sm" c="red">
              {job.error ?? t('scanFailed')}
            </Text>
          );
        const { text, pages } = job.result;
        return (
          <Button size="compact-sm" variant="light" onClick={() => onRead(text)}>
            {t('readScanResult')} ({t('scanPages').replace('{count}', String(pages))})
          </Button>
        );
      }}
    />
  );
}
