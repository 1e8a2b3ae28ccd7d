import { Alert, Progress, Stack, Text } from '@mantine/core';
import type { Job } from '../../api/jobs.ts';
import { useT } from '../../i18n/locale.tsx';
import type { PlanOcrResult } from './api.ts';

/** A scan being recognised: its page and pages per minute ("Trang 3/12 — 4,2 trang/phút"), or why it failed. */
export function ScanProgress({ job, fileName }: { job: Job<PlanOcrResult> | undefined; fileName: string }) {
  const { t } = useT();
  if (job?.status === 'failed')
    return (
      <Alert color="red" role="alert" title={t('scanFailed')}>
        {job.error}
      </Alert>
    );
  const percent = job && job.total > 0 ? Math.min(100, (job.progress / job.total) * 100) : 0;
  return (
    <Stack gap="xs" role="status" aria-live="polite">
      <Text size="sm">{t('scanRecognising').replace('{file}', fileName)}</Text>
      <Text size="sm" fw={500}>
        {job?.message ?? t('scanStarting')}
      </Text>
      <Progress
        value={job && job.total > 0 && job.progress > 0 ? percent : 100}
        animated
        striped={!job || job.progress === 0}
        aria-label={t('progress')}
      />
    </Stack>
  );
}
