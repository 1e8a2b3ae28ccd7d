import { Group, Pagination, Text } from '@mantine/core';
import { useT } from '../i18n/locale.tsx';

/** Under every paged table: the total and the page switcher (the list contract's page/perPage). */
export function ListFooter({
  total,
  page,
  perPage,
  onPage,
}: {
  total: number;
  page: number;
  perPage: number;
  onPage: (page: number) => void;
}) {
  const { t } = useT();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {t('total')}: {total}
      </Text>
      <Pagination total={Math.max(1, Math.ceil(total / perPage))} value={page} onChange={onPage} />
    </Group>
  );
}
