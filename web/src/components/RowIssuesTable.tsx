import { Table } from '@mantine/core';
import type { RowIssue } from '../api/client.ts';
import { useT } from '../i18n/locale.tsx';
import { ScrollTable } from './ScrollTable.tsx';

/** The one table of an import's refusal: every bad cell by row, column and reason. */
export function RowIssuesTable({ issues, label }: { issues: readonly RowIssue[]; label: string }) {
  const { t } = useT();
  return (
    <ScrollTable striped withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('row')}</Table.Th>
          <Table.Th>{t('column')}</Table.Th>
          <Table.Th>{t('reason')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {issues.map((issue) => (
          <Table.Tr key={`${issue.row}-${issue.column}-${issue.reason}`}>
            <Table.Td>{issue.row}</Table.Td>
            <Table.Td>{issue.column}</Table.Td>
            <Table.Td>{issue.reason}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
