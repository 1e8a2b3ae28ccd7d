import { Group, Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PERIOD_KIND_NAMES, periodName } from '../../../../core/periods/period-names.ts';
import { useT } from '../../i18n/locale.tsx';
import { usePeriodChoices } from './api.ts';

/**
 * The year and, in words, every period open, due or overdue in it (quarters, halves, the year, months),
 * as the server's clock and reporting calendar have them. The value stays the code; until one is
 * chosen, or when the year changes, the first of the year is taken.
 */
export function PeriodPicker({
  value,
  onChange,
  withLabels = false,
}: {
  value: string;
  onChange: (code: string) => void;
  /** Labels above the fields (in a form); otherwise they are named for screen readers only. */
  withLabels?: boolean;
}) {
  const { t, locale, label } = useT();
  const [year, setYear] = useState<number | undefined>(undefined);
  const { data } = usePeriodChoices(year);
  const periods = data?.periods;
  useEffect(() => {
    const first = periods?.[0];
    if (first && !periods.some((period) => period.code === value)) onChange(first.code);
  }, [periods, value, onChange]);
  const groups = (['quarter', 'half', 'year', 'month'] as const)
    .map((kind) => ({
      group: label(PERIOD_KIND_NAMES[kind]),
      items: (periods ?? [])
        .filter((period) => period.kind === kind)
        .map((period) => ({ value: period.code, label: periodName(period.code, locale) })),
    }))
    .filter((group) => group.items.length > 0);
  return (
    <Group gap="xs" align="end" wrap="nowrap">
      <Select
        label={withLabels ? t('reportYear') : undefined}
        aria-label={t('reportYear')}
        data={(data?.years ?? []).map((option) => ({ value: String(option), label: String(option) }))}
        value={data ? String(data.year) : null}
        onChange={(picked) => picked && setYear(Number(picked))}
        allowDeselect={false}
        w={96}
      />
      <Select
        label={withLabels ? t('period') : undefined}
        aria-label={t('period')}
        data={groups}
        value={value || null}
        onChange={(picked) => picked && onChange(picked)}
        allowDeselect={false}
        maxDropdownHeight={360}
        w={210}
      />
    </Group>
  );
}
