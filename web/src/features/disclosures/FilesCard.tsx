import { Anchor, Badge, Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type ObligationDetail, useObligationChange } from './api.ts';

/** The document's files: the one marked public is linked from the public page; the others stay internal. */
export function FilesCard({ obligation }: { obligation: ObligationDetail }) {
  const { t } = useT();
  const change = useObligationChange(obligation.id);
  const [removing, setRemoving] = useState<{ id: number; fileName: string } | null>(null);
  const upload = (file: File | null, isPublic: boolean) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    change.mutate({
      method: 'POST',
      path: `/api/disclosures/${obligation.id}/files${isPublic ? '?public=true' : ''}`,
      body: form,
    });
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('disclosuresFiles')}
        </Title>
        {obligation.files.map((file) => (
          <Group key={file.id} justify="space-between">
            <Group gap="xs">
              <Anchor href={`/api/disclosures/${obligation.id}/files/${file.id}`}>{file.fileName}</Anchor>
              <SignatureBadge signature={file.signature} fileName={file.fileName} />
              {file.id === obligation.publicFileId && (
                <Badge color="green" variant="light">
                  {t('disclosuresFilePublic')}
                </Badge>
              )}
            </Group>
            {obligation.canRecord && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-haspopup="dialog"
                aria-label={`${t('remove')} ${file.fileName}`}
                onClick={() => setRemoving(file)}
              >
                {t('remove')}
              </Button>
            )}
          </Group>
        ))}
        {change.error && (
          <Text size="sm" c="red" role="alert">
            {change.error.message}
          </Text>
        )}
        {obligation.canRecord && (
          <Group>
            <FileButton onChange={(file) => upload(file, true)}>
              {(props) => (
                <Button variant="light" size="xs" loading={change.isPending} {...props}>
                  {t('disclosuresAttachPublic')}
                </Button>
              )}
            </FileButton>
            <FileButton onChange={(file) => upload(file, false)}>
              {(props) => (
                <Button variant="default" size="xs" {...props}>
                  {t('disclosuresAttachInternal')}
                </Button>
              )}
            </FileButton>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('remove')}
        confirmLabel={t('remove')}
        danger
        isBusy={change.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          change.mutate(
            { method: 'DELETE', path: `/api/disclosures/${obligation.id}/files/${removing.id}` },
            { onSuccess: () => setRemoving(null) },
          )
        }
      >
        <Text>{removing?.fileName}</Text>
      </ConfirmDialog>
    </Card>
  );
}
