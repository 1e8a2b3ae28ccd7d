import { Table, type TableProps } from '@mantine/core';

type ScrollTableProps = TableProps & {
  /** Below this width the table scrolls sideways instead of squeezing its columns (0: never). */
  minWidth?: number;
};

/**
 * The one way a wide table meets a narrow screen: it scrolls sideways inside its own box, so the page
 * itself never becomes wider than a 390 px phone. Rows and cells stay `Table.Tr`, `Table.Td`, ….
 */
export function ScrollTable({ minWidth = 600, ...props }: ScrollTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table {...props} />
    </Table.ScrollContainer>
  );
}
