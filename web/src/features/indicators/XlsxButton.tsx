import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useT } from '../../i18n/locale.tsx';

/** "Tải .xlsx" beside a chart or table: the server builds the same numbers as a spreadsheet. */
export function XlsxButton({ href, label }: { href: string; label?: string }) {
  const { t } = useT();
  return (
    <Button
      component="a"
      href={href}
      download
      size="xs"
      variant="light"
      leftSection={<IconDownload size={14} aria-hidden />}
      aria-label={label ? `${t('downloadXlsx')}: ${label}` : t('downloadXlsx')}
    >
      {t('downloadXlsx')}
    </Button>
  );
}
