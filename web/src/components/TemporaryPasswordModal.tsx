import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { useT } from '../i18n/locale.tsx';

/** Shows a temporary password once, with a copy button. */
export function TemporaryPasswordModal({
  password,
  onClose,
}: {
  password: string | null;
  onClose: () => void;
}) {
  const { t } = useT();
  return (
    <Modal opened={password !== null} onClose={onClose} title={t('temporaryPassword')}>
      <Stack>
        <Alert color="yellow">{t('shownOnce')}</Alert>
        <Group>
          <Code fz="lg">{password}</Code>
          <CopyButton value={password ?? ''}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? '✓' : 'Sao chép'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Button onClick={onClose}>OK</Button>
      </Stack>
    </Modal>
  );
}
