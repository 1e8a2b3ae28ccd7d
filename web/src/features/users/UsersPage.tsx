import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES } from '../../../../core/auth/roles.ts';
import { ApiError, api, type ListResult, queryString } from '../../api/client.ts';
import type { UserView } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { notifySaved } from '../../components/form.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { TemporaryPasswordModal } from '../../components/TemporaryPasswordModal.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { ImportAccountsModal } from './ImportAccountsModal.tsx';
import { CreateUserModal, EditUserModal, GrantRoleModal } from './UserDialogs.tsx';

const PER_PAGE = 20;

export function UsersPage() {
  const { t, label } = useT();
  const { data: me } = useMe();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [sort, setSort] = useState('username');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<
    { kind: 'create' | 'import' } | { kind: 'edit' | 'grant'; user: UserView } | null
  >(null);
  const [password, setPassword] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: ['users', debounced, sort, page],
    queryFn: () =>
      api<ListResult<UserView>>(
        'GET',
        `/api/users${queryString({ q: debounced, sort, page, perPage: PER_PAGE })}`,
      ),
    placeholderData: (previous) => previous,
  });

  // Resetting a password and taking away a role are confirmed first, saying to whom and what follows.
  const [asking, setAsking] = useState<
    { kind: 'reset'; user: UserView } | { kind: 'revoke'; user: UserView; grantId: number } | null
  >(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const askedGrant =
    asking?.kind === 'revoke' ? asking.user.grants.find((grant) => grant.id === asking.grantId) : undefined;
  const confirmAsked = async () => {
    if (!asking) return;
    setBusy(true);
    setRefusal(null);
    try {
      if (asking.kind === 'reset') {
        const result = await api<{ temporaryPassword: string }>(
          'POST',
          `/api/users/${asking.user.id}/reset-password`,
        );
        setPassword(result.temporaryPassword);
      } else {
        await api('DELETE', `/api/users/${asking.user.id}/grants/${asking.grantId}`);
        notifySaved(t('saved'));
      }
      await client.invalidateQueries({ queryKey: ['users'] });
      setAsking(null);
    } catch (caught) {
      setRefusal(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const closeAsked = () => {
    setAsking(null);
    setRefusal(null);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('users')}</Title>
        {/* Only to those who may make accounts: anyone else would be refused. */}
        {hasPermission(me, 'users.write') && (
          <Group gap="xs">
            <Button variant="default" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'import' })}>
              {t('importAccounts')}
            </Button>
            <Button aria-haspopup="dialog" onClick={() => setDialog({ kind: 'create' })}>
              {t('newUser')}
            </Button>
          </Group>
        )}
      </Group>
      <TextInput
        type="search"
        aria-label={t('search')}
        placeholder={t('search')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(1);
        }}
        maw={360}
      />
      <ScrollTable striped highlightOnHover withTableBorder styles={{ th: { whiteSpace: 'nowrap' } }}>
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="username" sort={sort} onSort={setSort}>
              {t('username')}
            </SortHeader>
            <SortHeader field="fullName" sort={sort} onSort={setSort}>
              {t('fullName')}
            </SortHeader>
            <Table.Th>{t('email')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th>{t('roles')}</Table.Th>
            <Table.Th aria-label={t('action')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.username}</Table.Td>
              <Table.Td>{user.fullName}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" c={!user.isActive ? 'dimmed' : user.lockedUntil ? 'orange.8' : 'green.8'}>
                  {t(!user.isActive ? 'disabled' : user.lockedUntil ? 'locked' : 'active')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.grants.map((grant) => (
                    <Badge
                      key={grant.id}
                      variant="outline"
                      tt="none"
                      h="auto"
                      styles={{ label: { whiteSpace: 'normal' } }}
                      rightSection={
                        <ActionIcon
                          size="xs"
                          variant="transparent"
                          aria-label={`${t('revoke')} ${label(ROLES[grant.role])}`}
                          aria-haspopup="dialog"
                          onClick={() => setAsking({ kind: 'revoke', user, grantId: grant.id })}
                        >
                          ×
                        </ActionIcon>
                      }
                    >
                      {label(ROLES[grant.role])} — {grant.unitName ?? t('wholeSystem')}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Menu>
                  <Menu.Target>
                    <Button size="xs" variant="subtle">
                      ⋯
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item aria-haspopup="dialog" onClick={() => setDialog({ kind: 'edit', user })}>
                      {t('edit')}
                    </Menu.Item>
                    <Menu.Item aria-haspopup="dialog" onClick={() => setDialog({ kind: 'grant', user })}>
                      {t('grantRole')}
                    </Menu.Item>
                    <Menu.Item aria-haspopup="dialog" onClick={() => setAsking({ kind: 'reset', user })}>
                      {t('resetPassword')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      <CreateUserModal
        opened={dialog?.kind === 'create'}
        onClose={() => setDialog(null)}
        onPassword={setPassword}
      />
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'grant' && <GrantRoleModal user={dialog.user} onClose={() => setDialog(null)} />}
      <ImportAccountsModal opened={dialog?.kind === 'import'} onClose={() => setDialog(null)} />
      <ConfirmDialog
        opened={asking !== null}
        title={asking?.kind === 'revoke' ? t('revokeRoleTitle') : t('resetPassword')}
        confirmLabel={asking?.kind === 'revoke' ? t('revoke') : t('resetPassword')}
        danger
        isBusy={busy}
        error={refusal}
        onConfirm={() => void confirmAsked()}
        onClose={closeAsked}
      >
        {asking?.kind === 'reset' &&
          fill(t('resetPasswordWhat'), { user: asking.user.fullName || asking.user.username })}
        {asking?.kind === 'revoke' &&
          askedGrant &&
          fill(t('revokeRoleWhat'), {
            user: asking.user.fullName || asking.user.username,
            role: label(ROLES[askedGrant.role]),
            unit: askedGrant.unitName ?? t('wholeSystem'),
          })}
      </ConfirmDialog>
      <TemporaryPasswordModal password={password} onClose={() => setPassword(null)} />
    </Stack>
  );
}
