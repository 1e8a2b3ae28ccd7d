import {
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { editDialogueSchema } from '../../../../core/dialogues/dialogue-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { type DialogueDetail, useDialogueChange } from './api.ts';
import { kindOptions } from './dialogue-words.ts';

/**
 * The dialogue's particulars as a form: saved with its button at the version read; what was typed
 * stays on the page when the server refuses it (its reason beside the field).
 */
export function DialogueDetailsForm({ dialogue, isLocked }: { dialogue: DialogueDetail; isLocked: boolean }) {
  const { t, label } = useT();
  const [values, setValues] = useState({
    kind: dialogue.kind as string,
    heldOn: formatDateVi(dialogue.heldOn),
    topic: dialogue.topic,
    location: dialogue.location ?? '',
    chairedBy: dialogue.chairedBy ?? '',
    participants: dialogue.participants ?? '',
    participantCount: dialogue.participantCount as number | null,
    summary: dialogue.summary ?? '',
  });
  const { errors, formError, check, fail } = useFieldErrors();
  const change = useDialogueChange(dialogue.id);
  const set = (key: keyof typeof values) => (value: string | number | null) =>
    setValues((current) => ({ ...current, [key]: value }));
  const save = () => {
    const body = { ...values, version: dialogue.version };
    if (!check(editDialogueSchema, body)) return;
    change.mutate(
      { method: 'PUT', path: '', body },
      { onSuccess: () => notifySaved(t('dialogueSaved')), onError: fail },
    );
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('dialogueDetails')}</Title>
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('dialogueKind')}
              data={kindOptions(label)}
              value={values.kind}
              onChange={(value) => set('kind')(value ?? values.kind)}
              allowDeselect={false}
              error={errors.kind}
              disabled={isLocked}
              required
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('dialogueHeldOn')}
              placeholder="dd/mm/yyyy"
              value={values.heldOn}
              onChange={(event) => set('heldOn')(event.currentTarget.value)}
              error={errors.heldOn}
              disabled={isLocked}
              required
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label={t('dialogueTopic')}
              value={values.topic}
              onChange={(event) => set('topic')(event.currentTarget.value)}
              error={errors.topic}
              disabled={isLocked}
              maxLength={500}
              required
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('dialogueLocation')}
              value={values.location}
              onChange={(event) => set('location')(event.currentTarget.value)}
              error={errors.location}
              disabled={isLocked}
              maxLength={300}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('dialogueChairedBy')}
              value={values.chairedBy}
              onChange={(event) => set('chairedBy')(event.currentTarget.value)}
              error={errors.chairedBy}
              disabled={isLocked}
              maxLength={200}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <Textarea
              label={t('dialogueParticipants')}
              description={t('dialogueParticipantsHint')}
              value={values.participants}
              onChange={(event) => set('participants')(event.currentTarget.value)}
              error={errors.participants}
              disabled={isLocked}
              autosize
              minRows={2}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput
              label={t('dialogueParticipantCount')}
              value={values.participantCount ?? ''}
              onChange={(value) => set('participantCount')(typeof value === 'number' ? value : null)}
              error={errors.participantCount}
              disabled={isLocked}
              min={0}
              allowDecimal={false}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label={t('dialogueSummary')}
              value={values.summary}
              onChange={(event) => set('summary')(event.currentTarget.value)}
              error={errors.summary}
              disabled={isLocked}
              autosize
              minRows={3}
            />
          </Grid.Col>
        </Grid>
        {formError && (
          <Text c="red" role="alert">
            {formError}
          </Text>
        )}
        {!isLocked && (
          <Group justify="flex-end">
            <Button onClick={save} loading={change.isPending}>
              {t('dialogueSave')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
