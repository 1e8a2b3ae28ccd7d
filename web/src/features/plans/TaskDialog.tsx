import {
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  ITEM_STATUS_NAMES,
  ITEM_STATUSES,
  type ItemStatus,
  RECURRENCE_NAMES,
} from '../../../../core/plans/plan-views.ts';
import { RECURRENCES, type Recurrence } from '../../../../core/plans/types.ts';
import { formatDateVi, parseDate } from '../../../../core/text/dates.ts';
import type { CurrentVersion } from '../../../../core/versions.ts';
import { conflictOf } from '../../api/autosave.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { SignatureBadge } from '../../components/SignatureBadge.tsx';
import { StackedModal } from '../../components/StackedModal.tsx';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { isGroupValue, UnitMultiPicker } from '../units/UnitPicker.tsx';
import { type PlanItem, useEvidence, useEvidenceChange, useUnitPlanChanges, useUpdateItem } from './api.ts';

/**
 * Status, progress and note for the lead unit; wording, deadline, rhythm and units too for whoever
 * writes the plan (`canWrite`: the plan's own unit, not a unit it gives tasks to), who may also remove
 * a task the plan itself added.
 */
export function TaskDialog({
  planId,
  planUnitId,
  item,
  canWrite,
  onClose,
}: {
  planId: number;
  /** The plan's unit: groups offered are counted inside it. */
  planUnitId: number;
  item: PlanItem;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t, locale } = useT();
  const canAssign = canWrite;
  const update = useUpdateItem(planId);
  const { removeTask } = useUnitPlanChanges(planId);
  const [removing, setRemoving] = useState(false);
  const [text, setText] = useState(item.text);
  const [recurrence, setRecurrence] = useState<Recurrence | null>(item.recurrence);
  const client = useQueryClient();
  const [status, setStatus] = useState<ItemStatus>(item.status);
  const [progress, setProgress] = useState<number>(item.reportedProgress);
  const [weight, setWeight] = useState<number>(item.weight);
  const [note, setNote] = useState(item.note ?? '');
  const [due, setDue] = useState(formatDateVi(item.due));
  // Units by id and groups by key ("type:commune") in one picker.
  const [lead, setLead] = useState([
    ...item.leadGroups.map((group) => group.key),
    ...item.lead.map((unit) => String(unit.id)),
  ]);
  const [support, setSupport] = useState([
    ...item.supportGroups.map((group) => group.key),
    ...item.support.map((unit) => String(unit.id)),
  ]);
  const chosenLabels = Object.fromEntries(
    [...item.leadGroups, ...item.supportGroups].map((group) => [
      group.key,
      `${group.name} (${formatNumber(group.memberCount)})`,
    ]),
  );
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
    ...(canAssign && { weight, due: due ? (parseDate(due) ?? due) : null, text, recurrence }),
  };
  const save = async (readVersion = version) => {
    setError(null);
    try {
      await update.mutateAsync({
        itemId: item.id,
        input: {
          ...mine,
          version: readVersion,
          ...(canAssign && {
            leadUnitIds: lead.filter((value) => !isGroupValue(value)).map(Number),
            supportUnitIds: support.filter((value) => !isGroupValue(value)).map(Number),
            leadGroupKeys: lead.filter(isGroupValue),
            supportGroupKeys: support.filter(isGroupValue),
          }),
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
    if (typeof theirs.text === 'string') setText(theirs.text);
    if (theirs.recurrence !== undefined) setRecurrence((theirs.recurrence as Recurrence | null) ?? null);
    void client.invalidateQueries({ queryKey: ['plans'] });
  };
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;

  return (
    <StackedModal opened onClose={cancel} title={`${t('editTask')} ${item.ref}`} size="lg">
      <Stack>
        {canAssign ? (
          <Textarea
            label={t('taskText')}
            autosize
            minRows={2}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={fieldError('text')}
          />
        ) : (
          <Text size="sm">{item.text}</Text>
        )}
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
            <Select
              label={t('recurrence')}
              placeholder={t('noRecurrence')}
              data={RECURRENCES.map((value) => ({ value, label: RECURRENCE_NAMES[value][locale] }))}
              value={recurrence}
              onChange={(value) => setRecurrence((value as Recurrence | null) ?? null)}
              clearable
            />
            <UnitMultiPicker
              label={t('lead')}
              value={lead}
              onChange={setLead}
              known={[...item.lead, ...item.support]}
              groupsWithin={planUnitId}
              selectedLabels={chosenLabels}
            />
            <UnitMultiPicker
              label={t('support')}
              value={support}
              onChange={setSupport}
              known={[...item.lead, ...item.support]}
              groupsWithin={planUnitId}
              selectedLabels={chosenLabels}
            />
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
        {canAssign && item.implementsItemId === null && (
          <Group>
            <Button
              variant="subtle"
              color="red"
              size="xs"
              aria-haspopup="dialog"
              onClick={() => setRemoving(true)}
            >
              {t('deleteTask')}
            </Button>
          </Group>
        )}
        <DialogFooter
          onClose={cancel}
          onSubmit={() => void save()}
          isBusy={update.isPending || remove.isPending}
        />
      </Stack>
      <ConfirmDialog
        opened={removing}
        title={fill(t('deleteTaskTitle'), { ref: item.ref })}
        confirmLabel={t('deleteTask')}
        danger
        isBusy={removeTask.isPending}
        error={removeTask.error?.message ?? null}
        onConfirm={() =>
          removeTask.mutate(
            { id: item.id, version },
            {
              onSuccess: () => {
                setRemoving(false);
                onClose();
              },
            },
          )
        }
        onClose={() => {
          removeTask.reset();
          setRemoving(false);
        }}
      >
        {fill(t('deleteTaskWhat'), { ref: item.ref })}
      </ConfirmDialog>
      <ConflictDialog
        conflict={conflict}
        mine={mine}
        labels={{
          status: t('status'),
          progress: `${t('progress')} (%)`,
          note: t('note'),
          weight: t('weight'),
          due: t('due'),
          text: t('taskText'),
          recurrence: t('recurrence'),
        }}
        onKeepMine={keepMine}
        onTakeTheirs={takeTheirs}
      />
    </StackedModal>
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
  const { add, remove } = useEvidenceChange(planId, itemId, { onAdded: onUploaded });
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
        <Stack key={file.id} gap={2} align="flex-start">
          <Group justify="space-between" wrap="nowrap" w="100%">
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
                aria-haspopup="dialog"
                onClick={() => setRemoving(file)}
                aria-label={`${t('remove')} ${file.fileName}`}
              >
                {t('remove')}
              </Button>
            </Group>
          </Group>
          <SignatureBadge signature={file.signature} fileName={file.fileName} />
        </Stack>
      ))}
      <FileButton onChange={(file) => file && run(() => add.mutateAsync(file))}>
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
