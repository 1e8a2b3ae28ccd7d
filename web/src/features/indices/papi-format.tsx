import { Badge, Select, Text } from '@mantine/core';
import { PAPI_GROUP_NAMES } from '../../../../core/indices/papi.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { useProvinces2025 } from './papi-api.ts';

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

/** The provinces of today (since 1 July 2025), by name in Vietnamese order. */
export function ProvinceSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const { t } = useT();
  const provinces = useProvinces2025();
  return (
    <Select
      label={t('provinceSince2025')}
      searchable
      data={(provinces.data?.items ?? [])
        .map((item) => ({ value: item.code, label: item.name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi'))}
      value={value}
      onChange={onChange}
      w={{ base: '100%', xs: 300 }}
      allowDeselect={false}
    />
  );
}
