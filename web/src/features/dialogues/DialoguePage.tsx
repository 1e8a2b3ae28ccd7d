import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import { type DialogueDetail, useDialogue, useDialogueChange } from './api.ts';
import { CommitmentsCard } from './CommitmentsCard.tsx';
import { DialogueDetailsForm } from './DialogueDetailsForm.tsx';
import { DIALOGUE_KINDS } from './dialogue-words.ts';
import { QuestionsCard } from './QuestionsCard.tsx';

/** Publishing behind a confirmation that says what becomes public; taking down with a reason. */
function PublishActions({ dialogue }: { dialogue: DialogueDetail }) {
  const { t } = useT();
  const [open, setOpen] = useState<'publish' | 'unpublish' | null>(null);
  const change = useDialogueChange(dialogue.id);
  const close = () => {
    change.reset();
    setOpen(null);
  };
  if (!dialogue.canRecord) return null;
  return (
    <>
      {dialogue.publishedAt === null ? (
        <Button aria-haspopup="dialog" onClick={() => setOpen('publish')}>
          {t('dialoguePublish')}
        </Button>
      ) : (
        <Button variant="default" aria-haspopup="dialog" onClick={() => setOpen('unpublish')}>
          {t('dialogueUnpublish')}
        </Button>
      )}
      <ConfirmDialog
        opened={open === 'publish'}
        title={t('dialoguePublishTitle')}
        confirmLabel={t('dialoguePublish')}
        isBusy={change.isPending}
        error={change.error?.message ?? null}
        onClose={close}
        onConfirm={() =>
          change.mutate(
            { method: 'POST', path: '/publish', body: { version: dialogue.version, confirm: true } },
            { onSuccess: () => setOpen(null) },
          )
        }
      >
        <Text>{t('dialoguePublishWhat')}</Text>
        <Text>{t('dialoguePublishNotWhat')}</Text>
        <Text c="dimmed">{t('dialoguePublishLocked')}</Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={open === 'unpublish'}
        title={t('dialogueUnpublish')}
        confirmLabel={t('dialogueUnpublish')}
        danger
        reason="required"
        reasonLabel={t('dialogueUnpublishReason')}
        isBusy={change.isPending}
        error={change.error?.message ?? null}
        onClose={close}
        onConfirm={(reason) =>
          change.mutate(
            { method: 'POST', path: '/unpublish', body: { version: dialogue.version, reason } },
            { onSuccess: () => setOpen(null) },
          )
        }
      >
        {t('dialogueUnpublishText')}
      </ConfirmDialog>
    </>
  );
}

/** One dialogue: its particulars, the questions and answers in order, the commitments as tasks. */
export function DialoguePage() {
  const { t, label } = useT();
  const { dialogueId } = useParams({ strict: false }) as { dialogueId: string };
  const { data: dialogue, isPending, error } = useDialogue(Number(dialogueId));
  if (isPending) return <Loader aria-label={t('loading')} />;
  if (error || !dialogue)
    return (
      <Alert color="red" role="alert">
        {error?.message}
      </Alert>
    );
  const isLocked = !dialogue.canRecord || dialogue.publishedAt !== null;
  return (
    <Stack>
      <Anchor renderRoot={(props) => <Link {...props} to="/dialogues" />}>← {t('dialogueBack')}</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
          <Title order={2}>{dialogue.topic}</Title>
          <Group gap="xs">
            <Badge variant="light">{label(DIALOGUE_KINDS[dialogue.kind])}</Badge>
            <Badge color={dialogue.publishedAt ? 'green' : 'gray'} variant="light">
              {dialogue.publishedAt ? t('dialoguePublished') : t('dialogueDraft')}
            </Badge>
            <Text size="sm" c="dimmed">
              {formatDateVi(dialogue.heldOn)} · {dialogue.unitName}
            </Text>
          </Group>
        </Stack>
        <PublishActions dialogue={dialogue} />
      </Group>
      {dialogue.publishedAt && (
        <Alert color="green" role="status">
          <Stack gap={4}>
            <Text size="sm">
              {fill(t('dialoguePublishedOn'), { at: formatDateTimeVi(dialogue.publishedAt) })}
            </Text>
            <Anchor href={`/doi-thoai/${dialogue.id}`} target="_blank" size="sm">
              {t('dialoguePublicPage')}
            </Anchor>
          </Stack>
        </Alert>
      )}
      <DialogueDetailsForm
        key={`${dialogue.id}-${dialogue.publishedAt ?? ''}`}
        dialogue={dialogue}
        isLocked={isLocked}
      />
      <QuestionsCard dialogue={dialogue} isLocked={isLocked} />
      <CommitmentsCard dialogue={dialogue} isLocked={isLocked} />
    </Stack>
  );
}
