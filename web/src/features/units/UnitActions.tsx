import { Alert, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { closeUnitSchema, moveUnitSchema, reopenUnitSchema } from '../../../../core/units/unit-schemas.ts';
import { SUCCESSION_KIND_NAMES, SUCCESSION_KINDS } from '../../../../core/units/unit-types.ts';
import { api } from '../../api/client.ts';
import type { UnitDetail } from '../../api/types.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { UnitMultiPicker, UnitPicker } from './UnitPicker.tsx';

interface Props {
  opened: boolean;
  unit: UnitDetail;
  onClose: () => void;
}

/** Sends one action on a unit, then refreshes every unit query. */
function useUnitAction(unit: UnitDetail, onClose: () => void) {
  const client = useQueryClient();
  const { t } = useT();
  const form = useFieldErrors();
  const [isBusy, setBusy] = useState(false);
  const run = async (path: string, body: unknown) => {
    setBusy(true);
    try {
      await api('POST', `/api/units/${unit.id}/${path}`, body);
      await client.invalidateQueries({ queryKey: ['units'] });
      notifySaved(t('saved'));
      onClose();
    } catch (error) {
      form.fail(error);
    } finally {
      setBusy(false);
    }
  };
  return { ...form, isBusy, run };
}

export function MoveUnitModal({ opened, unit, onClose }: Props) {
  const { t } = useT();
  const action = useUnitAction(unit, onClose);
  const [parentId, setParentId] = useState<string | null>(null);
  const submit = () => {
    const body = action.check(moveUnitSchema, {
      parentId: parentId ? Number(parentId) : undefined,
      version: unit.version,
    });
    if (body) void action.run('move', body);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`${t('move')}: ${unit.name}`}>
      <Stack>
        {action.formError && <Alert color="red">{action.formError}</Alert>}
        <UnitPicker
          label={t('newParent')}
          value={parentId}
          onChange={setParentId}
          excludeId={unit.id}
          error={action.errors.parentId}
        />
        <DialogFooter label={t('confirm')} onClose={onClose} onSubmit={submit} isBusy={action.isBusy} />
      </Stack>
    </Modal>
  );
}

export function CloseUnitModal({ opened, unit, onClose }: Props) {
  const { t, label } = useT();
  const action = useUnitAction(unit, onClose);
  const [validTo, setValidTo] = useState(formatDateVi(todayInVietnam()));
  const [successorIds, setSuccessorIds] = useState<string[]>([]);
  const [kind, setKind] = useState<string>('merge');
  const [reason, setReason] = useState('');
  const submit = () => {
    const values = { validTo, successorIds: successorIds.map(Number), kind, reason, version: unit.version };
    if (action.check(closeUnitSchema, values)) void action.run('close', values);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`${t('close')}: ${unit.name}`} size="lg">
      <Stack>
        {action.formError && <Alert color="red">{action.formError}</Alert>}
        <TextInput
          label={t('closingDate')}
          value={validTo}
          onChange={(e) => setValidTo(e.currentTarget.value)}
          error={action.errors.validTo}
        />
        <Select
          label={t('kind')}
          data={SUCCESSION_KIND_NAMES.map((name) => ({ value: name, label: label(SUCCESSION_KINDS[name]) }))}
          value={kind}
          onChange={(value) => setKind(value ?? 'merge')}
          allowDeselect={false}
        />
        <UnitMultiPicker
          label={t('successors')}
          value={successorIds}
          onChange={setSuccessorIds}
          excludeId={unit.id}
          error={action.errors.successorIds}
        />
        <Textarea
          label={t('reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={action.errors.reason}
          required
        />
        <DialogFooter
          label={t('confirm')}
          onClose={onClose}
          onSubmit={submit}
          isBusy={action.isBusy}
          danger
        />
      </Stack>
    </Modal>
  );
}

export function ReopenUnitModal({ opened, unit, onClose }: Props) {
  const { t } = useT();
  const action = useUnitAction(unit, onClose);
  const [reason, setReason] = useState('');
  const submit = () => {
    const values = { reason, version: unit.version };
    if (action.check(reopenUnitSchema, values)) void action.run('reopen', values);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`${t('reopen')}: ${unit.name}`}>
      <Stack>
        {action.formError && <Alert color="red">{action.formError}</Alert>}
        <Textarea
          label={t('reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={action.errors.reason}
          required
        />
        <DialogFooter label={t('confirm')} onClose={onClose} onSubmit={submit} isBusy={action.isBusy} />
      </Stack>
    </Modal>
  );
}
