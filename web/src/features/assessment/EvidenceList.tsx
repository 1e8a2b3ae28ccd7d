import { Anchor, Button, Group, List, Modal, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Evidence } from '../../../../core/plans/plan-views.ts';
import { ApiError, api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useRoundWrite } from './api.ts';

/** The files proving a criterion; the unit removes one attached by mistake after confirming. */
export function EvidenceList({
  url,
  code,
  canRemove,
  onClose,
}: {
  url: string;
  code: string;
  canRemove: boolean;
  onClose: () => void;
}) {
  const { t } = useT();
  const { data } = useQuery({
    queryKey: ['rounds', 'evidence', url],
    queryFn: () => api<Evidence[]>('GET', url),
  });
  const [removing, setRemoving] = useState<{ id: number; fileName: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useRoundWrite((id: number) => api('DELETE', `${url}/${id}`));
  const confirmRemove = async () => {
    if (!removing) return;
    setProblem(null);
    try {
      await remove.mutateAsync(removing.id);
      setRemoving(null);
    } catch (caught) {
      setProblem(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  // The list steps aside while the removal is confirmed, and comes back after.
  return (
    <>
      <Modal opened={removing === null} onClose={onClose} title={t('evidence')}>
        {data?.length === 0 && <Text c="dimmed">{t('noEvidence')}</Text>}
        <List>
          {data?.map((file) => (
            <List.Item key={file.id}>
              <Group gap="xs">
                <Anchor href={`${url}/${file.id}`} download>
                  {file.fileName}
                </Anchor>
                <SignatureBadge signature={file.signature} fileName={file.fileName} />
                {canRemove && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-haspopup="dialog"
                    onClick={() => setRemoving(file)}
                    aria-label={`${t('remove')} ${file.fileName}`}
                  >
                    {t('remove')}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={fill(t('removeFileTitle'), { file: removing?.fileName ?? '' })}
        confirmLabel={t('remove')}
        danger
        isBusy={remove.isPending}
        error={problem}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(null)}
      >
        {fill(t('removeFileWhat'), { owner: fill(t('removeFileCriterion'), { code }) })}
      </ConfirmDialog>
    </>
  );
}
