import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { updatedAgo } from '../../../../core/national/age-words.ts';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import type { ProvinceColumn } from './api.ts';

/** "cập nhật 3 phút trước", and a warning when the province's figures are more than an hour old. */
export function Freshness({ freshness, now }: { freshness: ProvinceColumn['freshness']; now: string }) {
  const { t, locale } = useT();
  const detail = fill(t('nationalFreshAt'), {
    refreshed: formatDateTimeVi(freshness.refreshedAt),
    heartbeat: formatDateTimeVi(freshness.heartbeatAt),
  });
  return (
    <Group gap={6} wrap="wrap">
      <Tooltip label={detail} withArrow>
        <Text size="sm" c={freshness.isStale ? 'red.8' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
          {updatedAgo(freshness.asOf, now, locale)}
        </Text>
      </Tooltip>
      {freshness.isStale && (
        <Tooltip label={t('nationalStaleHelp')} withArrow multiline w={260}>
          <Badge color="red" variant="light" tt="none" style={{ whiteSpace: 'nowrap' }}>
            {t('nationalStale')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
