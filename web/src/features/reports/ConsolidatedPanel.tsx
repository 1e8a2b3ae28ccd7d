import { Alert, Anchor, Badge, Card, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { periodName } from '../../../../core/periods/period-names.ts';
import { planName } from '../../../../core/plans/plan-name.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { useT } from '../../i18n/locale.tsx';
import { useAllPlans } from '../plans/api.ts';
import { type Job, useJobs } from './api.ts';
import { ConsolidatedDraftEditor } from './ConsolidatedDraftEditor.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';

const KIND = 'consolidated-report';

/**
 * The province's report for a period: pick the plan it reports on and the period, edit its sections
 * (saved as typed), export it in the background (progress shown, the page stays usable), download the
 * .docx and its .xlsx annex.
 */
export function ConsolidatedPanel() {
  const { t, locale } = useT();
  const [period, setPeriod] = useState('');
  const [planId, setPlanId] = useState<string | null>(null);
  const { data: plans } = useAllPlans();
  const { data: jobs } = useJobs(KIND);
  const planOptions = (plans ?? []).map((plan) => ({
    value: String(plan.id),
    label: plan.number ? `${planName(plan, locale)} · ${plan.title}` : plan.title,
  }));
  // A job names its plan as it was when it ran (older jobs: as the plan list names it now).
  const planLabel = (job: Job) =>
    String(
      job.params.planName ??
        planOptions.find((option) => option.value === String(job.params.planId))?.label ??
        t('consolidatedPlan'),
    );
  return (
    <Stack>
      <Card withBorder>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('consolidatedHelp')}
          </Text>
          <Group align="end">
            <Select
              label={t('consolidatedPlan')}
              placeholder={t('choosePlan')}
              data={planOptions}
              value={planId}
              onChange={setPlanId}
              searchable
              w={520}
            />
            <PeriodPicker value={period} onChange={setPeriod} withLabels />
          </Group>
        </Stack>
      </Card>
      {planId && period && (
        <ConsolidatedDraftEditor key={`${planId}-${period}`} planId={Number(planId)} period={period} />
      )}
      {jobs?.map((job) => (
        <JobCard
          key={job.id}
          job={job}
          title={`${planLabel(job)} — ${periodName(String(job.params.periodCode ?? ''), locale)}`}
        />
      ))}
    </Stack>
  );
}

function JobCard({ job, title }: { job: Job; title: string }) {
  const { t } = useT();
  const percent = job.total > 0 ? Math.round((job.progress / job.total) * 100) : 0;
  return (
    <Card withBorder aria-label={title}>
      <Group justify="space-between">
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">
          {formatDateVi(todayInVietnam(new Date(job.createdAt)))}{' '}
          {new Date(job.createdAt).toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}
        </Text>
      </Group>
      {job.status === 'running' && (
        <Stack gap={4} mt="xs">
          <Progress value={percent} animated aria-label={t('progress')} />
          <Text size="sm" c="dimmed">
            {job.message ?? t('loading')}
          </Text>
        </Stack>
      )}
      {job.status === 'failed' && (
        <Alert color="red" mt="xs">
          {job.error}
        </Alert>
      )}
      {job.status === 'done' && (
        <Group mt="xs">
          <Badge color="green" variant="light" tt="none">
            {t('generated')}
          </Badge>
          {job.files.map((file) => (
            <Anchor key={file.index} href={`/api/jobs/${job.id}/files/${file.index}`} download>
              {file.fileName}
            </Anchor>
          ))}
        </Group>
      )}
    </Card>
  );
}
