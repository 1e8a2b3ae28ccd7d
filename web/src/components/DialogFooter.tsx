import { Button, Group } from '@mantine/core';
import { useT } from '../i18n/locale.tsx';

/** The buttons under every dialog form: cancel, and the action (red when it closes or removes something). */
export function DialogFooter({
  onClose,
  onSubmit,
  isBusy,
  label,
  danger,
  isDisabled,
}: {
  onClose: () => void;
  onSubmit: () => void;
  isBusy: boolean;
  label?: string;
  danger?: boolean;
  isDisabled?: boolean;
}) {
  const { t } = useT();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('cancel')}
      </Button>
      <Button color={danger ? 'red' : undefined} onClick={onSubmit} loading={isBusy} disabled={isDisabled}>
        {label ?? t('save')}
      </Button>
    </Group>
  );
}
