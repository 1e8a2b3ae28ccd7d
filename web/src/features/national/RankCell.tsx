import { Text, Tooltip } from '@mantine/core';
import { useT } from '../../i18n/locale.tsx';

/** A rank, or "không xếp hạng" saying why (nothing under the ratio). */
export function RankCell({ rank }: { rank: number | null }) {
  const { t } = useT();
  if (rank !== null)
    return (
      <Text fw={700} size="sm">
        {rank}
      </Text>
    );
  return (
    <Tooltip label={t('nationalNotRankedHelp')} withArrow>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('nationalNotRanked')}
      </Text>
    </Tooltip>
  );
}
