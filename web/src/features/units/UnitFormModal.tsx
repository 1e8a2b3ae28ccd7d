import { Alert, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { createUnitSchema, updateUnitSchema } from '../../../../core/units/unit-schemas.ts';
import { UNIT_TYPE_NAMES, UNIT_TYPES } from '../../../../core/units/unit-types.ts';
import { ApiError, api } from '../../api/client.ts';
import type { UnitDetail } from '../../api/types.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Editing this unit… */
  unit?: UnitDetail;
  /** …or creating a unit under this one. */
  parent?: UnitDetail;
  onCreated?: (id: number) => void;
}

const FIELDS = [
  'name',
  'shortName',
  'code',
  'headName',
  'headTitle',
  'headPhone',
  'headEmail',
  'address',
] as const;

export function UnitFormModal({ opened, onClose, unit, parent, onCreated }: Props) {
  const { t, label } = useT();
  const client = useQueryClient();
  const { errors, formError, check, fail } = useFieldErrors();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(FIELDS.map((field) => [field, unit?.[field] ?? ''])),
    type: unit?.type ?? (parent?.type === 'province' ? 'department' : 'office'),
    validFrom: formatDateVi(todayInVietnam()),
  }));
  const [isBusy, setBusy] = useState(false);
  const set = (field: string) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [field]: event.currentTarget.value });

  const submit = async () => {
    const body = unit
      ? check(updateUnitSchema, { ...values, version: unit.version })
      : check(createUnitSchema, { ...values, parentId: parent?.id ?? null });
    if (!body) return;
    setBusy(true);
    try {
      const saved = unit
        ? await api<UnitDetail>('PATCH', `/api/units/${unit.id}`, { ...values, version: unit.version })
        : await api<UnitDetail>('POST', '/api/units', { ...values, parentId: parent?.id ?? null });
      await client.invalidateQueries({ queryKey: ['units'] });
      notifySaved(t('saved'));
      onClose();
      if (!unit) onCreated?.(saved.id);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        await client.invalidateQueries({ queryKey: ['units'] });
        fail(new Error(t('conflict')));
      } else fail(error);
    } finally {
      setBusy(false);
    }
  };

  const input = (field: string, labelKey: Parameters<typeof t>[0], props: Record<string, unknown> = {}) => (
    <TextInput
      label={t(labelKey)}
      value={values[field] ?? ''}
      onChange={set(field)}
      error={errors[field]}
      {...props}
    />
  );
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={unit ? `${t('edit')}: ${unit.name}` : `${t('addChild')}: ${parent?.name ?? ''}`}
      size="lg"
    >
      <Stack>
        {formError && <Alert color="red">{formError}</Alert>}
        {input('name', 'unitName', { required: true, 'data-autofocus': true })}
        <SimpleGrid cols={2}>
          <Select
            label={t('type')}
            data={UNIT_TYPE_NAMES.map((type) => ({ value: type, label: label(UNIT_TYPES[type]) }))}
            value={values.type ?? null}
            onChange={(value) => setValues({ ...values, type: value ?? '' })}
            error={errors.type}
            allowDeselect={false}
          />
          {input('code', 'code')}
          {input('shortName', 'shortName')}
          {!unit && input('validFrom', 'validFrom', { placeholder: 'dd/mm/yyyy' })}
          {input('headName', 'headName')}
          {input('headTitle', 'headTitle')}
          {input('headPhone', 'headPhone')}
          {input('headEmail', 'headEmail', { type: 'email' })}
        </SimpleGrid>
        {input('address', 'address')}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={isBusy} />
      </Stack>
    </Modal>
  );
}
