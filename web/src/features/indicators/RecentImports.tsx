import { Anchor, Badge, Text } from '@mantine/core';
import { useJobs } from '../../api/jobs.ts';
import { RecentJobs } from '../../components/RecentJobs.tsx';
import { useT } from '../../i18n/locale.tsx';
import type { ImportResult } from './api.ts';
import { formatCount } from './format.ts';

/** The person's last imports: when, which file, what each did, and the list of refused rows to download. */
export function RecentImports() {
  const { t } = useT();
  const { data: jobs } = useJobs<ImportResult>('dossier-import');
  const outcome = (job: NonNullable<typeof jobs>[number]) => {
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
    <RecentJobs
      id="recent-imports"
      title={t('recentImports')}
      jobs={jobs}
      outcome={(job) => (
        <>
          {outcome(job)}
          {job.files.map((file) => (
            <Anchor key={file.index} href={`/api/jobs/${job.id}/files/${file.index}`} download size="sm">
              {t('downloadRejected')}
            </Anchor>
          ))}
        </>
      )}
    />
  );
}
