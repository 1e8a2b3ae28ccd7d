import { Button, Group, Stack, Table, Text } from '@mantine/core';
import type { CurrentVersion } from '../../../core/versions.ts';
import { formatDateTimeVi, useT } from '../i18n/locale.tsx';
import { ScrollTable } from './ScrollTable.tsx';
import { StackedModal } from './StackedModal.tsx';

const show = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/**
 * Someone saved the same record after the user read it: both versions side by side, and the choice of
 * keeping one's own (sent again over the newer version) or taking the saved one.
 */
export function ConflictDialog({
  conflict,
  mine,
  labels = {},
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: CurrentVersion | null;
  /** The user's unsaved values, by the same field names as `conflict.record`. */
  mine: Record<string, unknown> | null;
  labels?: Record<string, string>;
  onKeepMine: (current: CurrentVersion) => void;
  onTakeTheirs: (current: CurrentVersion) => void;
}) {
  const { t } = useT();
  if (!conflict) return null;
  const theirs = (conflict.record ?? {}) as Record<string, unknown>;
  // Only what differs: the fields both versions agree on are not the question.
  const fields = Object.keys(mine ?? {}).filter((field) => show(mine?.[field]) !== show(theirs[field]));
  const by = t('conflictBy')
    .replace('{name}', conflict.updatedBy?.name ?? '—')
    .replace('{at}', conflict.updatedAt ? formatDateTimeVi(conflict.updatedAt) : '—');
  return (
    <StackedModal opened onClose={() => onTakeTheirs(conflict)} title={t('conflictTitle')} size="lg">
      <Stack>
        <Text size="sm">{by}</Text>
        <ScrollTable withTableBorder minWidth={0} aria-label={t('conflictTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conflictField')}</Table.Th>
              <Table.Th>{t('conflictMine')}</Table.Th>
              <Table.Th>{t('conflictTheirs')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((field) => (
              <Table.Tr key={field}>
                <Table.Td>{labels[field] ?? field}</Table.Td>
                <Table.Td>{show(mine?.[field])}</Table.Td>
                <Table.Td>{show(theirs[field])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onTakeTheirs(conflict)}>
            {t('conflictTakeTheirs')}
          </Button>
          <Button onClick={() => onKeepMine(conflict)}>{t('conflictKeepMine')}</Button>
        </Group>
      </Stack>
    </StackedModal>
  );
}
