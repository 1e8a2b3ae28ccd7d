import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type ObligationDetail, type ObligationPublication, useObligationPublication } from './api.ts';

/** A moment as Vietnam's day, dd/mm/yyyy. */
const dayOf = (iso: string) => formatDateVi(todayInVietnam(new Date(iso)));

/** "Đang công khai" or "Chưa công khai", in words: the register's list and this card. */
export function PublicBadge({ publishedAt }: { publishedAt: string | null }) {
  const { t } = useT();
  return (
    <Badge color={publishedAt ? 'teal' : 'gray'} variant="light" tt="none" miw="max-content">
      {publishedAt ? t('disclosuresPublicNow') : t('disclosuresPublicNot')}
    </Badge>
  );
}

/** Exactly what the public page will show of the item, as the confirmation lists it. */
function WhatIsShown({ info }: { info: ObligationPublication }) {
  const { t, label } = useT();
  const today = formatDateVi(todayInVietnam());
  const decision = fill(t('disclosuresShownDecision'), {
    number: info.decisionNumber ?? '',
    date: formatDateVi(info.decisionDate),
  }).trim();
  return (
    <List spacing={4} size="sm" data-shown>
      <List.Item>
        {t('disclosuresShownItem')}: <strong>{info.title}</strong>
        {info.itemName ? ` (${label(info.itemName)})` : ''}
      </List.Item>
      <List.Item>
        {t('disclosuresShownDocument')}: {decision}
      </List.Item>
      <List.Item>
        {t('disclosuresShownPublicDocument')}:{' '}
        {info.documentUrl ??
          (info.publicFileName
            ? fill(t('disclosuresShownFile'), { name: info.publicFileName })
            : t('disclosuresShownNone'))}
      </List.Item>
      <List.Item>
        {t('disclosuresShownPlaces')}:{' '}
        {info.placesStarted > 0
          ? fill(t('disclosuresShownPlacesStarted'), { n: info.placesStarted })
          : fill(t('disclosuresShownNoPlace'), { date: today })}
      </List.Item>
    </List>
  );
}

/**
 * The item on the unit's public disclosures page: whether it is there, since when and by whom, the
 * preview of exactly what it shows, and for whoever records the unit's disclosures the switch: "Công
 * khai…" lists what the public will read, "Thôi công khai…" asks the reason and warns while the legal
 * posting period still runs. Nothing is confirmed before the dialog's figures are fresh.
 */
export function PublicationCard({ obligation }: { obligation: ObligationDetail }) {
  const { t } = useT();
  const [asking, setAsking] = useState<'publish' | 'unpublish' | null>(null);
  const { query, change } = useObligationPublication(obligation.id);
  const info = query.data;
  const publishedAt = info ? info.publishedAt : obligation.publishedAt;
  const open = (what: 'publish' | 'unpublish') => {
    void query.refetch();
    setAsking(what);
  };
  const close = () => {
    change.reset();
    setAsking(null);
  };
  const state =
    publishedAt === null
      ? t('disclosuresPublicNotText')
      : info?.publishedByName
        ? fill(t('disclosuresPublicSinceBy'), { date: dayOf(publishedAt), name: info.publishedByName })
        : fill(t('disclosuresPublicSince'), { date: dayOf(publishedAt) });
  return (
    <Card withBorder data-publication>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4">
            {t('disclosuresPublicCard')}
          </Title>
          <PublicBadge publishedAt={publishedAt} />
        </Group>
        <Text size="sm">{state}</Text>
        {query.error && (
          <Text size="sm" c="red" role="alert">
            {query.error.message}
          </Text>
        )}
        <Group gap="sm" wrap="wrap">
          {info && (
            <Button component="a" href={info.previewPath} target="_blank" variant="default">
              {t('disclosuresPreview')}
            </Button>
          )}
          {info && publishedAt !== null && (
            <Anchor href={info.publicPath} target="_blank" size="sm">
              {t('disclosuresPublicPage')}
            </Anchor>
          )}
          {obligation.canRecord && (
            <Button
              variant={publishedAt ? 'outline' : 'filled'}
              color={publishedAt ? 'red' : 'teal'}
              aria-haspopup="dialog"
              onClick={() => open(publishedAt ? 'unpublish' : 'publish')}
            >
              {publishedAt ? t('disclosuresUnpublishOpen') : t('disclosuresPublishOpen')}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={asking === 'publish'}
        title={t('disclosuresPublishTitle')}
        confirmLabel={t('disclosuresPublish')}
        isBusy={change.isPending}
        isReady={info !== undefined && !query.isFetching}
        error={change.error?.message ?? null}
        onClose={close}
        onConfirm={() =>
          info && change.mutate({ published: true, version: info.version }, { onSuccess: close })
        }
      >
        {info && (
          <>
            <Text>{fill(t('disclosuresPublishWhat'), { unit: info.unitName })}</Text>
            <WhatIsShown info={info} />
            <Text size="sm" c="dimmed">
              {t('disclosuresPublishHidden')}
            </Text>
            <Anchor href={info.previewPath} target="_blank">
              {t('disclosuresPreview')}
            </Anchor>
          </>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        opened={asking === 'unpublish'}
        title={t('disclosuresUnpublishTitle')}
        confirmLabel={t('disclosuresUnpublish')}
        danger
        reason="required"
        reasonLabel={t('disclosuresUnpublishReason')}
        isBusy={change.isPending}
        isReady={info !== undefined && !query.isFetching}
        error={change.error?.message ?? null}
        onClose={close}
        onConfirm={(reason) =>
          info &&
          reason &&
          change.mutate({ published: false, version: info.version, reason }, { onSuccess: close })
        }
      >
        {info && (
          <>
            {info.periodRuns && (
              <Alert color="yellow" role="alert" data-period-runs>
                {info.periodRunsUntil
                  ? fill(t('disclosuresPeriodRunsUntil'), { date: formatDateVi(info.periodRunsUntil) })
                  : t('disclosuresPeriodRunsForever')}
              </Alert>
            )}
            <Text>{fill(t('disclosuresUnpublishWhat'), { title: info.title })}</Text>
          </>
        )}
      </ConfirmDialog>
    </Card>
  );
}
