import { Alert, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  createUserSchema,
  grantRoleSchema,
  updateUserSchema,
} from '../../../../core/auth/account-schemas.ts';
import { ROLE_NAMES, ROLES } from '../../../../core/auth/roles.ts';
import { api } from '../../api/client.ts';
import type { UserView } from '../../api/types.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';

export function useSave(onDone: () => void) {
  const client = useQueryClient();
  const { t } = useT();
  const form = useFieldErrors();
  const [isBusy, setBusy] = useState(false);
  const save = async <T,>(method: string, url: string, body: unknown): Promise<T | null> => {
    setBusy(true);
    try {
      const result = await api<T>(method, url, body);
      await client.invalidateQueries({ queryKey: ['users'] });
      notifySaved(t('saved'));
      onDone();
      return result;
    } catch (error) {
      form.fail(error);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { ...form, isBusy, save };
}

export function CreateUserModal({
  opened,
  onClose,
  onPassword,
}: {
  opened: boolean;
  onClose: () => void;
  onPassword: (password: string) => void;
}) {
  const { t } = useT();
  const action = useSave(onClose);
  const [values, setValues] = useState({ username: '', fullName: '', email: '', password: '' });
  const set = (field: keyof typeof values) => (event: { currentTarget: { value: string } }) =>
    setValues({ ...values, [field]: event.currentTarget.value });
  const submit = async () => {
    const body = { ...values, password: values.password || undefined };
    if (!action.check(createUserSchema, body)) return;
    const result = await action.save<{ temporaryPassword?: string }>('POST', '/api/users', body);
    if (result?.temporaryPassword) onPassword(result.temporaryPassword);
    if (result) setValues({ username: '', fullName: '', email: '', password: '' });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('newUser')}>
      <Stack>
        {action.formError && <Alert color="red">{action.formError}</Alert>}
        <TextInput
          label={t('username')}
          value={values.username}
          onChange={set('username')}
          error={action.errors.username}
          required
          data-autofocus
        />
        <TextInput
          label={t('fullName')}
          value={values.fullName}
          onChange={set('fullName')}
          error={action.errors.fullName}
          required
        />
        <TextInput
          label={t('email')}
          type="email"
          value={values.email}
          onChange={set('email')}
          error={action.errors.email}
        />
        <PasswordInput
          label={t('passwordOptional')}
          description={`${t('passwordRuleHint')} ${t('changedAtFirstSignIn')}`}
          value={values.password}
          onChange={set('password')}
          error={action.errors.password}
          autoComplete="new-password"
        />
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={action.isBusy} />
      </Stack>
    </Modal>
  );
}

export function EditUserModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useT();
  const action = useSave(onClose);
  const [values, setValues] = useState({
    fullName: user.fullName,
    email: user.email ?? '',
    isActive: user.isActive,
    locale: user.locale,
  });
  const submit = () => {
    const body = { ...values, version: user.version };
    if (action.check(updateUserSchema, body)) void action.save('PATCH', `/api/users/${user.id}`, body);
  };
  return (
    <Modal opened onClose={onClose} title={`${t('edit')}: ${user.username}`}>
      <Stack>
        {action.formError && <Alert color="red">{action.formError}</Alert>}
        <TextInput
          label={t('fullName')}
          value={values.fullName}
          onChange={(e) => setValues({ ...values, fullName: e.currentTarget.value })}
          error={action.errors.fullName}
        />
        <TextInput
          label={t('email')}
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.currentTarget.value })}
          error={action.errors.email}
        />
        <Switch
          label={t('active')}
          checked={values.isActive}
          onChange={(e) => setValues({ ...values, isActive: e.currentTarget.checked })}
        />
        <Select
          label={t('language')}
          data={[
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
          value={values.locale}
          onChange={(value) => setValues({ ...values, locale: value === 'en' ? 'en' : 'vi' })}
          allowDeselect={false}
        />
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={action.isBusy} />
      </Stack>
    </Modal>
  );
}

export function GrantRoleModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t, label } = useT();
  const action = useSave(onClose);
  const [role, setRole] = useState<string | null>('unit_reporter');
  const [unitId, setUnitId] = useState<string | null>(null);
  const submit = () => {
    const body = { role, unitId: unitId ? Number(unitId) : undefined };
    if (action.check(grantRoleSchema, body)) void action.save('POST', `/api/users/${user.id}/grants`, body);
  };
  return (
    <Modal opened onClose={onClose} title={`${t('grantRole')}: ${user.fullName}`}>
      <Stack>
        {action.formError && <Alert color="red">{action.formError}</Alert>}
        <Select
          label={t('role')}
          data={ROLE_NAMES.map((name) => ({ value: name, label: label(ROLES[name]) }))}
          value={role}
          onChange={setRole}
          error={action.errors.role}
          allowDeselect={false}
        />
        <UnitPicker label={t('unit')} value={unitId} onChange={setUnitId} error={action.errors.unitId} />
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={action.isBusy} label={t('grantRole')} />
      </Stack>
    </Modal>
  );
}
