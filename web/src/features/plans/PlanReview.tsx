import { Alert, Badge, Button, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { isGroupValue, UnitPicker } from '../units/UnitPicker.tsx';
import { type PlanDetail, type PlanPreview, useCreatePlan } from './api.ts';
import { type Draft, type DraftParts, type DraftTask, planInputOf, withAgenciesOf } from './plan-review.ts';
import { ReviewParticulars } from './ReviewParticulars.tsx';
import { ReviewTasks } from './ReviewTasks.tsx';

const PART_LABELS: Record<keyof DraftParts, string> = {
  basis: 'planPartBasis',
  purposes: 'planPartPurposes',
  organisation: 'planPartOrganisation',
  recipients: 'planPartRecipients',
};

/**
 * The one review screen of a plan before it is saved: its particulars, the document's parts when it
 * has them, the agencies mapped to units, the tasks under their headings, the targets. What is typed is
 * the caller's draft (kept in the session by the caller), so nothing is lost on a reload.
 */
export function PlanReview({
  heading,
  intro,
  preview,
  draft,
  onDraft,
  onStartOver,
  startOverLabel,
  remediatesRoundId,
  asDraft = false,
  onSaved,
}: {
  heading: string;
  intro?: ReactNode;
  preview: PlanPreview;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onStartOver: () => void;
  startOverLabel: string;
  remediatesRoundId: number | null;
  /** Saved as the unit's draft plan (a plan drafted in Chiso rather than read from a signed document). */
  asDraft?: boolean;
  onSaved: (plan: PlanDetail) => Promise<void>;
}) {
  const { t, locale } = useT();
  const [error, setError] = useState<ApiError | null>(null);
  const create = useCreatePlan();
  const setField = <K extends keyof Draft>(key: K, value: Draft[K]) => onDraft({ ...draft, [key]: value });
  const setTask = (index: number, patch: Partial<DraftTask>) => {
    const next = {
      ...draft,
      tasks: draft.tasks.map((task, i) => (i === index ? { ...task, ...patch } : task)),
    };
    onDraft({ ...next, agencies: withAgenciesOf(next) });
  };
  const fieldError = (path: string) => error?.fields.find((field) => field.path.startsWith(path))?.message;
  const agencies = draft.agencies;

  const save = async () => {
    setError(null);
    try {
      await onSaved(await create.mutateAsync(planInputOf(preview, draft, remediatesRoundId, asDraft)));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{heading}</Title>
        <Button variant="subtle" onClick={onStartOver}>
          {startOverLabel}
        </Button>
      </Group>
      {intro}

      {preview.plan.warnings.length > 0 && (
        <Alert color="yellow" title={t('warnings')}>
          <List size="sm">
            {preview.plan.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <ReviewParticulars
        draft={draft}
        confidence={preview.plan.documentConfidence}
        setField={setField}
        fieldError={fieldError}
      />

      {draft.parts && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('planParts')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('planPartsHelp')}
          </Text>
          {(Object.keys(PART_LABELS) as (keyof DraftParts)[]).map((key) => (
            <Textarea
              key={key}
              label={t(PART_LABELS[key] as 'planPartBasis')}
              autosize
              minRows={2}
              maxRows={10}
              value={draft.parts?.[key] ?? ''}
              error={fieldError(`parts.${key}`)}
              onChange={(e) =>
                draft.parts && setField('parts', { ...draft.parts, [key]: e.currentTarget.value })
              }
            />
          ))}
        </Stack>
      )}

      <Title order={3} size="h4">
        {t('agencies')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('agenciesHelp')}
      </Text>
      {fieldError('agencies') && (
        <Text c="red" size="sm">
          {fieldError('agencies')}
        </Text>
      )}
      <ScrollTable withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agencyInDocument')}</Table.Th>
            <Table.Th>{t('mappedUnit')}</Table.Th>
            <Table.Th w={120} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agencies.map((agency, index) => (
            <Table.Tr key={agency.name}>
              <Table.Td>{agency.name}</Table.Td>
              <Table.Td>
                {agency.unitIds && agency.unitIds.length > 0 && (
                  <Text size="sm" mb={4}>
                    {agency.unitIds.map((unit) => unit.name).join(', ')}
                  </Text>
                )}
                <UnitPicker
                  label={`${t('mappedUnit')}: ${agency.name}`}
                  hideLabel
                  placeholder={agency.unitIds?.length ? t('suggestedUnitsReplace') : t('unmapped')}
                  value={agency.unitId}
                  selectedLabel={agency.unitName}
                  groupsWithin={draft.unitId ? Number(draft.unitId) : null}
                  onChange={(value) =>
                    setField(
                      'agencies',
                      agencies.map((entry, i) =>
                        i === index
                          ? { ...entry, unitId: value, unitIds: undefined, source: null, reason: null }
                          : entry,
                      ),
                    )
                  }
                />
                {agency.reason && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {agency.reason[locale]}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {agency.source === 'successor' && (agency.unitId !== null || agency.unitIds?.length) ? (
                  <Badge color="orange" variant="light">
                    {t('suggestedBadge')}
                  </Badge>
                ) : agency.unitId === null ? (
                  <Badge color="gray" variant="light">
                    {t('unmapped')}
                  </Badge>
                ) : isGroupValue(agency.unitId) ? (
                  <Badge color="grape" variant="light">
                    {t('groupBadge')}
                  </Badge>
                ) : agency.source === 'alias' ? (
                  <Badge variant="light">{t('remembered')}</Badge>
                ) : agency.source === 'name' ? (
                  <Badge color="green" variant="light">
                    {t('sameName')}
                  </Badge>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>

      <Title order={3} size="h4">
        {t('tasks')} ({draft.tasks.length})
      </Title>
      {fieldError('tasks') && (
        <Text c="red" size="sm">
          {fieldError('tasks')}
        </Text>
      )}
      <ReviewTasks
        sections={preview.plan.sections}
        tasks={draft.tasks}
        agencyNames={agencies.map((agency) => agency.name)}
        errorOf={fieldError}
        onTask={setTask}
        onRemove={(index) =>
          setField(
            'tasks',
            draft.tasks.filter((_, i) => i !== index),
          )
        }
      />

      {preview.plan.targets.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('targets')}
          </Title>
          <List size="sm">
            {preview.plan.targets
              .filter(
                (target) =>
                  !preview.plan.tasks.some((task) => task.ref === target.ref) ||
                  draft.tasks.some((task) => task.ref === target.ref),
              )
              .map((target) => (
                <List.Item key={`${target.ref}-${target.text}-${target.level}`}>{target.text}</List.Item>
              ))}
          </List>
        </>
      )}

      {error && (
        <Alert color="red" role="alert">
          {error.message}
          {error.fields.length > 0 && (
            <List size="sm">
              {error.fields.map((field) => (
                <List.Item key={field.path}>
                  {field.path}: {field.message}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={save} loading={create.isPending} disabled={!draft.unitId}>
          {asDraft ? t('saveRemediationDraft') : t('savePlan')}
        </Button>
      </Group>
    </Stack>
  );
}
