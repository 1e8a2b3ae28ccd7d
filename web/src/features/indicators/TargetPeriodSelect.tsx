import { Group, Select } from '@mantine/core';
import { periodsOfYear } from '../../../../core/periods/period-choices.ts';
import { PERIOD_KIND_NAMES, periodName } from '../../../../core/periods/period-names.ts';
import { parsePeriod } from '../../../../core/periods/periods.ts';
import { todayInVietnam } from '../../../../core/text/dates.ts';
import { useT } from '../../i18n/locale.tsx';
import { usePeriodChoices } from '../reports/api.ts';

const EVERY = 'every';

/**
 * A target's period in words: "Mọi kỳ", or a year and then the year itself, a half, a quarter or a
 * month of it. The value stays the code ("2026Q1"; '' for every period). Targets are set ahead, so
 * every period of the year is offered, from last year to three years on.
 */
export function TargetPeriodSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const { t, locale, label } = useT();
  const chosen = parsePeriod(value);
  // This year by the server's clock (the one deadlines are decided by), the browser's until it answers.
  const { data: choices } = usePeriodChoices(undefined);
  const thisYear = Number((choices?.today ?? todayInVietnam()).slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => thisYear - 1 + i);
  if (chosen && !years.includes(chosen.year)) years.unshift(chosen.year);
  const periods = chosen ? periodsOfYear(chosen.year) : [];
  const groups = (['year', 'half', 'quarter', 'month'] as const).map((kind) => ({
    group: label(PERIOD_KIND_NAMES[kind]),
    items: periods
      .filter((period) => period.kind === kind)
      .map((period) => ({ value: period.code, label: periodName(period, locale) })),
  }));
  return (
    <Group gap="xs" align="start" grow>
      <Select
        label={t('reportYear')}
        description={t('targetPeriodHelp')}
        data={[
          { value: EVERY, label: t('everyPeriod') },
          ...years.map((year) => ({ value: String(year), label: String(year) })),
        ]}
        value={chosen ? String(chosen.year) : EVERY}
        onChange={(picked) => onChange(!picked || picked === EVERY ? '' : picked)}
        allowDeselect={false}
      />
      <Select
        label={t('targetPeriod')}
        data={groups}
        value={chosen?.code ?? null}
        onChange={(picked) => picked && onChange(picked)}
        placeholder={t('everyPeriod')}
        disabled={!chosen}
        allowDeselect={false}
        maxDropdownHeight={360}
        error={error}
      />
    </Group>
  );
}
