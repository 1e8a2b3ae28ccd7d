/** A draft's own fields (names, years, source, minimum respondents) and its elements. */
import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { SurveyDefinition, SurveyElement } from '../../../../core/surveys/survey.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';

export function SurveyDetailsEditor({
  definition,
  readOnly,
  onChange,
}: {
  definition: SurveyDefinition;
  readOnly: boolean;
  onChange: (definition: SurveyDefinition) => void;
}) {
  const { t } = useT();
  const set = (patch: Partial<SurveyDefinition>) => {
    const next = { ...definition, ...patch };
    if (next.nameEn === '') delete next.nameEn;
    onChange(next);
  };
  const setElement = (index: number, patch: Partial<SurveyElement>) =>
    set({
      elements: definition.elements.map((element, at) => {
        if (at !== index) return element;
        const next = { ...element, ...patch };
        if (next.nameEn === '') delete next.nameEn;
        return next;
      }),
    });
  return (
    <Card withBorder component="section" aria-label={t('questionnaireDetails')}>
      <Stack>
        <Title order={3} size="h4">
          {t('questionnaireDetails')}
        </Title>
        <TextInput
          label={t('questionnaireName')}
          lang="vi"
          value={definition.nameVi}
          readOnly={readOnly}
          onChange={(event) => set({ nameVi: event.currentTarget.value })}
        />
        <TextInput
          label={t('questionnaireNameEn')}
          lang="en"
          value={definition.nameEn ?? ''}
          readOnly={readOnly}
          onChange={(event) => set({ nameEn: event.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('questionnaireFromYear')}
            value={definition.fromYear}
            readOnly={readOnly}
            min={2000}
            max={2100}
            thousandSeparator=""
            onChange={(value) => set({ fromYear: Number(value) })}
          />
          <NumberInput
            label={t('questionnaireToYear')}
            value={definition.toYear ?? ''}
            readOnly={readOnly}
            min={2000}
            max={2100}
            thousandSeparator=""
            onChange={(value) => set({ toYear: value === '' ? null : Number(value) })}
          />
          <NumberInput
            label={t('questionnaireMinRespondents')}
            value={definition.minRespondents}
            readOnly={readOnly}
            min={1}
            onChange={(value) => set({ minRespondents: Number(value) || 1 })}
          />
        </SimpleGrid>
        <Textarea
          label={t('questionnaireSource')}
          lang="vi"
          autosize
          minRows={2}
          value={definition.source}
          readOnly={readOnly}
          onChange={(event) => set({ source: event.currentTarget.value })}
        />
        <Title order={4} size="h5">
          {t('questionnaireElements')}
        </Title>
        <ScrollTable>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('questionnaireElementCode')}</Table.Th>
              <Table.Th>{t('questionnaireElementName')}</Table.Th>
              <Table.Th>{t('questionnaireElementNameEn')}</Table.Th>
              {!readOnly && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {definition.elements.map((element, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an element's code is edited here, its position is its identity
              <Table.Tr key={index}>
                <Table.Td w={120}>
                  <TextInput
                    size="xs"
                    aria-label={`${t('questionnaireElementCode')} ${index + 1}`}
                    value={element.code}
                    readOnly={readOnly}
                    onChange={(event) => setElement(index, { code: event.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    lang="vi"
                    aria-label={`${t('questionnaireElementName')} ${element.code}`}
                    value={element.nameVi}
                    readOnly={readOnly}
                    onChange={(event) => setElement(index, { nameVi: event.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    lang="en"
                    aria-label={`${t('questionnaireElementNameEn')} ${element.code}`}
                    value={element.nameEn ?? ''}
                    readOnly={readOnly}
                    onChange={(event) => setElement(index, { nameEn: event.currentTarget.value })}
                  />
                </Table.Td>
                {!readOnly && (
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('questionnaireElementRemove')} ${element.code}`}
                      onClick={() => set({ elements: definition.elements.filter((_, at) => at !== index) })}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {!readOnly && (
          <Group>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() =>
                set({
                  elements: [
                    ...definition.elements,
                    { code: `YT${definition.elements.length + 1}`, nameVi: '' },
                  ],
                })
              }
            >
              + {t('questionnaireElementAdd')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
