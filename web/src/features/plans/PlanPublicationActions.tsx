import { Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { planName } from '../../../../core/plans/plan-name.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type PlanDetail, usePlanPublication } from './api.ts';

/**
 * The plan's switch for the public site, for whoever may issue it (`access.issue`): "Công khai" or
 * "Thôi công khai", each behind a dialog saying what citizens will (or will no longer) see, with the
 * preview of the exact public page. Anyone reading a public plan sees since when it is public.
 */
export function PlanPublicationActions({ plan }: { plan: PlanDetail }) {
  const { t, locale } = useT();
  const [asking, setAsking] = useState<'publish' | 'unpublish' | null>(null);
  const { query, change } = usePlanPublication(plan.id, asking !== null);
  const isPublic = plan.publishedAt !== null;
  const close = () => {
    change.reset();
    setAsking(null);
  };
  const name = planName(plan, locale);
  const info = query.data;

  return (
    <>
      {isPublic && (
        <Badge color="teal" variant="light" tt="none">
          {fill(t('planPublicSince'), { date: formatDateVi(plan.publishedAt?.slice(0, 10) ?? null) })}
        </Badge>
      )}
      {isPublic && (
        <Anchor href={`/cong-khai/ke-hoach/${plan.id}`} target="_blank" size="sm">
          {t('publicPageOpen')}
        </Anchor>
      )}
      {plan.access.issue && plan.status !== 'draft' && (
        <Button
          variant={isPublic ? 'outline' : 'light'}
          color={isPublic ? 'red' : 'teal'}
          aria-haspopup="dialog"
          onClick={() => setAsking(isPublic ? 'unpublish' : 'publish')}
        >
          {isPublic ? t('planUnpublish') : t('planPublish')}
        </Button>
      )}
      <ConfirmDialog
        opened={asking !== null}
        title={asking === 'unpublish' ? t('planUnpublishTitle') : t('planPublishTitle')}
        confirmLabel={asking === 'unpublish' ? t('planUnpublish') : t('planPublish')}
        danger={asking === 'unpublish'}
        isBusy={change.isPending}
        isReady={info !== undefined}
        error={change.error?.message ?? query.error?.message ?? null}
        onConfirm={() =>
          info &&
          change.mutate({ published: asking === 'publish', version: info.version }, { onSuccess: close })
        }
        onClose={close}
      >
        <Stack gap="xs">
          <Text>
            {asking === 'unpublish'
              ? fill(t('planUnpublishWhat'), { plan: name })
              : fill(t('planPublishWhat'), {
                  plan: name,
                  tasks: String(info?.tasks ?? '…'),
                  reported: String(info?.reportedTasks ?? '…'),
                })}
          </Text>
          {info && (
            <Anchor href={info.previewPath} target="_blank">
              {t('publicPagePreview')}
            </Anchor>
          )}
        </Stack>
      </ConfirmDialog>
    </>
  );
}
