import { Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { questionSchema } from '../../../../core/dialogues/dialogue-schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { type DialogueDetail, type DialogueQuestion, useDialogueChange } from './api.ts';

const EMPTY = { question: '', askedBy: '', answer: '', answeredBy: '' };

/** A question with its answer as a form: new, or an existing one being changed. */
function QuestionForm({
  dialogue,
  question,
  onDone,
}: {
  dialogue: DialogueDetail;
  question?: DialogueQuestion;
  onDone: () => void;
}) {
  const { t } = useT();
  const [values, setValues] = useState(
    question
      ? {
          question: question.question,
          askedBy: question.askedBy ?? '',
          answer: question.answer ?? '',
          answeredBy: question.answeredBy ?? '',
        }
      : EMPTY,
  );
  const { errors, formError, check, fail } = useFieldErrors();
  const change = useDialogueChange(dialogue.id);
  const set = (key: keyof typeof EMPTY) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const save = () => {
    const body = { ...values, version: dialogue.version };
    if (!check(questionSchema, body)) return;
    change.mutate(
      question
        ? { method: 'PUT', path: `/questions/${question.id}`, body }
        : { method: 'POST', path: '/questions', body },
      {
        onSuccess: () => {
          if (!question) setValues(EMPTY);
          onDone();
        },
        onError: fail,
      },
    );
  };
  return (
    <Stack gap="xs" data-question-form={question?.id ?? 'new'}>
      <Textarea
        label={t('dialogueQuestion')}
        value={values.question}
        onChange={(event) => set('question')(event.currentTarget.value)}
        error={errors.question}
        autosize
        minRows={2}
        required
      />
      <TextInput
        label={t('dialogueAskedBy')}
        description={t('dialogueAskedByHint')}
        value={values.askedBy}
        onChange={(event) => set('askedBy')(event.currentTarget.value)}
        error={errors.askedBy}
        maxLength={200}
      />
      <Textarea
        label={t('dialogueAnswer')}
        value={values.answer}
        onChange={(event) => set('answer')(event.currentTarget.value)}
        error={errors.answer}
        autosize
        minRows={2}
      />
      <TextInput
        label={t('dialogueAnsweredBy')}
        value={values.answeredBy}
        onChange={(event) => set('answeredBy')(event.currentTarget.value)}
        error={errors.answeredBy}
        maxLength={200}
      />
      {formError && (
        <Text c="red" role="alert">
          {formError}
        </Text>
      )}
      <Group justify="flex-end">
        {question && (
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
        )}
        <Button onClick={save} loading={change.isPending}>
          {question ? t('save') : t('dialogueAddQuestion')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The questions raised, in order, each with its answer; changed while the dialogue is not published. */
export function QuestionsCard({ dialogue, isLocked }: { dialogue: DialogueDetail; isLocked: boolean }) {
  const { t } = useT();
  const [editing, setEditing] = useState<number | null>(null);
  const [removing, setRemoving] = useState<DialogueQuestion | null>(null);
  const change = useDialogueChange(dialogue.id);
  const last = dialogue.questions.length - 1;
  const move = (question: DialogueQuestion, direction: 'up' | 'down') =>
    change.mutate({
      method: 'POST',
      path: `/questions/${question.id}/move`,
      body: { direction, version: dialogue.version },
    });
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('dialogueQuestions')}</Title>
        {dialogue.questions.length === 0 && <Text c="dimmed">{t('dialogueNoQuestions')}</Text>}
        {dialogue.questions.map((question, index) =>
          editing === question.id ? (
            <Card key={question.id} withBorder padding="sm">
              <QuestionForm dialogue={dialogue} question={question} onDone={() => setEditing(null)} />
            </Card>
          ) : (
            <Card key={question.id} withBorder padding="sm" data-question={question.id}>
              <Stack gap={4}>
                <Text fw={600} style={{ whiteSpace: 'pre-wrap' }}>
                  {index + 1}. {question.question}
                </Text>
                {question.askedBy && (
                  <Text size="sm" c="dimmed">
                    {t('dialogueAskedBy')}: {question.askedBy}
                  </Text>
                )}
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={question.answer ? undefined : 'dimmed'}>
                  {t('dialogueAnswer')}: {question.answer ?? t('dialogueNoAnswer')}
                  {question.answeredBy ? ` (${question.answeredBy})` : ''}
                </Text>
                {!isLocked && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(question.id)}>
                      {t('dialogueEditQuestion')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={index === 0 || change.isPending}
                      onClick={() => move(question, 'up')}
                    >
                      {t('dialogueMoveUp')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={index === last || change.isPending}
                      onClick={() => move(question, 'down')}
                    >
                      {t('dialogueMoveDown')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-haspopup="dialog"
                      onClick={() => setRemoving(question)}
                    >
                      {t('dialogueRemove')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Card>
          ),
        )}
        {change.error && (
          <Text c="red" role="alert">
            {change.error.message}
          </Text>
        )}
        {!isLocked && (
          <Card withBorder padding="sm" bg="gray.0">
            <QuestionForm dialogue={dialogue} onDone={() => undefined} />
          </Card>
        )}
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('dialogueRemoveQuestionTitle')}
        confirmLabel={t('dialogueRemove')}
        danger
        isBusy={change.isPending}
        error={change.error?.message ?? null}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          change.mutate(
            { method: 'DELETE', path: `/questions/${removing.id}?version=${dialogue.version}` },
            { onSuccess: () => setRemoving(null) },
          )
        }
      >
        {t('dialogueRemoveQuestionText')}
      </ConfirmDialog>
    </Card>
  );
}
