import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import { useSignIn } from './session.ts';

export function LoginPage() {
  const { t } = useT();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(username, password);
      const next = new URLSearchParams(window.location.search).get('next');
      const target = next?.startsWith('/') ? next : '/';
      // A temporary password is changed first; the account page then goes on to the target.
      if (me.mustChangePassword) await navigate({ to: '/account', search: { next: target } });
      else await navigate({ to: target });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit}>
          <Stack>
            <div>
              <Title order={1} size="h2">
                {t('appName')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('tagline')}
              </Text>
            </div>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('username')}
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoFocus
            />
            <PasswordInput
              label={t('password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={isBusy}>
              {t('signIn')}
            </Button>
          </Stack>
        </form>
        {/* The citizens' pages are the server's own (no account, no JavaScript): a full page load. */}
        <Anchor href="/phan-anh" display="block" mt="lg" py="xs" ta="center">
          {t('citizenFeedback')}
        </Anchor>
      </Paper>
    </Center>
  );
}
