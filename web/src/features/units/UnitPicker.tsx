import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { ListResult } from '../../api/client.ts';
import type { UnitSummary } from '../../api/types.ts';
import { useT } from '../../i18n/locale.tsx';
import { useUnitSearch } from './api.ts';

/** A picker lists the first matches only: say so, and how to reach the rest, when there are more. */
function useMoreHint(data: ListResult<UnitSummary> | undefined): string | undefined {
  const { t } = useT();
  if (!data || data.total <= data.items.length) return undefined;
  return t('unitsShownOf')
    .replace('{shown}', String(data.items.length))
    .replace('{total}', String(data.total));
}

interface PickerProps {
  label: string;
  error?: string | undefined;
  excludeId?: number;
}

/** Search-as-you-type unit choice (diacritics optional), for one unit… */
export function UnitPicker({
  label,
  error,
  excludeId,
  value,
  onChange,
  selectedLabel,
  hideLabel,
  placeholder,
}: PickerProps & {
  value: string | null;
  onChange: (value: string | null) => void;
  /** The name of the unit already chosen, shown before any search has found it. */
  selectedLabel?: string | undefined;
  hideLabel?: boolean;
  placeholder?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const { data } = useUnitSearch(debounced, false, true);
  const moreHint = useMoreHint(data);
  const found = (data?.items ?? [])
    .filter((unit) => unit.id !== excludeId)
    .map((unit) => ({ value: String(unit.id), label: unit.name }));
  const current =
    value && !found.some((option) => option.value === value) ? (known[value] ?? selectedLabel) : undefined;
  const options = current && value ? [{ value, label: current }, ...found] : found;
  return (
    <Select
      label={hideLabel ? undefined : label}
      aria-label={label}
      placeholder={placeholder}
      clearable
      searchable
      data={options}
      value={value}
      onChange={(next) => {
        setKnown({ ...known, ...Object.fromEntries(found.map((option) => [option.value, option.label])) });
        onChange(next);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      description={moreHint}
      filter={({ options: all }) => all}
      nothingFoundMessage="—"
    />
  );
}

/** …or several. */
export function UnitMultiPicker({
  label,
  error,
  excludeId,
  value,
  onChange,
  known: knownUnits = [],
}: PickerProps & {
  value: string[];
  onChange: (value: string[]) => void;
  /** Names of units already chosen, shown before any search has found them (not as bare ids). */
  known?: readonly { id: number; name: string }[];
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>(() =>
    Object.fromEntries(knownUnits.map((unit) => [String(unit.id), unit.name])),
  );
  const { data } = useUnitSearch(debounced, false, true);
  const moreHint = useMoreHint(data);
  const found = (data?.items ?? [])
    .filter((unit) => unit.id !== excludeId)
    .map((unit) => ({ value: String(unit.id), label: unit.name }));
  const options = [
    ...found,
    ...value
      .filter((id) => !found.some((o) => o.value === id))
      .map((id) => ({ value: id, label: known[id] ?? id })),
  ];
  return (
    <MultiSelect
      label={label}
      searchable
      data={options}
      value={value}
      onChange={(next) => {
        setKnown({ ...known, ...Object.fromEntries(found.map((o) => [o.value, o.label])) });
        onChange(next);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      description={moreHint}
      filter={({ options: all }) => all}
    />
  );
}
