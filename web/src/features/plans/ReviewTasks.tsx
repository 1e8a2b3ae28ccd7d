import { CloseButton, Select, Table, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { Fragment } from 'react';
import { dimensionLabel, RECURRENCE_NAMES } from '../../../../core/plans/plan-views.ts';
import { DIMENSION_CODES, type DimensionCode, type PlanSection } from '../../../../core/plans/types.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type DraftTask, headingsBefore } from './plan-review.ts';

const dimensionOptions = (locale: 'vi' | 'en') =>
  DIMENSION_CODES.map((code) => ({ value: code, label: dimensionLabel(code, locale) }));

/** The tasks of a plan under review, under their headings: text, dimension, lead, deadline, removal. */
export function ReviewTasks({
  sections,
  tasks,
  agencyNames,
  errorOf,
  onTask,
  onRemove,
}: {
  sections: PlanSection[];
  tasks: DraftTask[];
  /** The agencies the document names, offered as leads. */
  agencyNames: string[];
  errorOf: (path: string) => string | undefined;
  onTask: (index: number, patch: Partial<DraftTask>) => void;
  onRemove: (index: number) => void;
}) {
  const { t, locale } = useT();
  return (
    <ScrollTable withTableBorder striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>{t('ref')}</Table.Th>
          <Table.Th>{t('task')}</Table.Th>
          <Table.Th w={230}>{t('dimension')}</Table.Th>
          <Table.Th w={240}>{t('lead')}</Table.Th>
          <Table.Th w={130}>{t('due')}</Table.Th>
          <Table.Th w={60} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((task, index) => (
          <Fragment key={task.ref}>
            {headingsBefore(sections, tasks[index - 1]?.ref ?? null, task.ref).map((section) => (
              <Table.Tr key={section.ref} bg="gray.0">
                <Table.Td fw={700}>{section.ref}</Table.Td>
                <Table.Td colSpan={5} fw={700}>
                  {section.title}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>{task.ref}</Table.Td>
              <Table.Td>
                <Textarea
                  aria-label={`${t('task')} ${task.ref}`}
                  autosize
                  minRows={1}
                  maxRows={6}
                  value={task.text}
                  error={errorOf(`tasks.${index}.text`)}
                  onChange={(e) => onTask(index, { text: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`${t('dimension')} ${task.ref}`}
                  data={dimensionOptions(locale)}
                  value={task.dimension}
                  clearable
                  onChange={(value) => onTask(index, { dimension: value as DimensionCode | null })}
                />
              </Table.Td>
              <Table.Td>
                <TagsInput
                  aria-label={`${t('lead')} ${task.ref}`}
                  data={agencyNames}
                  value={task.lead}
                  placeholder={task.lead.length === 0 ? t('leadPlaceholder') : undefined}
                  onChange={(value) =>
                    onTask(index, { lead: value.map((name) => name.trim()).filter(Boolean) })
                  }
                />
                <TagsInput
                  mt={4}
                  size="xs"
                  aria-label={`${t('supportShort')} ${task.ref}`}
                  data={agencyNames}
                  value={task.support}
                  placeholder={task.support.length === 0 ? t('supportPlaceholder') : undefined}
                  onChange={(value) =>
                    onTask(index, { support: value.map((name) => name.trim()).filter(Boolean) })
                  }
                />
                {task.recurrence && (
                  <Text size="xs" c="dimmed">
                    {RECURRENCE_NAMES[task.recurrence][locale]}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`${t('due')} ${task.ref}`}
                  placeholder="dd/mm/yyyy"
                  value={task.dueText}
                  error={errorOf(`tasks.${index}.due`)}
                  onChange={(e) => onTask(index, { dueText: e.currentTarget.value, dueDefaulted: false })}
                />
                {task.dueDefaulted && (
                  <Text size="xs" c="dimmed">
                    {t('dueDefaulted')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <CloseButton
                  aria-label={`${t('removeTask')} ${task.ref}`}
                  title={t('removeTask')}
                  onClick={() => onRemove(index)}
                />
              </Table.Td>
            </Table.Tr>
          </Fragment>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
