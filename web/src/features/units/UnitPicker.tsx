import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { matchesSearch } from '../../../../core/text/vietnamese.ts';
import type { ListResult } from '../../api/client.ts';
import type { UnitSummary } from '../../api/types.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { useGroupChoices, useUnitSearch } from './api.ts';

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
  /**
   * Offer, above the units, the groups a task of a plan of this unit may be given to, each with its
   * member count ("Tất cả xã, phường (104)"); a chosen group's value is its key ("type:commune").
   */
  groupsWithin?: number | null;
}

/** A value of a picker with groups: a group's key, or a unit's id. */
export const isGroupValue = (value: string) => !/^\d+$/.test(value);

/** The groups as options at the top, the units found below (Mantine option groups). */
function useOptions(
  groupsWithin: number | null | undefined,
  units: { value: string; label: string }[],
  search: string,
  chosen: readonly string[],
) {
  const { t } = useT();
  const { data: groups } = useGroupChoices(groupsWithin ?? null);
  const groupOptions = (groups ?? []).map((group) => ({
    value: group.key,
    label: `${group.name} (${formatNumber(group.memberCount)})`,
  }));
  const labels = Object.fromEntries(groupOptions.map((option) => [option.value, option.label]));
  // Units are searched by the server; the few groups here, by their name (diacritics optional).
  const shown = groupOptions.filter(
    (option) => chosen.includes(option.value) || matchesSearch(option.label, search),
  );
  if (shown.length === 0) return { data: units, labels };
  return {
    data: [
      { group: t('unitGroupsHeading'), items: shown },
      { group: t('unitsHeading'), items: units },
    ],
    labels,
  };
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
  groupsWithin,
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
  const { data: withGroups, labels } = useOptions(groupsWithin, found, debounced, value ? [value] : []);
  const current =
    value && !found.some((option) => option.value === value) && !labels[value]
      ? (known[value] ?? selectedLabel)
      : undefined;
  const options = current && value ? [{ value, label: current }, ...withGroups] : withGroups;
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
  groupsWithin,
  selectedLabels,
}: PickerProps & {
  value: string[];
  onChange: (value: string[]) => void;
  /** Names of units already chosen, shown before any search has found them (not as bare ids). */
  known?: readonly { id: number; name: string }[];
  /** Names of the groups already chosen, likewise. */
  selectedLabels?: Record<string, string>;
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
  const chosen = value
    .filter((id) => !found.some((o) => o.value === id))
    .map((id) => ({ value: id, label: known[id] ?? selectedLabels?.[id] ?? id }));
  const { data: options, labels } = useOptions(
    groupsWithin,
    [...found, ...chosen.filter((option) => !isGroupValue(option.value))],
    debounced,
    value,
  );
  const missingGroups = chosen.filter((option) => isGroupValue(option.value) && !labels[option.value]);
  return (
    <MultiSelect
      label={label}
      searchable
      data={[...missingGroups, ...options]}
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
