import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { SUCCESSION_KINDS, UNIT_TYPES } from '../../../../core/units/unit-types.ts';
import type { UnitLink } from '../../api/types.ts';
import { TemporaryPasswordModal } from '../../components/TemporaryPasswordModal.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { HeadAccountModal } from '../users/HeadAccountModal.tsx';
import { useUnit } from './api.ts';
import { CloseUnitModal, MoveUnitModal, ReopenUnitModal } from './UnitActions.tsx';
import { UnitFormModal } from './UnitFormModal.tsx';

type Dialog = 'edit' | 'create' | 'move' | 'close' | 'reopen' | 'headAccount' | null;

export function UnitDetailPanel({
  unitId,
  onSelect,
}: {
  unitId: number | null;
  onSelect: (id: number) => void;
}) {
  const { t, label } = useT();
  const { data: unit } = useUnit(unitId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [password, setPassword] = useState<string | null>(null);
  const { data: me } = useMe();
  if (unitId === null || !unit) {
    return (
      <Paper withBorder p="lg">
        <Text c="dimmed">{t('selectUnit')}</Text>
      </Paper>
    );
  }
  const links = (items: UnitLink[]) =>
    items.map((link) => (
      <Text key={`${link.id}-${link.kind}`} size="sm">
        <Anchor component="button" onClick={() => onSelect(link.id)}>
          {link.name}
        </Anchor>{' '}
        <Text span c="dimmed" size="xs">
          ({label(SUCCESSION_KINDS[link.kind])}, {formatDateVi(link.effectiveOn)})
        </Text>
      </Text>
    ));
  const rows: [string, React.ReactNode][] = [
    [t('code'), unit.code ?? '—'],
    [t('type'), label(UNIT_TYPES[unit.type])],
    [t('validFrom'), formatDateVi(unit.validFrom)],
    [t('head'), [unit.headName, unit.headTitle].filter(Boolean).join(', ') || '—'],
    [t('headPhone'), unit.headPhone ?? '—'],
    [
      t('headEmail'),
      unit.headEmail ? (
        <Anchor key="email" href={`mailto:${unit.headEmail}`}>
          {unit.headEmail}
        </Anchor>
      ) : (
        '—'
      ),
    ],
    [t('address'), unit.address ?? '—'],
  ];
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Breadcrumbs separator="›">
          {unit.ancestors.map((ancestor) => (
            <Anchor key={ancestor.id} component="button" size="sm" onClick={() => onSelect(ancestor.id)}>
              {ancestor.name}
            </Anchor>
          ))}
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start">
          <Title order={3}>{unit.name}</Title>
          {!unit.isActive && (
            <Badge color="gray" variant="light">
              {t('closedSince')} {formatDateVi(unit.validTo)}
            </Badge>
          )}
        </Group>
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {rows.map(([name, value]) => (
              <Table.Tr key={name}>
                <Table.Th w={160} fw={500} c="dimmed">
                  {name}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {unit.predecessors.length > 0 && (
          <div>
            <Text fw={600} size="sm">
              {t('formedFrom')}
            </Text>
            {links(unit.predecessors)}
          </div>
        )}
        {unit.successors.length > 0 && (
          <div>
            <Text fw={600} size="sm">
              {t('mergedInto')}
            </Text>
            {links(unit.successors)}
          </div>
        )}
        {unit.canEdit && (
          <Group gap="xs">
            <Button aria-haspopup="dialog" onClick={() => setDialog('edit')}>
              {t('edit')}
            </Button>
            <Button variant="light" aria-haspopup="dialog" onClick={() => setDialog('create')}>
              {t('addChild')}
            </Button>
            <Button variant="default" aria-haspopup="dialog" onClick={() => setDialog('move')}>
              {t('move')}
            </Button>
            <Button variant="default" color="red" aria-haspopup="dialog" onClick={() => setDialog('close')}>
              {t('close')}
            </Button>
          </Group>
        )}
        {unit.isActive && hasPermission(me, 'users.write') && (
          <Group gap="xs">
            <Button variant="light" aria-haspopup="dialog" onClick={() => setDialog('headAccount')}>
              {t('createHeadAccount')}
            </Button>
          </Group>
        )}
        {!unit.isActive && (
          <Group>
            <Button variant="default" aria-haspopup="dialog" onClick={() => setDialog('reopen')}>
              {t('reopen')}
            </Button>
          </Group>
        )}
      </Stack>
      <UnitFormModal
        key={`edit-${unit.id}-${unit.version}`}
        opened={dialog === 'edit'}
        unit={unit}
        onClose={() => setDialog(null)}
      />
      <UnitFormModal
        key={`create-${unit.id}`}
        opened={dialog === 'create'}
        parent={unit}
        onClose={() => setDialog(null)}
        onCreated={onSelect}
      />
      <MoveUnitModal opened={dialog === 'move'} unit={unit} onClose={() => setDialog(null)} />
      <CloseUnitModal opened={dialog === 'close'} unit={unit} onClose={() => setDialog(null)} />
      <ReopenUnitModal opened={dialog === 'reopen'} unit={unit} onClose={() => setDialog(null)} />
      {dialog === 'headAccount' && (
        <HeadAccountModal unit={unit} onClose={() => setDialog(null)} onPassword={setPassword} />
      )}
      <TemporaryPasswordModal password={password} onClose={() => setPassword(null)} />
    </Paper>
  );
}
