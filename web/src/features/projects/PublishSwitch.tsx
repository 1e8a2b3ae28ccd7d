import { Anchor, Group, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import { type ProjectDetail, useProjectChange } from './api.ts';
import type { useProjectForm } from './useProjectForm.ts';

/**
 * The one switch that publishes a project or withdraws it: publishing says what becomes public (how
 * many lines, how many households named and how many only counted) and points to the preview;
 * withdrawing asks the reason, which the audit keeps. What the form still has to save is saved first.
 */
export function PublishSwitch({
  project,
  form,
}: {
  project: ProjectDetail;
  form: ReturnType<typeof useProjectForm>;
}) {
  const { t, locale } = useT();
  const [open, setOpen] = useState<'publish' | 'withdraw' | null>(null);
  const change = useProjectChange(project.id);
  const isPublished = project.publishedAt !== null;
  const households = (consent: boolean) =>
    new Set(project.contributions.filter((line) => line.consent === consent).map((line) => line.household))
      .size;
  const close = () => {
    change.reset();
    setOpen(null);
  };
  const act = async (path: string, body: object) => {
    if (!(await form.autosave.flush())) return;
    change.mutate(
      { method: 'POST', path, body: { ...body, version: form.version.current } },
      { onSuccess: () => setOpen(null) },
    );
  };
  return (
    <Group gap="md" wrap="wrap">
      <Anchor href={`/api/projects/${project.id}/preview?lang=${locale}`} target="_blank" size="sm">
        {t('projectPreview')}
      </Anchor>
      {isPublished && (
        <Anchor href={`/cong-khai/cong-trinh/${project.id}`} target="_blank" size="sm">
          {t('projectPublicPage')}
        </Anchor>
      )}
      <Switch
        size="md"
        label={t('projectPublicSwitch')}
        checked={isPublished}
        disabled={!project.canWrite}
        aria-haspopup="dialog"
        onChange={() => setOpen(isPublished ? 'withdraw' : 'publish')}
      />
      {isPublished && project.publishedAt && (
        <Text size="xs" c="dimmed">
          {fill(t('projectPublishedOn'), { at: formatDateTimeVi(project.publishedAt) })}
        </Text>
      )}
      <ConfirmDialog
        opened={open === 'publish'}
        title={t('projectPublishTitle')}
        confirmLabel={t('projectPublish')}
        isBusy={change.isPending}
        error={change.error?.message ?? null}
        onClose={close}
        onConfirm={() => void act('/publish', { confirm: true })}
      >
        <Text>
          {fill(t('projectPublishWhat'), {
            receipts: project.receipts.length,
            payments: project.payments.length,
            members: project.members.length,
            notices: project.notices.length,
          })}
        </Text>
        <Text fw={600}>
          {fill(t('projectPublishNames'), { named: households(true), unnamed: households(false) })}
        </Text>
        <Text c="dimmed">{t('projectPublishLive')}</Text>
        <Anchor href={`/api/projects/${project.id}/preview?lang=${locale}`} target="_blank">
          {t('projectPreview')}
        </Anchor>
      </ConfirmDialog>
      <ConfirmDialog
        opened={open === 'withdraw'}
        title={t('projectWithdraw')}
        confirmLabel={t('projectWithdraw')}
        danger
        reason="required"
        reasonLabel={t('projectWithdrawReason')}
        isBusy={change.isPending}
        error={change.error?.message ?? null}
        onClose={close}
        onConfirm={(reason) => void act('/withdraw', { reason })}
      >
        {t('projectWithdrawText')}
      </ConfirmDialog>
    </Group>
  );
}
