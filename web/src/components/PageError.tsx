import { Alert, Button, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/locale.tsx';

/**
 * What a page that failed to render shows (the router's error component), in the reader's language:
 * nothing technical, a way to try again. `data-page-error` lets the browser walk fail on it.
 */
export function PageError() {
  const { t } = useT();
  return (
    <Alert color="red" title={t('pageFailed')} data-page-error m="md">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('pageFailedHelp')}</Text>
        <Button size="xs" variant="light" onClick={() => window.location.reload()}>
          {t('reload')}
        </Button>
      </Stack>
    </Alert>
  );
}
