import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
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
  const navigate = useNavigate();
  const { errors, formError, check, fail } = useFieldErrors();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [isBusy, setBusy] = useState(false);

  const submit = async () => {
    if (!check(changePasswordSchema, values)) return;
    setBusy(true);
    try {
      await api('POST', '/api/auth/password', values);
      setValues({ currentPassword: '', newPassword: '' });
      const wasTemporary = me?.mustChangePassword;
      await client.invalidateQueries({ queryKey: ['me'] });
      notifySaved(t('saved'));
      // The temporary password is gone: on to the page the person was going to.
      const next = new URLSearchParams(window.location.search).get('next');
      if (wasTemporary) await navigate({ to: next?.startsWith('/') && next !== '/account' ? next : '/' });
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
      {me?.mustChangePassword && (
        <Alert color="yellow" role="alert">
          {t('mustChange')} {t('mustChangeFirst')}
        </Alert>
      )}
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
            description={t('passwordRuleHint')}
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
