import { Button, Group, Modal, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { chatText } from '../../../../core/reports/chasing.ts';
import { todayInVietnam } from '../../../../core/text/dates.ts';
import { queryString } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import type { PeriodOverview } from './api.ts';

/**
 * The board's other ways to chase the units that have not sent: the công văn đôn đốc to sign (.docx),
 * and a short message with each unit's head and phone to paste into the province's chat group.
 */
export function ChasingActions({
  period,
  units,
}: {
  period: PeriodOverview['period'];
  units: PeriodOverview['units'];
}) {
  const { t } = useT();
  const [text, setText] = useState<string | null>(null);
  const targets = units.filter((entry) => entry.toChase);
  const copy = async () => {
    const message = chatText(targets, period, todayInVietnam());
    setText(message);
    try {
      await navigator.clipboard.writeText(message);
      notifications.show({ color: 'green', message: t('chasingCopied') });
    } catch {
      // No clipboard (an insecure page, a refused permission): the dialog shows the text to copy by hand.
    }
  };
  return (
    <>
      <Button
        component="a"
        variant="default"
        href={`/api/reports/chasing-letter.docx${queryString({ period: period.code })}`}
        download
        disabled={targets.length === 0}
        data-disabled={targets.length === 0 || undefined}
        onClick={(event) => targets.length === 0 && event.preventDefault()}
      >
        {t('chasingLetter')}
      </Button>
      <Button
        component="a"
        variant="default"
        href={`/api/reports/chasing-letter.pdf${queryString({ period: period.code })}`}
        download
        disabled={targets.length === 0}
        data-disabled={targets.length === 0 || undefined}
        onClick={(event) => targets.length === 0 && event.preventDefault()}
      >
        {t('downloadPdf')}
      </Button>
      <Button
        variant="default"
        disabled={targets.length === 0}
        aria-haspopup="dialog"
        onClick={() => void copy()}
      >
        {t('chasingCopyText')}
      </Button>
      <Modal opened={text !== null} onClose={() => setText(null)} title={t('chasingText')} size="lg">
        <Textarea
          aria-label={t('chasingText')}
          description={t('chasingTextNote')}
          lang="vi"
          value={text ?? ''}
          readOnly
          autosize
          minRows={6}
          maxRows={16}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Group justify="flex-end" mt="md">
          <Button onClick={() => setText(null)}>{t('chasingDone')}</Button>
        </Group>
      </Modal>
    </>
  );
}
