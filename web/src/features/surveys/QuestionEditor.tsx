/** One question of a draft: its words in both languages, kind, options, satisfied answers, condition, flags. */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import {
  isScored,
  optionsOf,
  QUESTION_KINDS,
  type QuestionKind,
  type SurveyElement,
  type SurveyQuestion,
  satisfiedValues,
} from '../../../../core/surveys/survey.ts';
import { useT } from '../../i18n/locale.tsx';

const sameSet = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function QuestionEditor({
  question,
  index,
  count,
  earlier,
  elements,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: {
  question: SurveyQuestion;
  index: number;
  count: number;
  /** The questions before it: a condition can only look back. */
  earlier: readonly SurveyQuestion[];
  elements: readonly SurveyElement[];
  readOnly: boolean;
  onChange: (question: SurveyQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useT();
  const set = (patch: Partial<SurveyQuestion>) => {
    const next = { ...question, ...patch };
    for (const key of Object.keys(patch) as (keyof SurveyQuestion)[])
      if (patch[key] === undefined) delete next[key];
    onChange(next);
  };
  const options = optionsOf(question);
  const optionLabel = (option: { value: number; vi: string; en?: string | undefined }) =>
    `${option.value} — ${locale === 'en' && option.en ? option.en : option.vi}`;
  const label = `${t('questionnaireQuestionText')} ${question.code}`;
  const asked = question.condition
    ? earlier.find((candidate) => candidate.code === question.condition?.question)
    : undefined;

  const changeKind = (kind: QuestionKind) =>
    set({
      kind,
      options:
        kind === 'choice'
          ? (question.options ?? [
              { value: 1, vi: '' },
              { value: 2, vi: '' },
            ])
          : undefined,
      satisfied: undefined,
      scored: undefined,
    });
  const changeSatisfied = (values: string[]) => {
    const chosen = values.map(Number);
    set({
      satisfied: sameSet(chosen, satisfiedValues({ ...question, satisfied: undefined })) ? undefined : chosen,
    });
  };
  const changeOption = (at: number, patch: { value?: number; vi?: string; en?: string }) =>
    set({
      options: (question.options ?? []).map((option, i) => {
        if (i !== at) return option;
        const next = { ...option, ...patch };
        if (next.en === '') delete next.en;
        return next;
      }),
    });

  return (
    <Card
      withBorder
      component="article"
      aria-label={`${t('questionnaireConflictQuestion')} ${index + 1}: ${question.code}`}
      padding="sm"
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Text fw={700}>{index + 1}.</Text>
            <TextInput
              size="xs"
              w={120}
              aria-label={`${t('questionnaireQuestionCode')} ${index + 1}`}
              value={question.code}
              readOnly={readOnly}
              onChange={(event) => set({ code: event.currentTarget.value })}
            />
            {question.unconfirmed && (
              <Badge color="orange" variant="light" size="sm">
                {t('questionnaireUnconfirmed')}
              </Badge>
            )}
          </Group>
          {!readOnly && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                aria-label={`${t('questionnaireQuestionUp')} ${question.code}`}
                disabled={index === 0}
                onClick={() => onMove(-1)}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                aria-label={`${t('questionnaireQuestionDown')} ${question.code}`}
                disabled={index === count - 1}
                onClick={() => onMove(1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`${t('questionnaireQuestionRemove')} ${question.code}`}
                onClick={onRemove}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          )}
        </Group>
        <Textarea
          label={t('questionnaireQuestionText')}
          aria-label={label}
          lang="vi"
          autosize
          minRows={1}
          value={question.textVi}
          readOnly={readOnly}
          onChange={(event) => set({ textVi: event.currentTarget.value })}
        />
        <TextInput
          label={t('questionnaireQuestionTextEn')}
          lang="en"
          value={question.textEn ?? ''}
          readOnly={readOnly}
          onChange={(event) => set({ textEn: event.currentTarget.value || undefined })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('questionnaireQuestionKind')}
            data={Object.entries(QUESTION_KINDS).map(([value, name]) => ({ value, label: name[locale] }))}
            value={question.kind}
            readOnly={readOnly}
            allowDeselect={false}
            onChange={(value) => value && changeKind(value as QuestionKind)}
          />
          <Select
            label={t('questionnaireQuestionElement')}
            data={[
              { value: '', label: t('questionnaireElementNone') },
              ...elements.map((element) => ({
                value: element.code,
                label: `${element.code} — ${locale === 'en' && element.nameEn ? element.nameEn : element.nameVi}`,
              })),
            ]}
            value={question.element ?? ''}
            readOnly={readOnly}
            allowDeselect={false}
            onChange={(value) => set({ element: value ? value : null, scored: undefined })}
          />
        </SimpleGrid>
        {question.kind === 'choice' && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('questionnaireOptions')}
            </Text>
            {(question.options ?? []).map((option, at) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, their position is their identity
              <Group key={at} gap="xs" wrap="nowrap">
                <NumberInput
                  size="xs"
                  w={70}
                  aria-label={`${question.code} ${at + 1}`}
                  value={option.value}
                  readOnly={readOnly}
                  onChange={(value) => changeOption(at, { value: Number(value) })}
                />
                <TextInput
                  size="xs"
                  lang="vi"
                  style={{ flex: 1 }}
                  aria-label={`${question.code} ${at + 1} ${t('questionnaireQuestionText')}`}
                  value={option.vi}
                  readOnly={readOnly}
                  onChange={(event) => changeOption(at, { vi: event.currentTarget.value })}
                />
                <TextInput
                  size="xs"
                  lang="en"
                  style={{ flex: 1 }}
                  aria-label={`${question.code} ${at + 1} ${t('questionnaireQuestionTextEn')}`}
                  value={option.en ?? ''}
                  readOnly={readOnly}
                  onChange={(event) => changeOption(at, { en: event.currentTarget.value })}
                />
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`${t('questionnaireQuestionRemove')} ${question.code} ${at + 1}`}
                    onClick={() => set({ options: (question.options ?? []).filter((_, i) => i !== at) })}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {!readOnly && (
              <Button
                size="compact-xs"
                variant="subtle"
                w="fit-content"
                onClick={() => {
                  const values = (question.options ?? []).map((option) => option.value);
                  set({
                    options: [...(question.options ?? []), { value: Math.max(0, ...values) + 1, vi: '' }],
                  });
                }}
              >
                + {t('questionnaireOptionAdd')}
              </Button>
            )}
          </Stack>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {question.kind !== 'text' && (
            <MultiSelect
              label={t('questionnaireSatisfied')}
              data={options.map((option) => ({ value: String(option.value), label: optionLabel(option) }))}
              value={satisfiedValues(question).map(String)}
              readOnly={readOnly}
              onChange={changeSatisfied}
            />
          )}
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <Select
              label={t('questionnaireCondition')}
              style={{ flex: 1 }}
              data={[
                { value: '', label: t('questionnaireConditionNone') },
                ...earlier
                  .filter((candidate) => candidate.kind !== 'text')
                  .map((candidate) => ({ value: candidate.code, label: candidate.code })),
              ]}
              value={question.condition?.question ?? ''}
              readOnly={readOnly}
              allowDeselect={false}
              onChange={(value) => {
                const target = earlier.find((candidate) => candidate.code === value);
                // A condition needs an answer to look for: the first one until the user picks.
                const first = target ? optionsOf(target)[0]?.value : undefined;
                set({
                  condition: value && first !== undefined ? { question: value, in: [first] } : undefined,
                });
              }}
            />
            {asked && (
              <MultiSelect
                aria-label={`${t('questionnaireCondition')} ${t('questionnaireConditionAnswer')}`}
                placeholder={t('questionnaireConditionAnswer')}
                style={{ flex: 1 }}
                data={optionsOf(asked).map((option) => ({
                  value: String(option.value),
                  label: optionLabel(option),
                }))}
                value={(question.condition?.in ?? []).map(String)}
                readOnly={readOnly}
                onChange={(values) => set({ condition: { question: asked.code, in: values.map(Number) } })}
              />
            )}
          </Group>
        </SimpleGrid>
        <Group gap="lg">
          <Checkbox
            label={t('questionnaireRequired')}
            checked={question.required ?? false}
            disabled={readOnly}
            onChange={(event) => set({ required: event.currentTarget.checked || undefined })}
          />
          {question.kind !== 'text' && question.element !== null && (
            <Checkbox
              label={t('questionnaireScored')}
              checked={isScored(question)}
              disabled={readOnly}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                set({
                  scored: checked === isScored({ ...question, scored: undefined }) ? undefined : checked,
                });
              }}
            />
          )}
          <Checkbox
            label={t('questionnaireMarkUnconfirmed')}
            checked={question.unconfirmed ?? false}
            disabled={readOnly}
            onChange={(event) => set({ unconfirmed: event.currentTarget.checked })}
          />
          {question.fromDossier === 'channel' && (
            <Text size="xs" c="dimmed">
              {t('questionnaireFromDossier')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
