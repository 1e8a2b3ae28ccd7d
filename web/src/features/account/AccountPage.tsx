import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changePasswordSchema } from '../../../../core/auth/account-schemas.ts';
import { api } from '../../api/client.ts';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';

export function AccountPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const client = useQueryClient();
  const { errors, formError, check, fail } = useFieldErrors();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [isBusy, setBusy] = useState(false);

  const submit = async () => {
    if (!check(changePasswordSchema, values)) return;
    setBusy(true);
    try {
      await api('POST', '/api/auth/password', values);
      setValues({ currentPassword: '', newPassword: '' });
      await client.invalidateQueries({ queryKey: ['me'] });
      notifySaved(t('saved'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={480}>
      <Title order={2}>{t('account')}</Title>
      <Text>
        {me?.fullName} ({me?.username})
      </Text>
      {me?.mustChangePassword && <Alert color="yellow">{t('mustChange')}</Alert>}
      <Paper withBorder p="md">
        <Stack>
          <Title order={3} size="h4">
            {t('changePassword')}
          </Title>
          {formError && <Alert color="red">{formError}</Alert>}
          <PasswordInput
            label={t('currentPassword')}
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(e) => setValues({ ...values, currentPassword: e.currentTarget.value })}
            error={errors.currentPassword}
          />
          <PasswordInput
            label={t('newPassword')}
            autoComplete="new-password"
            description="≥ 10 ký tự, có chữ và số"
            value={values.newPassword}
            onChange={(e) => setValues({ ...values, newPassword: e.currentTarget.value })}
            error={errors.newPassword}
          />
          <Button onClick={submit} loading={isBusy}>
            {t('changePassword')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
