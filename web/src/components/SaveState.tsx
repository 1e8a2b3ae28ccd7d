import { Anchor, Text } from '@mantine/core';
import type { Autosave } from '../api/autosave.ts';
import { useT } from '../i18n/locale.tsx';

const time = (date: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);

/** What became of the last change: "Đang lưu…", "Đã lưu lúc 10:42", "Chưa lưu — lỗi, thử lại". */
export function SaveState({ autosave }: { autosave: Autosave<unknown> }) {
  const { t } = useT();
  const { status, savedAt, error } = autosave;
  if (status === 'pending' || status === 'saving')
    return (
      <Text size="xs" c="dimmed" role="status">
        {t('saveSaving')}
      </Text>
    );
  if (status === 'error')
    return (
      <Text size="xs" c="red" role="status" title={error?.message}>
        {t('saveFailed')}
        {error?.fields[0] ? `: ${error.fields[0].message}` : ''}{' '}
        <Anchor component="button" type="button" size="xs" onClick={() => void autosave.retry()}>
          {t('saveRetry')}
        </Anchor>
      </Text>
    );
  if (status === 'conflict')
    return (
      <Text size="xs" c="orange" role="status">
        {t('saveConflictShort')}
      </Text>
    );
  if (status === 'saved' && savedAt)
    return (
      <Text size="xs" c="dimmed" role="status">
        {t('saveSavedAt')} {time(savedAt)}
      </Text>
    );
  return null;
}
