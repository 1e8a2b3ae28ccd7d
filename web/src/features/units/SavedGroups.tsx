import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { UnitGroupSummary } from '../../../../core/units/groups.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UNIT_GROUPS_PER_PAGE, useUnitGroup, useUnitGroupChange, useUnitGroups } from './api.ts';
import { UnitMultiPicker, UnitPicker } from './UnitPicker.tsx';

/** Saved groups of units ("Các xã biên giới"): listed with search and pages, kept by coordinators. */
export function SavedGroups() {
  const { t } = useT();
  const { data: me } = useMe();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const [page, setPage] = useState(1);
  const { data } = useUnitGroups(debounced, page);
  const { remove } = useUnitGroupChange();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [removing, setRemoving] = useState<UnitGroupSummary | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const canManage = hasPermission(me, 'units.groups');

  const confirmRemove = async () => {
    if (!removing) return;
    setRemoveError(null);
    try {
      await remove.mutateAsync(removing.id);
      setRemoving(null);
    } catch (caught) {
      setRemoveError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('savedGroups')}
          </Title>
          {canManage && (
            <Button aria-haspopup="dialog" onClick={() => setEditing('new')}>
              {t('newGroup')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('savedGroupsHelp')}
        </Text>
        <TextInput
          type="search"
          aria-label={t('savedGroups')}
          placeholder={t('search')}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setPage(1);
          }}
        />
        {data?.items.length === 0 && <Text c="dimmed">{t('noGroups')}</Text>}
        {(data?.items.length ?? 0) > 0 && (
          <ScrollTable striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('groupName')}</Table.Th>
                <Table.Th>{t('groupOwner')}</Table.Th>
                <Table.Th>{t('memberCount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((group) => (
                <Table.Tr key={group.id}>
                  <Table.Td>{group.name}</Table.Td>
                  <Table.Td>{group.unit.name}</Table.Td>
                  <Table.Td>{formatNumber(group.memberCount)}</Table.Td>
                  <Table.Td>
                    {group.canEdit && (
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-haspopup="dialog"
                          onClick={() => setEditing(group.id)}
                        >
                          {t('editGroup')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-haspopup="dialog"
                          onClick={() => setRemoving(group)}
                        >
                          {t('deleteGroup')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        {(data?.total ?? 0) > UNIT_GROUPS_PER_PAGE && (
          <ListFooter total={data?.total ?? 0} page={page} perPage={UNIT_GROUPS_PER_PAGE} onPage={setPage} />
        )}
      </Stack>
      {editing !== null && (
        <GroupDialog id={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('deleteGroup')}
        confirmLabel={t('deleteGroup')}
        danger
        isBusy={remove.isPending}
        error={removeError}
        onConfirm={() => void confirmRemove()}
        onClose={() => {
          setRemoving(null);
          setRemoveError(null);
        }}
      >
        {removing &&
          fill(t('deleteGroupConfirm'), {
            name: removing.name,
            count: formatNumber(removing.memberCount),
          })}
      </ConfirmDialog>
    </Paper>
  );
}

/** A new group (its owner unit, name, units) or an existing one's name and units. */
function GroupDialog({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useT();
  const { data: me } = useMe();
  const { data: group, isLoading } = useUnitGroup(id);
  const { save } = useUnitGroupChange();
  const ready = id === null || !isLoading;
  return (
    <Modal opened onClose={onClose} title={id === null ? t('newGroup') : t('editGroup')} size="lg">
      {ready && (
        <GroupForm
          key={group?.id ?? 'new'}
          initial={{
            // A new group belongs by default to the unit the user's first role is granted on.
            unitId: group
              ? String(group.unit.id)
              : me?.grants[0]?.unitId
                ? String(me.grants[0].unitId)
                : null,
            unitName: group?.unit.name ?? me?.grants[0]?.unitName ?? undefined,
            name: group?.name ?? '',
            members: group?.members.map((member) => String(member.id)) ?? [],
            labels: Object.fromEntries(
              group?.members.map((member) => [String(member.id), member.name]) ?? [],
            ),
          }}
          isNew={id === null}
          isBusy={save.isPending}
          onClose={onClose}
          onSave={async (input) => {
            await save.mutateAsync({
              id,
              input:
                id === null
                  ? {
                      unitId: Number(input.unitId ?? 0),
                      name: input.name,
                      memberIds: input.members.map(Number),
                    }
                  : { name: input.name, memberIds: input.members.map(Number), version: group?.version ?? 1 },
            });
            onClose();
          }}
        />
      )}
    </Modal>
  );
}

interface GroupFields {
  unitId: string | null;
  unitName: string | undefined;
  name: string;
  members: string[];
  labels: Record<string, string>;
}

function GroupForm({
  initial,
  isNew,
  isBusy,
  onSave,
  onClose,
}: {
  initial: GroupFields;
  isNew: boolean;
  isBusy: boolean;
  onSave: (input: GroupFields) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useT();
  const [fields, setFields] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;
  const submit = async () => {
    setError(null);
    try {
      await onSave(fields);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };
  return (
    <Stack>
      {isNew && (
        <UnitPicker
          label={t('groupOwner')}
          value={fields.unitId}
          selectedLabel={fields.unitName}
          error={fieldError('unitId')}
          onChange={(unitId) => setFields({ ...fields, unitId })}
        />
      )}
      <TextInput
        label={t('groupName')}
        value={fields.name}
        onChange={(event) => setFields({ ...fields, name: event.currentTarget.value })}
        error={fieldError('name')}
      />
      <UnitMultiPicker
        label={t('groupMembers')}
        value={fields.members}
        selectedLabels={fields.labels}
        onChange={(members) => setFields({ ...fields, members })}
        error={fieldError('memberIds')}
      />
      {error && error.fields.length === 0 && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      <DialogFooter onClose={onClose} onSubmit={() => void submit()} isBusy={isBusy} />
    </Stack>
  );
}
