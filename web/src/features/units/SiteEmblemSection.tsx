import { Alert, Button, FileButton, Group, Image, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useT } from '../../i18n/locale.tsx';

interface SiteForm {
  emblem: boolean;
  version: number;
}

/**
 * The province's emblem beside its name on every page of the public site: shown only to whoever may
 * change the installation's settings (the GET answers them alone); a PNG or JPEG up to 200 KB.
 */
export function SiteEmblemSection() {
  const { t } = useT();
  const client = useQueryClient();
  const site = useQuery({
    queryKey: ['site'],
    queryFn: () => api<SiteForm>('GET', '/api/site'),
    retry: false,
  });
  const [removing, setRemoving] = useState(false);
  const [stamp, setStamp] = useState(0);
  const done = (form: SiteForm) => {
    client.setQueryData(['site'], form);
    setStamp(Date.now());
  };
  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api<SiteForm>('POST', `/api/site/emblem?version=${site.data?.version ?? 0}`, body);
    },
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: () => api<SiteForm>('DELETE', `/api/site/emblem?version=${site.data?.version ?? 0}`),
    onSuccess: (form) => {
      done(form);
      setRemoving(false);
    },
  });
  if (!site.data) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('siteEmblemTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('siteEmblemHelp')}
      </Text>
      {site.data.emblem && (
        <Image
          src={`/cong-khai/bieu-trung?v=${stamp}`}
          alt={t('siteEmblemAlt')}
          w={72}
          h={72}
          fit="contain"
        />
      )}
      {upload.error && <Alert color="red">{upload.error.message}</Alert>}
      <Group>
        <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/png,image/jpeg">
          {(props) => (
            <Button {...props} variant="light" loading={upload.isPending}>
              {site.data.emblem ? t('siteEmblemReplace') : t('siteEmblemUpload')}
            </Button>
          )}
        </FileButton>
        {site.data.emblem && (
          <Button variant="subtle" color="red" aria-haspopup="dialog" onClick={() => setRemoving(true)}>
            {t('siteEmblemRemove')}
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={removing}
        title={t('siteEmblemRemoveTitle')}
        confirmLabel={t('siteEmblemRemove')}
        danger
        isBusy={remove.isPending}
        error={remove.error?.message ?? null}
        onConfirm={() => remove.mutate()}
        onClose={() => setRemoving(false)}
      >
        {t('siteEmblemRemoveWhat')}
      </ConfirmDialog>
    </Stack>
  );
}
