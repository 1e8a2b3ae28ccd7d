import { Table } from '@mantine/core';
import { UNIT_TYPES, type UnitType } from '../../../../core/units/unit-types.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';

interface Counts {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
}

/** Completeness per unit type: departments and communes side by side. */
export function CountsByType({ counts }: { counts: Record<string, Counts> }) {
  const { t, locale } = useT();
  const types = Object.keys(counts) as UnitType[];
  if (types.length === 0) return null;
  return (
    <ScrollTable withTableBorder maw={720} aria-label={t('countsByType')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('type')}</Table.Th>
          <Table.Th ta="right">{t('expected')}</Table.Th>
          <Table.Th ta="right">{t('submitted')}</Table.Th>
          <Table.Th ta="right">{t('onTime')}</Table.Th>
          <Table.Th ta="right">{t('late')}</Table.Th>
          <Table.Th ta="right">{t('missing')}</Table.Th>
          <Table.Th ta="right">{t('notYetDue')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {types.map((type) => {
          const row = counts[type] as Counts;
          return (
            <Table.Tr key={type}>
              <Table.Td>{UNIT_TYPES[type]?.[locale] ?? type}</Table.Td>
              <Table.Td ta="right">{row.expected}</Table.Td>
              <Table.Td ta="right">{row.submitted}</Table.Td>
              <Table.Td ta="right" c="green">
                {row.onTime}
              </Table.Td>
              <Table.Td ta="right" c="orange">
                {row.late}
              </Table.Td>
              <Table.Td ta="right" c="red">
                {row.missing}
              </Table.Td>
              <Table.Td ta="right">{row.pending}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}
