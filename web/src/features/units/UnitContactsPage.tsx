import { Alert, Anchor, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { UnitContacts } from '../../../../core/units/unit-schemas.ts';
import { useAutosavedSetting } from '../../api/autosaved-setting.ts';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { SiteEmblemSection } from './SiteEmblemSection.tsx';
import { UnitPicker } from './UnitPicker.tsx';

type Fields = Pick<UnitContacts, 'headName' | 'headTitle' | 'headPhone' | 'headEmail' | 'address'>;
const FIELDS = ['headName', 'headTitle', 'headPhone', 'headEmail', 'address'] as const;

/**
 * A unit keeps its own public contacts (units.contacts): the head's name and title, the phone and
 * e-mail citizens may use, the address — shown on the public site's contacts page. Saved as typed.
 */
export function UnitContactsPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const own = me?.grants.find((grant) => grant.unitId !== null);
  const [unitId, setUnitId] = useState<string | null>(own?.unitId ? String(own.unitId) : null);
  return (
    <Stack maw={720}>
      <Title order={2}>{t('unitContactsTitle')}</Title>
      <Text c="dimmed">{t('unitContactsHelp')}</Text>
      <UnitPicker
        label={t('unit')}
        value={unitId}
        onChange={setUnitId}
        selectedLabel={own?.unitName ?? undefined}
      />
      {unitId && <ContactsForm key={unitId} unitId={Number(unitId)} />}
      <SiteEmblemSection />
    </Stack>
  );
}

function ContactsForm({ unitId }: { unitId: number }) {
  const { t } = useT();
  const setting = useAutosavedSetting<UnitContacts, Fields>({
    queryKey: ['units', unitId, 'contacts'],
    url: `/api/units/${unitId}/contacts`,
    initial: (form) => ({
      headName: form.headName,
      headTitle: form.headTitle,
      headPhone: form.headPhone,
      headEmail: form.headEmail,
      address: form.address,
    }),
    body: (value) => value,
  });
  const { data, error, value, change, autosave } = setting;
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!data || !value) return <Text>{t('loading')}</Text>;
  const fieldError = (name: string) =>
    autosave.error?.fields?.find((field) => field.path === name)?.message ?? undefined;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3} size="h4">
          {data.name}
        </Title>
        <SaveState autosave={autosave} />
      </Group>
      {!data.canChange && <Alert color="gray">{t('unitContactsReadOnly')}</Alert>}
      {FIELDS.map((name) => (
        <TextInput
          key={name}
          label={t(`unitContacts_${name}`)}
          value={value[name] ?? ''}
          disabled={!data.canChange}
          error={fieldError(name)}
          type={name === 'headEmail' ? 'email' : name === 'headPhone' ? 'tel' : 'text'}
          onChange={(event) => change({ ...value, [name]: event.currentTarget.value || null })}
        />
      ))}
      <Anchor href="/cong-khai/lien-he" target="_blank" size="sm">
        {t('unitContactsPublic')}
      </Anchor>
      <ConflictDialog
        conflict={autosave.conflict}
        mine={autosave.unsaved}
        labels={Object.fromEntries(FIELDS.map((name) => [name, t(`unitContacts_${name}`)]))}
        onKeepMine={setting.keepMine}
        onTakeTheirs={setting.takeTheirs}
      />
    </Stack>
  );
}
