import { Badge, Text } from '@mantine/core';
import { PAPI_GROUP_NAMES } from '../../../../core/indices/papi.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';

export const PAPI_DIMENSIONS = [
  'PAPI.1',
  'PAPI.2',
  'PAPI.3',
  'PAPI.4',
  'PAPI.5',
  'PAPI.6',
  'PAPI.7',
  'PAPI.8',
] as const;
export const GROUP_COLOURS = { 1: 'green', 2: 'teal', 3: 'yellow', 4: 'red' } as const;

/** PAPI's 4 decimals, in the reader's format (decimal comma in Vietnamese). */
export const score4 = (value: number | null) =>
  value === null ? '—' : formatNumber(value, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
export const score2 = (value: number | null) =>
  value === null ? '—' : formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const signed = (value: number, digits = 2) =>
  `${value > 0 ? '+' : ''}${formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

export function GroupBadge({ group }: { group: 1 | 2 | 3 | 4 | null }) {
  const { label } = useT();
  if (group === null) return <Text c="dimmed">—</Text>;
  return (
    // Never cut to "Tr…" by a squeezed column: the table gives the badge its full width.
    <Badge color={GROUP_COLOURS[group]} variant="light" tt="none" miw="max-content">
      {label(PAPI_GROUP_NAMES[group])}
    </Badge>
  );
}
