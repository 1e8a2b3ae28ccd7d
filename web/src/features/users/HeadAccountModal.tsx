import { Alert, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { headAccountSchema } from '../../../../core/auth/account-schemas.ts';
import type { UserView } from '../../../../core/auth/account-views.ts';
import { foldVietnamese } from '../../../../core/text/vietnamese.ts';
import type { UnitDetail } from '../../api/types.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useSave } from './UserDialogs.tsx';

/** "Nguyễn Văn An" → "an.nguyenvan": the given name first, as people here are called by it. */
export function suggestUsername(fullName: string): string {
  const words = foldVietnamese(fullName)
    .replace(/[^a-z0-9 ]/g, '')
    .split(' ')
    .filter(Boolean);
  const given = words.pop();
  return given ? [given, words.join('')].filter(Boolean).join('.') : '';
}

/** An account with the unit-head role on the unit, prefilled from the unit's head fields. */
export function HeadAccountModal({
  unit,
  onClose,
  onPassword,
}: {
  unit: UnitDetail;
  onClose: () => void;
  onPassword: (password: string) => void;
}) {
  const { t } = useT();
  const action = useSave(onClose);
  const [values, setValues] = useState({
    fullName: unit.headName ?? '',
    username: suggestUsername(unit.headName ?? ''),
    email: unit.headEmail ?? '',
    phone: unit.headPhone ?? '',
  });
  const set = (field: keyof typeof values) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [field]: event.currentTarget.value });
  const submit = async () => {
    if (!action.check(headAccountSchema, values)) return;
    const result = await action.save<{ user: UserView; temporaryPassword: string }>(
      'POST',
      `/api/units/${unit.id}/head-account`,
      values,
    );
    if (result) onPassword(result.temporaryPassword);
  };
  return (
    <Modal opened onClose={onClose} title={t('createHeadAccount')}>
      <Stack>
        <Text size="sm">{fill(t('headAccountHelp'), { unit: unit.name })}</Text>
        {action.formError && <Alert color="red">{action.formError}</Alert>}
        <TextInput
          label={t('fullName')}
          value={values.fullName}
          onChange={set('fullName')}
          error={action.errors.fullName}
          required
          data-autofocus
        />
        <TextInput
          label={t('username')}
          value={values.username}
          onChange={set('username')}
          error={action.errors.username}
          required
        />
        <TextInput
          label={t('email')}
          value={values.email}
          onChange={set('email')}
          error={action.errors.email}
        />
        <TextInput
          label={t('headPhone')}
          value={values.phone}
          onChange={set('phone')}
          error={action.errors.phone}
        />
        <DialogFooter
          onClose={onClose}
          onSubmit={submit}
          isBusy={action.isBusy}
          label={t('createHeadAccount')}
        />
      </Stack>
    </Modal>
  );
}
