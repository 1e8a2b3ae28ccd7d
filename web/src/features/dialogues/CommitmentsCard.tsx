import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { commitmentSchema } from '../../../../core/dialogues/dialogue-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { matchesSearch } from '../../../../core/text/vietnamese.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useFieldErrors } from '../../components/form.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type DialogueCommitment, type DialogueDetail, useDialogueChange, useLeadUnits } from './api.ts';
import { COMMITMENT_STATES, STATE_COLORS } from './dialogue-words.ts';

/** The commitment's state in words, as its task stands ("Đã thực hiện ngày 20/12/2026"). */
function StateBadge({ commitment }: { commitment: DialogueCommitment }) {
  const { t, label } = useT();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={STATE_COLORS[commitment.state]} variant="light" data-state={commitment.state}>
        {label(COMMITMENT_STATES[commitment.state])}
      </Badge>
      {commitment.doneOn && (
        <Text size="sm">{fill(t('dialogueDoneOn'), { date: formatDateVi(commitment.doneOn) })}</Text>
      )}
    </Group>
  );
}

function TaskLink({ commitment }: { commitment: DialogueCommitment }) {
  const { t } = useT();
  if (commitment.planId === null) return null;
  return (
    <Anchor
      size="sm"
      renderRoot={(props) => (
        <Link {...props} to="/plans/$planId" params={{ planId: String(commitment.planId) }} />
      )}
    >
      {t('dialogueOpenTask')}
    </Anchor>
  );
}

function CommitmentForm({ dialogue }: { dialogue: DialogueDetail }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [leadUnitId, setLeadUnitId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const [questionId, setQuestionId] = useState<string | null>(null);
  const { errors, formError, check, fail } = useFieldErrors();
  const change = useDialogueChange(dialogue.id);
  const { data: leadUnits } = useLeadUnits(dialogue.id, true);
  const save = () => {
    const body = {
      text,
      leadUnitId: leadUnitId ? Number(leadUnitId) : null,
      dueOn,
      questionId: questionId ? Number(questionId) : null,
      version: dialogue.version,
    };
    if (!check(commitmentSchema, body)) return;
    change.mutate(
      { method: 'POST', path: '/commitments', body },
      {
        onSuccess: () => {
          setText('');
          setLeadUnitId(null);
          setDueOn('');
          setQuestionId(null);
        },
        onError: fail,
      },
    );
  };
  return (
    <Stack gap="xs" data-commitment-form>
      <Textarea
        label={t('dialogueCommitment')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={errors.text}
        autosize
        minRows={2}
        required
      />
      <Grid>
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <Select
            label={t('dialogueLeadUnit')}
            data={(leadUnits ?? []).map((unit) => ({ value: String(unit.id), label: unit.name }))}
            value={leadUnitId}
            onChange={setLeadUnitId}
            placeholder={t('dialogueLeadUnitMissing')}
            error={errors.leadUnitId}
            searchable
            filter={({ options, search }) =>
              options.filter((option) => 'label' in option && matchesSearch(option.label, search))
            }
            nothingFoundMessage={t('dialogueLeadUnitNone')}
            required
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TextInput
            label={t('dialogueDueOn')}
            placeholder="dd/mm/yyyy"
            value={dueOn}
            onChange={(event) => setDueOn(event.currentTarget.value)}
            error={errors.dueOn}
            required
          />
        </Grid.Col>
      </Grid>
      {dialogue.questions.length > 0 && (
        <Select
          label={t('dialogueCommitmentQuestion')}
          placeholder={t('dialogueCommitmentNoQuestion')}
          data={dialogue.questions.map((question, index) => ({
            value: String(question.id),
            label: `${index + 1}. ${question.question.slice(0, 120)}`,
          }))}
          value={questionId}
          onChange={setQuestionId}
          clearable
        />
      )}
      {formError && (
        <Text c="red" role="alert">
          {formError}
        </Text>
      )}
      <Group justify="flex-end">
        <Button onClick={save} loading={change.isPending}>
          {t('dialogueAddCommitment')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The commitments made, each a task of its lead unit: its state in words and a link to it. */
export function CommitmentsCard({ dialogue, isLocked }: { dialogue: DialogueDetail; isLocked: boolean }) {
  const { t } = useT();
  const isPhone = useIsPhone();
  const [removing, setRemoving] = useState<DialogueCommitment | null>(null);
  const change = useDialogueChange(dialogue.id);
  const remove = (commitment: DialogueCommitment) =>
    !isLocked && (
      <Button
        size="xs"
        variant="subtle"
        color="red"
        aria-haspopup="dialog"
        onClick={() => setRemoving(commitment)}
      >
        {t('dialogueRemove')}
      </Button>
    );
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('dialogueCommitments')}</Title>
        <Text size="sm" c="dimmed">
          {t('dialogueCommitmentsHint')}
        </Text>
        {dialogue.commitments.length === 0 && <Text c="dimmed">{t('dialogueNoCommitments')}</Text>}
        {dialogue.commitments.length > 0 &&
          (isPhone ? (
            <Stack gap="xs">
              {dialogue.commitments.map((commitment) => (
                <Card key={commitment.id} withBorder padding="sm" data-commitment={commitment.id}>
                  <Stack gap={4}>
                    <Text fw={600} style={{ whiteSpace: 'pre-wrap' }}>
                      {commitment.text}
                    </Text>
                    <Text size="sm">
                      {t('dialogueLeadUnit')}: {commitment.leadUnitName}
                    </Text>
                    <Text size="sm">
                      {t('dialogueDueOn')}: {formatDateVi(commitment.dueOn)}
                    </Text>
                    <StateBadge commitment={commitment} />
                    <Group gap="xs">
                      <TaskLink commitment={commitment} />
                      {remove(commitment)}
                    </Group>
                  </Stack>
                </Card>
              ))}
            </Stack>
          ) : (
            <ScrollTable withTableBorder aria-label={t('dialogueCommitments')} minWidth={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dialogueCommitment')}</Table.Th>
                  <Table.Th>{t('dialogueLeadUnit')}</Table.Th>
                  <Table.Th>{t('dialogueDueOn')}</Table.Th>
                  <Table.Th>{t('dialogueCommitmentState')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dialogue.commitments.map((commitment) => (
                  <Table.Tr key={commitment.id} data-commitment={commitment.id}>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{commitment.text}</Table.Td>
                    <Table.Td>{commitment.leadUnitName}</Table.Td>
                    <Table.Td>{formatDateVi(commitment.dueOn)}</Table.Td>
                    <Table.Td>
                      <StateBadge commitment={commitment} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <TaskLink commitment={commitment} />
                        {remove(commitment)}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          ))}
        {!isLocked && (
          <Card withBorder padding="sm" bg="gray.0">
            <CommitmentForm dialogue={dialogue} />
          </Card>
        )}
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('dialogueRemoveCommitmentTitle')}
        confirmLabel={t('dialogueRemove')}
        danger
        isBusy={change.isPending}
        error={change.error?.message ?? null}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          change.mutate(
            { method: 'DELETE', path: `/commitments/${removing.id}?version=${dialogue.version}` },
            { onSuccess: () => setRemoving(null) },
          )
        }
      >
        {t('dialogueRemoveCommitmentText')}
      </ConfirmDialog>
    </Card>
  );
}
