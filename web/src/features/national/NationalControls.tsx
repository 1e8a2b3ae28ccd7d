import { Button, Group, Select, Tooltip } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { periodName } from '../../../../core/periods/period-names.ts';
import { useT } from '../../i18n/locale.tsx';
import { dhis2Url, type NationalIndicatorView } from './api.ts';

/** The period in words ("Quý I/2026"), the indicator by its name, and the DHIS2 download beside them. */
export function NationalControls({
  period,
  periods,
  onPeriod,
  indicators,
  indicator,
  onIndicator,
  province,
}: {
  period: string;
  periods: string[];
  onPeriod: (period: string) => void;
  indicators: NationalIndicatorView[];
  indicator: string;
  onIndicator: (code: string) => void;
  province?: string;
}) {
  const { t, locale, label } = useT();
  // The period shown may have no data yet (a new quarter): it is still offered.
  const choices = periods.includes(period) ? periods : [period, ...periods];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('period')}
        w={{ base: '100%', xs: 190 }}
        allowDeselect={false}
        data={choices.map((code) => ({ value: code, label: periodName(code, locale) }))}
        value={period}
        onChange={(value) => value && onPeriod(value)}
      />
      <Select
        label={t('nationalIndicator')}
        w={{ base: '100%', xs: 360 }}
        allowDeselect={false}
        searchable
        data={indicators.map((item) => ({
          value: item.code,
          label: label({ vi: item.nameVi, en: item.nameEn }),
        }))}
        value={indicator}
        onChange={(value) => value && onIndicator(value)}
      />
      <Tooltip label={t('nationalDhis2Help')} withArrow multiline w={280}>
        <Button
          component="a"
          href={dhis2Url(period, province)}
          download
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('nationalDhis2')}
        </Button>
      </Tooltip>
    </Group>
  );
}
