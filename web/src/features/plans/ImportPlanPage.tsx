import {
  Alert,
  Badge,
  Button,
  CloseButton,
  FileButton,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { Fragment, useEffect, useState } from 'react';
import { dimensionLabel, RECURRENCE_NAMES } from '../../../../core/plans/plan-views.ts';
import {
  DIMENSION_CODES,
  type DimensionCode,
  type PlanSection,
  type PlanTask,
} from '../../../../core/plans/types.ts';
import { formatDateVi, parseDate } from '../../../../core/text/dates.ts';
import { ApiError } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { isGroupValue, UnitPicker } from '../units/UnitPicker.tsx';
import { type PlanPreview, previewPlan, useCreatePlan } from './api.ts';

const dimensionOptions = (locale: 'vi' | 'en') =>
  DIMENSION_CODES.map((code) => ({ value: code, label: dimensionLabel(code, locale) }));

/** A task as the page edits it: the due date as typed (dd/mm/yyyy). */
type DraftTask = PlanTask & { dueText: string };

interface Draft {
  number: string;
  issuedOn: string;
  issuer: string;
  signer: string;
  title: string;
  year: number;
  unitId: string | null;
  unitName: string | undefined;
  agencies: { name: string; unitId: string | null; unitName: string | undefined; source: string | null }[];
  tasks: DraftTask[];
}

function draftOf(preview: PlanPreview, owner: { id: number; name: string } | null): Draft {
  const { document } = preview.plan;
  return {
    number: document.number ?? '',
    issuedOn: formatDateVi(document.issuedOn),
    issuer: document.issuer ?? '',
    signer: document.signer ?? '',
    title: document.title ?? '',
    year: Number(document.issuedOn?.slice(0, 4) ?? new Date().getFullYear()),
    unitId: owner ? String(owner.id) : null,
    unitName: owner?.name,
    agencies: preview.agencies.map((agency) => ({
      name: agency.name,
      // A unit's id, or a group's key ("UBND cấp xã" → "type:commune").
      unitId: agency.unit ? String(agency.unit.id) : (agency.group?.key ?? null),
      unitName:
        agency.unit?.name ??
        (agency.group ? `${agency.group.name} (${formatNumber(agency.group.memberCount)})` : undefined),
      source: agency.source,
    })),
    tasks: preview.plan.tasks.map((task) => ({ ...task, dueText: formatDateVi(task.due) })),
  };
}

const DRAFT_KEY = 'chiso.plan-import';

/** The headings to show above a task: those it sits under that the previous task did not. */
function headingsBefore(sections: PlanSection[], previousRef: string | null, ref: string): PlanSection[] {
  const above = (of: string | null) => {
    if (!of) return new Set<string>();
    const parts = of.split('.');
    return new Set(parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.')));
  };
  const shown = above(previousRef);
  const mine = above(ref);
  return sections.filter((section) => mine.has(section.ref) && !shown.has(section.ref));
}

function restoreDraft(): { text: string; preview: PlanPreview | null; draft: Draft | null } | null {
  try {
    const stored = sessionStorage.getItem(DRAFT_KEY);
    return stored ? JSON.parse(stored) : null;
  } catch {
    return null;
  }
}

/** Paste or upload a plan document, check what was read, map the agencies, save. */
export function ImportPlanPage() {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [saved] = useState(restoreDraft);
  const [text, setText] = useState(saved?.text ?? '');
  const [reading, setReading] = useState(false);
  const [preview, setPreview] = useState<PlanPreview | null>(saved?.preview ?? null);
  const [draft, setDraft] = useState<Draft | null>(saved?.draft ?? null);
  // What the person has typed survives a reload or a wrong click, until the plan is saved.
  useEffect(() => {
    try {
      if (preview || text) sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ text, preview, draft }));
    } catch {}
  }, [text, preview, draft]);
  const [error, setError] = useState<ApiError | null>(null);
  const create = useCreatePlan();

  const writable = me?.grants.find((grant) => grant.role === 'coordinator' || grant.role === 'admin');
  const owner = writable?.unitId ? { id: writable.unitId, name: writable.unitName ?? '' } : null;

  const read = async (source: { text: string } | { file: File }) => {
    setReading(true);
    setError(null);
    try {
      const result = await previewPlan(source);
      setPreview(result);
      setText(result.text);
      setDraft(draftOf(result, owner));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    } finally {
      setReading(false);
    }
  };

  if (!preview || !draft) {
    return (
      <Stack>
        <Title order={2}>{t('importPlan')}</Title>
        <Text c="dimmed">{t('importPlanHelp')}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Textarea
          label={t('documentText')}
          autosize
          minRows={12}
          maxRows={24}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Group>
          <Button onClick={() => read({ text })} loading={reading} disabled={text.trim().length === 0}>
            {t('read')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('orChooseFile')}
          </Text>
          <FileButton onChange={(file) => file && read({ file })} accept=".docx,.txt,.md">
            {(props) => (
              <Button variant="light" loading={reading} {...props}>
                .docx / .txt / .md
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    );
  }

  const setField = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const setTask = (index: number, patch: Partial<DraftTask>) =>
    setField(
      'tasks',
      draft.tasks.map((task, i) => (i === index ? { ...task, ...patch } : task)),
    );
  const fieldError = (path: string) => error?.fields.find((field) => field.path.startsWith(path))?.message;

  const save = async () => {
    setError(null);
    try {
      const plan = await create.mutateAsync({
        unitId: Number(draft.unitId ?? 0),
        number: draft.number || null,
        type: preview.plan.document.type,
        issuedOn: draft.issuedOn ? (parseDate(draft.issuedOn) ?? draft.issuedOn) : null,
        place: preview.plan.document.place,
        issuer: draft.issuer || null,
        signer: draft.signer || null,
        title: draft.title,
        year: draft.year,
        indices: preview.plan.indices,
        sections: preview.plan.sections,
        tasks: draft.tasks.map(({ dueText, lead, support, ...task }) => ({
          ...task,
          leadNames: lead,
          supportNames: support,
          due: dueText ? (parseDate(dueText) ?? dueText) : null,
        })),
        targets: preview.plan.targets,
        warnings: preview.plan.warnings,
        agencies: draft.agencies.map((agency) => {
          const isGroup = agency.unitId !== null && isGroupValue(agency.unitId);
          return {
            name: agency.name,
            unitId: agency.unitId && !isGroup ? Number(agency.unitId) : null,
            groupKey: isGroup ? agency.unitId : null,
          };
        }),
      });
      sessionStorage.removeItem(DRAFT_KEY);
      await navigate({ to: '/plans/$planId', params: { planId: String(plan.id) } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('importPlan')}</Title>
        <Button
          variant="subtle"
          onClick={() => {
            setPreview(null);
            setDraft(null);
            setText('');
            sessionStorage.removeItem(DRAFT_KEY);
          }}
        >
          {t('readAgain')}
        </Button>
      </Group>

      {preview.plan.warnings.length > 0 && (
        <Alert color="yellow" title={t('warnings')}>
          <List size="sm">
            {preview.plan.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput
          label={t('documentNumber')}
          value={draft.number}
          onChange={(e) => setField('number', e.currentTarget.value)}
        />
        <TextInput
          label={t('issuedOn')}
          placeholder="dd/mm/yyyy"
          value={draft.issuedOn}
          error={fieldError('issuedOn')}
          onChange={(e) => setField('issuedOn', e.currentTarget.value)}
        />
        <NumberInput
          label={t('year')}
          value={draft.year}
          min={2000}
          max={2100}
          onChange={(value) => setField('year', Number(value))}
        />
        <TextInput
          label={t('issuer')}
          value={draft.issuer}
          onChange={(e) => setField('issuer', e.currentTarget.value)}
        />
        <TextInput
          label={t('signer')}
          value={draft.signer}
          onChange={(e) => setField('signer', e.currentTarget.value)}
        />
        <UnitPicker
          label={t('ownerUnit')}
          value={draft.unitId}
          selectedLabel={draft.unitName}
          error={fieldError('unitId')}
          onChange={(value) => setField('unitId', value)}
        />
      </SimpleGrid>
      <Textarea
        label={t('titleSummary')}
        autosize
        minRows={2}
        value={draft.title}
        error={fieldError('title')}
        onChange={(e) => setField('title', e.currentTarget.value)}
      />

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
          {draft.agencies.map((agency, index) => (
            <Table.Tr key={agency.name}>
              <Table.Td>{agency.name}</Table.Td>
              <Table.Td>
                <UnitPicker
                  label={`${t('mappedUnit')}: ${agency.name}`}
                  hideLabel
                  placeholder={t('unmapped')}
                  value={agency.unitId}
                  selectedLabel={agency.unitName}
                  groupsWithin={draft.unitId ? Number(draft.unitId) : null}
                  onChange={(value) =>
                    setField(
                      'agencies',
                      draft.agencies.map((entry, i) =>
                        i === index ? { ...entry, unitId: value, source: null } : entry,
                      ),
                    )
                  }
                />
              </Table.Td>
              <Table.Td>
                {agency.unitId === null ? (
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
      <ScrollTable withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>{t('ref')}</Table.Th>
            <Table.Th>{t('task')}</Table.Th>
            <Table.Th w={230}>{t('dimension')}</Table.Th>
            <Table.Th w={200}>{t('lead')}</Table.Th>
            <Table.Th w={130}>{t('due')}</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.tasks.map((task, index) => (
            <Fragment key={task.ref}>
              {headingsBefore(preview.plan.sections, draft.tasks[index - 1]?.ref ?? null, task.ref).map(
                (section) => (
                  <Table.Tr key={section.ref} bg="gray.0">
                    <Table.Td fw={700}>{section.ref}</Table.Td>
                    <Table.Td colSpan={5} fw={700}>
                      {section.title}
                    </Table.Td>
                  </Table.Tr>
                ),
              )}
              <Table.Tr>
                <Table.Td>{task.ref}</Table.Td>
                <Table.Td>
                  <Textarea
                    aria-label={`${t('task')} ${task.ref}`}
                    autosize
                    minRows={1}
                    maxRows={6}
                    value={task.text}
                    onChange={(e) => setTask(index, { text: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${t('dimension')} ${task.ref}`}
                    data={dimensionOptions(locale)}
                    value={task.dimension}
                    clearable
                    onChange={(value) => setTask(index, { dimension: value as DimensionCode | null })}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{task.lead.join(', ') || '—'}</Text>
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
                    error={fieldError(`tasks.${index}.due`)}
                    onChange={(e) => setTask(index, { dueText: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <CloseButton
                    aria-label={`${t('removeTask')} ${task.ref}`}
                    title={t('removeTask')}
                    onClick={() =>
                      setField(
                        'tasks',
                        draft.tasks.filter((_, i) => i !== index),
                      )
                    }
                  />
                </Table.Td>
              </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
      </ScrollTable>

      {preview.plan.targets.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('targets')}
          </Title>
          <List size="sm">
            {preview.plan.targets.map((target) => (
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
          {t('savePlan')}
        </Button>
      </Group>
    </Stack>
  );
}
