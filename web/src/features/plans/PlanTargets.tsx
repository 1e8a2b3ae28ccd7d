import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { TARGET_OPERATORS } from '../../../../core/plans/unit-plan-schemas.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import { type PlanDetail, type PlanTarget, useUnitPlanChanges } from './api.ts';

const OPERATOR_SIGNS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

/** The plan's targets; whoever writes the plan adds its own and removes one set by mistake. */
export function PlanTargets({ plan }: { plan: PlanDetail }) {
  const { t } = useT();
  const { addTarget, removeTarget } = useUnitPlanChanges(plan.id);
  const [text, setText] = useState('');
  const [op, setOp] = useState<string>('>=');
  const [value, setValue] = useState<number | string>('');
  const [unit, setUnit] = useState('%');
  const [error, setError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<PlanTarget | null>(null);
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;

  const add = async () => {
    setError(null);
    try {
      await addTarget.mutateAsync({
        text,
        op: op as (typeof TARGET_OPERATORS)[number],
        value: Number(value),
        unit,
      });
      setText('');
      setValue('');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };

  return (
    <Stack>
      {plan.targets.length === 0 ? (
        <Text c="dimmed">{t('noPlanTargets')}</Text>
      ) : (
        <ScrollTable withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('ref')}</Table.Th>
              <Table.Th>{t('targetText')}</Table.Th>
              <Table.Th w={160}>{t('targetValue')}</Table.Th>
              {plan.access.write && <Table.Th w={80} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.targets.map((target) => (
              <Table.Tr key={target.id}>
                <Table.Td>{target.ref}</Table.Td>
                <Table.Td>{target.text}</Table.Td>
                <Table.Td>
                  {OPERATOR_SIGNS[target.op] ?? target.op} {formatNumber(target.value)} {target.unit}
                </Table.Td>
                {plan.access.write && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={`${t('remove')} ${target.text}`}
                      onClick={() => setRemoving(target)}
                    >
                      {t('remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {plan.access.write && (
        <Group align="flex-start">
          <TextInput
            label={t('targetText')}
            placeholder={t('targetTextExample')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={fieldError('text')}
            style={{ flex: 1 }}
          />
          <Select
            label={t('targetOperator')}
            data={TARGET_OPERATORS.map((entry) => ({ value: entry, label: OPERATOR_SIGNS[entry] ?? entry }))}
            value={op}
            onChange={(next) => next && setOp(next)}
            allowDeselect={false}
            w={90}
          />
          <NumberInput
            label={t('targetValue')}
            decimalSeparator=","
            value={value}
            onChange={setValue}
            error={fieldError('value')}
            w={120}
          />
          <TextInput
            label={t('targetUnit')}
            value={unit}
            onChange={(event) => setUnit(event.currentTarget.value)}
            w={100}
          />
          <Button mt={25} onClick={() => void add()} loading={addTarget.isPending}>
            {t('addPlanTarget')}
          </Button>
        </Group>
      )}
      {error && error.fields.length === 0 && (
        <Alert color="red" role="alert">
          {error.message}
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
