import { Table, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

/** A table header that sorts the list contract's way: "field" ascending, "-field" descending. */
export function SortHeader({
  field,
  sort,
  onSort,
  children,
}: {
  field: string;
  sort: string;
  onSort: (sort: string) => void;
  children: ReactNode;
}) {
  const isAsc = sort === field;
  const isDesc = sort === `-${field}`;
  return (
    <Table.Th aria-sort={isAsc ? 'ascending' : isDesc ? 'descending' : 'none'}>
      <UnstyledButton fw={600} fz="sm" onClick={() => onSort(isAsc ? `-${field}` : field)}>
        {children} {isAsc ? '▲' : isDesc ? '▼' : ''}
      </UnstyledButton>
    </Table.Th>
  );
}
