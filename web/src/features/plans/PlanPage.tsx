import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Modal,
  NumberInput,
  Progress,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import {
  dimensionLabel,
  ITEM_STATUS_NAMES,
  ITEM_STATUSES,
  type ItemStatus,
  RECURRENCE_NAMES,
} from '../../../../core/plans/plan-views.ts';
import { DIMENSION_CODES } from '../../../../core/plans/types.ts';
import { formatDateVi, parseDate } from '../../../../core/text/dates.ts';
import type { CurrentVersion } from '../../../../core/versions.ts';
import { conflictOf } from '../../api/autosave.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UnitMultiPicker } from '../units/UnitPicker.tsx';
import {
  type PlanDetail,
  type PlanItem,
  useEvidence,
  useEvidenceChange,
  usePlan,
  useUpdateItem,
} from './api.ts';
import { CascadePanel } from './CascadePanel.tsx';

const STATUS_COLORS: Record<ItemStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  done: 'green',
  cancelled: 'dark',
};

const percent = (value: number) => `${formatNumber(value)}%`;

export function PlanPage() {
  const { planId } = useParams({ strict: false }) as { planId: string };
  const id = Number(planId);
  const { t, locale } = useT();
  const { data: plan, error } = usePlan(id);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [dimension, setDimension] = useState<string | null>(null);
  const [editing, setEditing] = useState<PlanItem | null>(null);

  const visible = useMemo(
    () => (plan ? visibleItems(plan, { overdueOnly, dimension }) : []),
    [plan, overdueOnly, dimension],
  );

  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!plan) return <Text>{t('loading')}</Text>;
  const depthOf = depths(plan.items);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {[plan.number, formatDateVi(plan.issuedOn), plan.unit.name].filter(Boolean).join(' · ')}
          </Text>
          <Title order={2}>{plan.title}</Title>
        </Stack>
        <Button component="a" href={`/api/plans/${plan.id}/export.docx`} variant="light" download>
          {t('exportDocx')}
        </Button>
      </Group>
      <Group>
        <Progress value={plan.progress} w={240} size="lg" aria-label={t('progress')} />
        <Text fw={600}>{percent(plan.progress)}</Text>
        <Text c="dimmed">
          {plan.taskCount} {t('tasks').toLowerCase()}
        </Text>
        {plan.overdueCount > 0 && (
          <Badge color="red" variant="light">
            {plan.overdueCount} {t('overdue').toLowerCase()}
          </Badge>
        )}
      </Group>
      {plan.parentPlanId !== null && (
        <Text size="sm">
          {t('implementsPlan')}:{' '}
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/plans/$planId" params={{ planId: String(plan.parentPlanId) }} />
            )}
          >
            #{plan.parentPlanId}
          </Anchor>
        </Text>
      )}
      <Tabs defaultValue="tasks" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="tasks">{t('tasks')}</Tabs.Tab>
          <Tabs.Tab value="units">{t('unitPlans')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units" pt="md">
          <CascadePanel plan={plan} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <Stack>
            <Group>
              <Select
                aria-label={t('dimension')}
                placeholder={t('allDimensions')}
                data={DIMENSION_CODES.filter((code) =>
                  plan.items.some((item) => item.dimension === code),
                ).map((code) => ({
                  value: code,
                  label: dimensionLabel(code, locale),
                }))}
                value={dimension}
                onChange={setDimension}
                clearable
                w={360}
              />
              <Checkbox
                label={t('overdueOnly')}
                checked={overdueOnly}
                onChange={(event) => setOverdueOnly(event.currentTarget.checked)}
              />
            </Group>
            <ScrollTable withTableBorder highlightOnHover minWidth={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>{t('ref')}</Table.Th>
                  <Table.Th>{t('task')}</Table.Th>
                  <Table.Th w={220}>{t('lead')}</Table.Th>
                  <Table.Th w={110}>{t('due')}</Table.Th>
                  <Table.Th w={150}>{t('status')}</Table.Th>
                  <Table.Th w={120}>{t('progress')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.map((item) =>
                  item.kind === 'section' ? (
                    <Table.Tr key={item.id} bg="gray.0">
                      <Table.Td fw={700}>{item.ref}</Table.Td>
                      <Table.Td colSpan={4} fw={700} pl={`${(depthOf.get(item.id) ?? 0) + 0.6}rem`}>
                        {item.text}
                      </Table.Td>
                      <Table.Td>{percent(item.progress)}</Table.Td>
                    </Table.Tr>
                  ) : (
                    <Table.Tr key={item.id}>
                      <Table.Td>
                        <Anchor component="button" type="button" onClick={() => setEditing(item)}>
                          {item.ref}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={3} title={item.text}>
                          {item.text}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[
                            item.dimension && dimensionLabel(item.dimension, locale),
                            item.evidenceCount > 0 && `${t('evidence')}: ${item.evidenceCount}`,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {(item.lead.length > 0 ? item.lead.map((unit) => unit.name) : item.leadNames).join(
                            ', ',
                          ) || '—'}
                        </Text>
                        {item.recurrence && (
                          <Text size="xs" c="dimmed">
                            {RECURRENCE_NAMES[item.recurrence][locale]}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td c={item.overdue ? 'red' : undefined} fw={item.overdue ? 700 : undefined}>
                        {formatDateVi(item.due) || '—'}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={item.overdue ? 'red' : STATUS_COLORS[item.status]}
                          variant="light"
                          tt="none"
                        >
                          {item.overdue ? t('overdue') : ITEM_STATUS_NAMES[item.status][locale]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{percent(item.progress)}</Table.Td>
                    </Table.Tr>
                  ),
                )}
              </Table.Tbody>
            </ScrollTable>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {editing && <TaskDialog planId={plan.id} item={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function depths(items: PlanItem[]): Map<number, number> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const depth = new Map<number, number>();
  for (const item of items) {
    let level = 0;
    for (let parent = item.parentId; parent !== null; parent = byId.get(parent)?.parentId ?? null) level += 1;
    depth.set(item.id, level);
  }
  return depth;
}

/** Tasks that pass the filters, with the sections above them. */
function visibleItems(
  plan: PlanDetail,
  filters: { overdueOnly: boolean; dimension: string | null },
): PlanItem[] {
  if (!filters.overdueOnly && !filters.dimension) return plan.items;
  const byId = new Map(plan.items.map((item) => [item.id, item]));
  const keep = new Set<number>();
  for (const item of plan.items) {
    if (item.kind !== 'task') continue;
    if (filters.overdueOnly && !item.overdue) continue;
    if (filters.dimension && item.dimension !== filters.dimension) continue;
    for (let id: number | null = item.id; id !== null; id = byId.get(id)?.parentId ?? null) keep.add(id);
  }
  return plan.items.filter((item) => keep.has(item.id));
}

/** Status, progress and note for the lead unit; deadline and units too for the coordinator. */
function TaskDialog({ planId, item, onClose }: { planId: number; item: PlanItem; onClose: () => void }) {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const canAssign = hasPermission(me, 'plans.write');
  const update = useUpdateItem(planId);
  const client = useQueryClient();
  const [status, setStatus] = useState<ItemStatus>(item.status);
  const [progress, setProgress] = useState<number>(item.reportedProgress);
  const [weight, setWeight] = useState<number>(item.weight);
  const [note, setNote] = useState(item.note ?? '');
  const [due, setDue] = useState(formatDateVi(item.due));
  const [lead, setLead] = useState(item.lead.map((unit) => String(unit.id)));
  const [support, setSupport] = useState(item.support.map((unit) => String(unit.id)));
  const [error, setError] = useState<ApiError | null>(null);
  // The version the form was read at; a 409 shows both versions and moves it to the saved one.
  const [version, setVersion] = useState(item.version);
  const [conflict, setConflict] = useState<CurrentVersion | null>(null);
  // Files uploaded in this dialog belong to it until it is saved: cancelling removes them again.
  const uploaded = useRef<number[]>([]);
  const { remove } = useEvidenceChange(planId, item.id);
  const cancel = async () => {
    const added = uploaded.current;
    uploaded.current = [];
    await Promise.allSettled(added.map((id) => remove.mutateAsync(id)));
    onClose();
  };

  // The user's values by the names the server's conflict record uses (task-version-conflict).
  const mine = {
    status,
    progress,
    note: note || null,
    ...(canAssign && { weight, due: due ? (parseDate(due) ?? due) : null }),
  };
  const save = async (readVersion = version) => {
    setError(null);
    try {
      await update.mutateAsync({
        itemId: item.id,
        input: {
          ...mine,
          version: readVersion,
          ...(canAssign && { leadUnitIds: lead.map(Number), supportUnitIds: support.map(Number) }),
        },
      });
      uploaded.current = [];
      onClose();
    } catch (caught) {
      const current = caught instanceof ApiError && conflictOf(caught);
      if (current) setConflict(current);
      else setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };
  const keepMine = (current: CurrentVersion) => {
    setConflict(null);
    setVersion(current.version);
    void save(current.version);
  };
  // Taking the saved version reloads the task into the form (and the plan behind the dialog).
  const takeTheirs = (current: CurrentVersion) => {
    const theirs = (current.record ?? {}) as Partial<Record<keyof typeof mine, unknown>>;
    setConflict(null);
    setVersion(current.version);
    if (typeof theirs.status === 'string') setStatus(theirs.status as ItemStatus);
    if (typeof theirs.progress === 'number') setProgress(theirs.progress);
    if (typeof theirs.weight === 'number') setWeight(theirs.weight);
    setNote(typeof theirs.note === 'string' ? theirs.note : '');
    setDue(typeof theirs.due === 'string' ? formatDateVi(theirs.due) : '');
    void client.invalidateQueries({ queryKey: ['plans'] });
  };
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;

  return (
    <Modal opened onClose={cancel} title={`${t('editTask')} ${item.ref}`} size="lg">
      <Stack>
        <Text size="sm">{item.text}</Text>
        <Group grow>
          <Select
            label={t('status')}
            data={ITEM_STATUSES.map((value) => ({ value, label: ITEM_STATUS_NAMES[value][locale] }))}
            value={status}
            onChange={(value) => value && setStatus(value as ItemStatus)}
            allowDeselect={false}
          />
          <NumberInput
            label={`${t('progress')} (%)`}
            min={0}
            max={100}
            value={progress}
            onChange={(value) => setProgress(Number(value) || 0)}
            error={fieldError('progress')}
          />
        </Group>
        {canAssign && (
          <>
            <Group grow>
              <TextInput
                label={t('due')}
                placeholder="dd/mm/yyyy"
                value={due}
                onChange={(event) => setDue(event.currentTarget.value)}
                error={fieldError('due')}
              />
              <NumberInput
                label={t('weight')}
                description={t('weightHelp')}
                min={0}
                max={100}
                decimalSeparator={decimalMark()}
                value={weight}
                onChange={(value) => setWeight(Number(value) || 0)}
                error={fieldError('weight')}
              />
            </Group>
            <UnitMultiPicker label={t('lead')} value={lead} onChange={setLead} />
            <UnitMultiPicker label={t('support')} value={support} onChange={setSupport} />
          </>
        )}
        <Textarea
          label={t('note')}
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <EvidenceList
          planId={planId}
          itemId={item.id}
          itemRef={item.ref}
          onUploaded={(id) => uploaded.current.push(id)}
          onRemoved={(id) => {
            uploaded.current = uploaded.current.filter((entry) => entry !== id);
          }}
        />
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <DialogFooter
          onClose={cancel}
          onSubmit={() => void save()}
          isBusy={update.isPending || remove.isPending}
        />
      </Stack>
      <ConflictDialog
        conflict={conflict}
        mine={mine}
        labels={{
          status: t('status'),
          progress: `${t('progress')} (%)`,
          note: t('note'),
          weight: t('weight'),
          due: t('due'),
        }}
        onKeepMine={keepMine}
        onTakeTheirs={takeTheirs}
      />
    </Modal>
  );
}

/** Files attached to the task as proof: download, attach another, remove one attached by mistake. */
function EvidenceList({
  planId,
  itemId,
  itemRef,
  onUploaded,
  onRemoved,
}: {
  planId: number;
  itemId: number;
  itemRef: string;
  onUploaded: (id: number) => void;
  onRemoved: (id: number) => void;
}) {
  const { t } = useT();
  const { data: files } = useEvidence(planId, itemId);
  const { add, remove } = useEvidenceChange(planId, itemId);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ id: number; fileName: string } | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('evidence')}
      </Text>
      {files?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('noEvidence')}
        </Text>
      )}
      {files?.map((file) => (
        <Group key={file.id} justify="space-between" wrap="nowrap">
          <Anchor size="sm" href={`/api/plans/${planId}/items/${itemId}/evidence/${file.id}`} download>
            {file.fileName}
          </Anchor>
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed">
              {formatNumber(file.size / 1024, { maximumFractionDigits: 1 })} KB · {file.uploadedBy ?? ''}
            </Text>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() => setRemoving(file)}
              aria-label={`${t('remove')} ${file.fileName}`}
            >
              {t('remove')}
            </Button>
          </Group>
        </Group>
      ))}
      <FileButton onChange={(file) => file && run(async () => onUploaded((await add.mutateAsync(file)).id))}>
        {(props) => (
          <Button variant="light" size="xs" loading={add.isPending} {...props}>
            {t('attachEvidence')}
          </Button>
        )}
      </FileButton>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={fill(t('removeFileTitle'), { file: removing?.fileName ?? '' })}
        confirmLabel={t('remove')}
        danger
        isBusy={remove.isPending}
        onConfirm={() => {
          const file = removing;
          setRemoving(null);
          if (file)
            run(async () => {
              await remove.mutateAsync(file.id);
              onRemoved(file.id);
            });
        }}
        onClose={() => setRemoving(null)}
      >
        {fill(t('removeFileWhat'), { owner: fill(t('removeFileTask'), { ref: itemRef }) })}
      </ConfirmDialog>
    </Stack>
  );
}
