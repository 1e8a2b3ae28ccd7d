/** How the paper-entry grid looks: narrow answer columns, wider text ones, sticky headers. */
import type { GridColumn } from './paper-grid.ts';

export const ROW_HEAD_WIDTH = 64;
const WIDTHS: Record<string, number> = { '#number': 96, '#date': 112, '#dossier': 140 };
export const widthOf = (column: GridColumn) => WIDTHS[column.key] ?? (column.kind === 'option' ? 56 : 200);

export const headStyle = {
  position: 'sticky',
  top: 0,
  zIndex: 2,
  background: 'var(--mantine-color-gray-1)',
  borderBottom: '1px solid var(--mantine-color-gray-4)',
  borderRight: '1px solid var(--mantine-color-gray-3)',
  padding: '4px 2px',
  fontSize: 13,
  fontWeight: 600,
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

export const rowHeadStyle = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--mantine-color-gray-0)',
  borderRight: '1px solid var(--mantine-color-gray-4)',
  borderBottom: '1px solid var(--mantine-color-gray-3)',
  padding: '0 4px',
  fontSize: 13,
  fontWeight: 500,
} as const;

export const cellStyle = {
  borderRight: '1px solid var(--mantine-color-gray-3)',
  borderBottom: '1px solid var(--mantine-color-gray-3)',
  padding: 0,
} as const;

export const inputStyle = {
  width: '100%',
  height: 30,
  border: 'none',
  background: 'transparent',
  padding: '0 4px',
  font: 'inherit',
  fontSize: 14,
} as const;
