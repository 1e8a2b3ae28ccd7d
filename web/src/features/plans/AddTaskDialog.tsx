import { Alert, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { dimensionLabel, RECURRENCE_NAMES } from '../../../../core/plans/plan-views.ts';
import {
  DIMENSION_CODES,
  type DimensionCode,
  RECURRENCES,
  type Recurrence,
} from '../../../../core/plans/types.ts';
import { parseDate } from '../../../../core/text/dates.ts';
import { ApiError } from '../../api/client.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useT } from '../../i18n/locale.tsx';
import { UnitMultiPicker } from '../units/UnitPicker.tsx';
import { type PlanDetail, useUnitPlanChanges } from './api.ts';

/**
 * A task of the plan's own: under one of its sections or at the end, led (and supported) by units of
 * the plan's unit itself (the picker lists the user's units; the server refuses any outside the plan's).
 */
export function AddTaskDialog({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t, locale } = useT();
  const { addTask } = useUnitPlanChanges(plan.id);
  const [sectionId, setSectionId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [lead, setLead] = useState([String(plan.unit.id)]);
  const [support, setSupport] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const [recurrence, setRecurrence] = useState<Recurrence | null>(null);
  const [dimension, setDimension] = useState<DimensionCode | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;

  const save = async () => {
    setError(null);
    try {
      await addTask.mutateAsync({
        sectionId: sectionId === null ? null : Number(sectionId),
        text,
        leadUnitIds: lead.map(Number),
        supportUnitIds: support.map(Number),
        due: due ? (parseDate(due) ?? due) : null,
        recurrence,
        dimension,
      });
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('addTask')} size="lg">
      <Stack>
        <Select
          label={t('taskSection')}
          placeholder={t('taskSectionEnd')}
          data={plan.items
            .filter((item) => item.kind === 'section')
            .map((item) => ({ value: String(item.id), label: `${item.ref}. ${item.text}` }))}
          value={sectionId}
          onChange={setSectionId}
          clearable
          error={fieldError('sectionId')}
        />
        <Textarea
          label={t('taskText')}
          autosize
          minRows={3}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={fieldError('text')}
        />
        <UnitMultiPicker
          label={t('lead')}
          value={lead}
          onChange={setLead}
          known={[plan.unit]}
          error={fieldError('leadUnitIds')}
        />
        <UnitMultiPicker label={t('support')} value={support} onChange={setSupport} known={[plan.unit]} />
        <Group grow>
          <TextInput
            label={t('due')}
            placeholder="dd/mm/yyyy"
            value={due}
            onChange={(event) => setDue(event.currentTarget.value)}
            error={fieldError('due')}
          />
          <Select
            label={t('recurrence')}
            placeholder={t('noRecurrence')}
            data={RECURRENCES.map((value) => ({ value, label: RECURRENCE_NAMES[value][locale] }))}
            value={recurrence}
            onChange={(value) => setRecurrence((value as Recurrence | null) ?? null)}
            clearable
          />
        </Group>
        <Select
          label={t('dimension')}
          placeholder={t('allDimensions')}
          data={DIMENSION_CODES.map((code) => ({ value: code, label: dimensionLabel(code) }))}
          value={dimension}
          onChange={(value) => setDimension((value as DimensionCode | null) ?? null)}
          searchable
          clearable
        />
        {error && error.fields.length === 0 && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <DialogFooter
          onClose={onClose}
          onSubmit={() => void save()}
          isBusy={addTask.isPending}
          label={t('addTask')}
        />
      </Stack>
    </Modal>
  );
}
