import { Button, Group, Popover, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { parseDate } from '../../../../core/text/dates.ts';
import { queryString } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';

/**
 * The apology slip of a late dossier promises a new date for its result: the person types it
 * (dd/mm/yyyy) before the draft is downloaded. A dossier already finished may leave it empty: the slip
 * then gives the day its result was ready.
 */
export function ApologySlipButton({ code, isOpen }: { code: string; isOpen: boolean }) {
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const newDate = parseDate(typed);
  const isReady = newDate !== null || (!isOpen && typed.trim() === '');
  const hrefOf = (format: 'docx' | 'pdf') =>
    `/api/dossiers/${encodeURIComponent(code)}/apology-letter.${format}${queryString({ newDate })}`;
  return (
    <Popover width={260} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" aria-label={`${t('draftApology')}: ${code}`}>
          {t('draftApology')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            size="xs"
            label={t('apologyNewDate')}
            description={t('apologyNewDateHelp')}
            placeholder="dd/mm/yyyy"
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            error={typed.trim() !== '' && newDate === null ? t('apologyInvalidDate') : undefined}
          />
          {isReady ? (
            <Group gap="xs" grow>
              <Button size="xs" component="a" href={hrefOf('docx')} download>
                {t('downloadSlip')}
              </Button>
              <Button size="xs" variant="light" component="a" href={hrefOf('pdf')} download>
                {t('downloadPdf')}
              </Button>
            </Group>
          ) : (
            <Group gap="xs" grow>
              <Button size="xs" disabled>
                {t('downloadSlip')}
              </Button>
              <Button size="xs" disabled>
                {t('downloadPdf')}
              </Button>
            </Group>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
