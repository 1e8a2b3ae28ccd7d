import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { operatorSign } from '../../../../core/indicators/targets.ts';
import { periodName } from '../../../../core/periods/period-names.ts';
import { TARGET_OPERATORS } from '../../../../core/plans/unit-plan-schemas.ts';
import { conflictOf } from '../../api/autosave.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { useIndicators } from '../indicators/api.ts';
import { TargetPeriodSelect } from '../indicators/TargetPeriodSelect.tsx';
import { type PlanDetail, type PlanTarget, useUnitPlanChanges } from './api.ts';

interface Draft {
  text: string;
  op: string;
  value: number | string;
  unit: string;
  indicatorCode: string | null;
  periodCode: string;
}

const EMPTY: Draft = { text: '', op: '>=', value: '', unit: '%', indicatorCode: null, periodCode: '' };

/**
 * The plan's targets. While the plan may be edited (a unit's plan: a draft) its author adds one, edits
 * one (what it measures, the rule and value, the period in words) at the version read, or removes one.
 */
export function PlanTargets({ plan }: { plan: PlanDetail }) {
  const { t, locale, label } = useT();
  const { addTarget, updateTarget, removeTarget } = useUnitPlanChanges(plan.id);
  const { data: indicators = [] } = useIndicators();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<PlanTarget | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<PlanTarget | null>(null);
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const indicatorName = (code: string | null) => {
    const found = indicators.find((indicator) => indicator.code === code);
    return found ? label({ vi: found.nameVi, en: found.nameEn }) : code;
  };

  const startEdit = (target: PlanTarget) => {
    setError(null);
    setEditing(target);
    setDraft({
      text: target.text,
      op: target.op,
      value: target.value,
      unit: target.unit,
      indicatorCode: target.indicatorCode,
      periodCode: target.periodCode ?? '',
    });
  };
  const stopEdit = () => {
    setEditing(null);
    setDraft(EMPTY);
    setError(null);
  };

  const save = async () => {
    setError(null);
    const input = {
      text: draft.text,
      op: draft.op as (typeof TARGET_OPERATORS)[number],
      value: Number(draft.value),
      unit: draft.unit,
      indicatorCode: draft.indicatorCode,
      periodCode: draft.periodCode || null,
    };
    try {
      if (editing)
        await updateTarget.mutateAsync({ id: editing.id, input: { ...input, version: editing.version } });
      else await addTarget.mutateAsync(input);
      stopEdit();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };

  return (
    <Stack>
      {plan.targets.length === 0 ? (
        <Text c="dimmed">{t('noPlanTargets')}</Text>
      ) : (
        <ScrollTable withTableBorder striped minWidth={340}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>{t('ref')}</Table.Th>
              <Table.Th>{t('targetText')}</Table.Th>
              {/* The value and, beneath it, its period: both stay in view on a phone. */}
              <Table.Th w={130}>{t('targetValue')}</Table.Th>
              {plan.access.edit && <Table.Th w={64} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.targets.map((target) => (
              <Table.Tr key={target.id} bg={editing?.id === target.id ? 'yellow.0' : undefined}>
                <Table.Td>{target.ref}</Table.Td>
                <Table.Td>
                  <Text size="sm">{target.text}</Text>
                  {target.indicatorCode && (
                    <Text size="xs" c="dimmed">
                      {t('targetIndicator')}: {indicatorName(target.indicatorCode)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {operatorSign(target.op)} {formatNumber(target.value)} {target.unit}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {target.periodCode ? periodName(target.periodCode, locale) : t('planTerm')}
                  </Text>
                </Table.Td>
                {plan.access.edit && (
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`${t('editPlanTarget')} ${target.text}`}
                        onClick={() => startEdit(target)}
                      >
                        {t('editPlanTarget')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={`${t('remove')} ${target.text}`}
                        aria-haspopup="dialog"
                        onClick={() => setRemoving(target)}
                      >
                        {t('remove')}
                      </Button>
                    </Stack>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {plan.access.edit && (
        <Stack gap="xs">
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('targetText')}
              placeholder={t('targetTextExample')}
              value={draft.text}
              onChange={(event) => set({ text: event.currentTarget.value })}
              error={fieldError('text')}
              style={{ flex: '1 1 260px' }}
            />
            <Select
              label={t('targetIndicator')}
              placeholder={t('targetIndicatorNone')}
              data={indicators.map((indicator) => ({
                value: indicator.code,
                label: label({ vi: indicator.nameVi, en: indicator.nameEn }),
              }))}
              value={draft.indicatorCode}
              onChange={(code) => {
                const unit = indicators.find((indicator) => indicator.code === code)?.measureUnit;
                set({ indicatorCode: code, ...(unit && { unit }) });
              }}
              error={fieldError('indicatorCode')}
              searchable
              clearable
              style={{ flex: '1 1 260px' }}
            />
          </Group>
          <Group align="flex-start" wrap="wrap">
            <Select
              label={t('targetOperator')}
              data={TARGET_OPERATORS.map((entry) => ({
                value: entry,
                label: operatorSign(entry),
              }))}
              value={draft.op}
              onChange={(next) => next && set({ op: next })}
              allowDeselect={false}
              w={90}
            />
            <NumberInput
              label={t('targetValue')}
              decimalSeparator={decimalMark()}
              value={draft.value}
              onChange={(value) => set({ value })}
              error={fieldError('value')}
              w={120}
            />
            <TextInput
              label={t('targetUnit')}
              value={draft.unit}
              onChange={(event) => set({ unit: event.currentTarget.value })}
              w={100}
            />
            <div style={{ flex: '1 1 320px' }}>
              <TargetPeriodSelect
                value={draft.periodCode}
                onChange={(periodCode) => set({ periodCode })}
                error={fieldError('periodCode')}
              />
            </div>
          </Group>
          <Group>
            <Button onClick={() => void save()} loading={addTarget.isPending || updateTarget.isPending}>
              {editing ? t('saveTarget') : t('addPlanTarget')}
            </Button>
            {editing && (
              <Button variant="default" onClick={stopEdit}>
                {t('cancelEdit')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
      {error && error.fields.length === 0 && (
        <Alert color="red" role="alert">
          {conflictOf(error) ? t('particularsConflict') : error.message}
        </Alert>
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('removeTargetTitle')}
        confirmLabel={t('remove')}
        danger
        isBusy={removeTarget.isPending}
        error={removeTarget.error?.message ?? null}
        onConfirm={() => {
          if (removing) removeTarget.mutate(removing.id, { onSuccess: () => setRemoving(null) });
        }}
        onClose={() => {
          removeTarget.reset();
          setRemoving(null);
        }}
      >
        {fill(t('removeTargetWhat'), { target: removing?.text ?? '' })}
      </ConfirmDialog>
    </Stack>
  );
}
