import { Button, Menu } from '@mantine/core';
import { quartersEndingAt } from '../../../../core/indicators/quarters.ts';
import { periodName } from '../../../../core/periods/period-names.ts';
import { todayInVietnam } from '../../../../core/text/dates.ts';
import { useT } from '../../i18n/locale.tsx';

/** This quarter and the four before it, newest first ("2026Q4", "2026Q3", …). */
export function recentQuarters(today: string, count = 5): string[] {
  const quarter = `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
  return quartersEndingAt(quarter, count).reverse();
}

/**
 * The quarter's list of what the unit disclosed, with form and time, as the notice it posts at its
 * office and village points (Luật 10/2022 Điều 13 khoản 2): one click on a quarter downloads the .docx
 * to edit or the PDF to sign and post.
 */
export function QuarterListMenu({ unitId }: { unitId: number }) {
  const { t, locale } = useT();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="light">{t('disclosuresQuarterList')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('disclosuresQuarterListHint')}</Menu.Label>
        {recentQuarters(todayInVietnam()).flatMap((quarter) =>
          (['docx', 'pdf'] as const).map((format) => (
            <Menu.Item
              key={`${quarter}-${format}`}
              component="a"
              href={`/api/disclosures/units/${unitId}/quarter-list?quy=${quarter}${format === 'pdf' ? '&format=pdf' : ''}`}
              download
            >
              {periodName(quarter, locale)} ({format === 'pdf' ? 'PDF' : '.docx'})
            </Menu.Item>
          )),
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
