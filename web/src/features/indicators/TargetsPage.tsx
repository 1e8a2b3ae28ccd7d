import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { periodName } from '../../../../core/periods/period-names.ts';
import { UNIT_TYPES, type UnitType } from '../../../../core/units/unit-types.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { deleteTarget, type IndicatorTarget, useIndicators, useTargets, useTargetWrite } from './api.ts';
import { formatTarget } from './format.ts';
import { TargetFormModal } from './TargetFormModal.tsx';

/** The targets each indicator is measured against; coordinators add, edit and delete them. */
export function TargetsPage() {
  const { t, locale, label } = useT();
  const { data: me } = useMe();
  const canManage = hasPermission(me, 'indicators.manage');
  const { data: targets, error } = useTargets();
  const { data: indicators = [] } = useIndicators();
  const [editing, setEditing] = useState<IndicatorTarget | 'new' | null>(null);
  const [deleting, setDeleting] = useState<IndicatorTarget | null>(null);
  const remove = useTargetWrite(deleteTarget);
  const indicatorOf = (code: string) => indicators.find((indicator) => indicator.code === code);

  const appliesTo = (target: IndicatorTarget) => {
    if (target.unit) return target.unit.name;
    if (target.unitType)
      return label(UNIT_TYPES[target.unitType as UnitType] ?? { vi: target.unitType, en: target.unitType });
    return t('everyone');
  };
  // In the catalogue's order, as the server lists them.
  const sorted = targets ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('indicatorTargets')}</Title>
        {canManage && (
          <Button aria-haspopup="dialog" onClick={() => setEditing('new')}>
            {t('addTarget')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('targetsHelp')}
      </Text>
      {error && <Alert color="red">{error.message}</Alert>}
      {targets && targets.length === 0 && <Text c="dimmed">{t('noTargets')}</Text>}
      {sorted.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table withTableBorder striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('indicator')}</Table.Th>
                <Table.Th>{t('appliesTo')}</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('targetPeriod')}</Table.Th>
                <Table.Th>{t('target')}</Table.Th>
                <Table.Th>{t('riskMargin')}</Table.Th>
                <Table.Th>{t('targetNote')}</Table.Th>
                {canManage && <Table.Th w={170} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((target) => {
                const indicator = indicatorOf(target.indicatorCode);
                return (
                  <Table.Tr key={target.id}>
                    <Table.Td>
                      <Text size="sm">
                        {indicator
                          ? label({ vi: indicator.nameVi, en: indicator.nameEn })
                          : target.indicatorCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{appliesTo(target)}</Text>
                      <Text size="xs" c="dimmed">
                        {target.unit ? t('oneUnit') : target.unitType ? t('byUnitType') : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {target.periodCode ? periodName(target.periodCode, locale) : t('everyPeriod')}
                    </Table.Td>
                    <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {formatTarget(target, indicator?.measureUnit)}
                    </Table.Td>
                    <Table.Td>{target.riskMargin ? formatNumber(target.riskMargin) : '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {target.note}
                      </Text>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="light"
                            aria-haspopup="dialog"
                            onClick={() => setEditing(target)}
                          >
                            {t('edit')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            aria-haspopup="dialog"
                            onClick={() => setDeleting(target)}
                          >
                            {t('deleteTarget')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <TargetFormModal target={editing} onClose={() => setEditing(null)} />}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('deleteTarget')}>
        <Stack>
          <Text size="sm">{t('confirmDeleteTarget')}</Text>
          <DialogFooter
            onClose={() => setDeleting(null)}
            isBusy={remove.isPending}
            danger
            label={t('deleteTarget')}
            onSubmit={() =>
              deleting &&
              remove.mutate(deleting.id, {
                onSuccess: () => setDeleting(null),
                onError: (caught) => notifications.show({ color: 'red', message: caught.message }),
              })
            }
          />
        </Stack>
      </Modal>
    </Stack>
  );
}
