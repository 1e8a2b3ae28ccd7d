import {
  Alert,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { targetBodySchema } from '../../../../core/indicators/indicator-schemas.ts';
import { TARGET_OPERATORS, type TargetOperator } from '../../../../core/indicators/targets.ts';
import { UNIT_TYPE_NAMES, UNIT_TYPES } from '../../../../core/units/unit-types.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { decimalMark, useT } from '../../i18n/locale.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { type IndicatorTarget, saveTarget, useIndicators, useTargetWrite } from './api.ts';
import { TargetPeriodSelect } from './TargetPeriodSelect.tsx';

type Scope = 'everyone' | 'unitType' | 'unit';

const OPERATOR_LABELS: Record<TargetOperator, { vi: string; en: string }> = {
  '>': { vi: '> (trên)', en: '> (above)' },
  '>=': { vi: '≥ (từ … trở lên)', en: '≥ (at least)' },
  '<': { vi: '< (dưới)', en: '< (below)' },
  '<=': { vi: '≤ (không quá)', en: '≤ (at most)' },
  '=': { vi: '= (bằng)', en: '= (equal to)' },
};

/** Add or edit one target: the indicator, whom and which period it applies to, the rule. */
export function TargetFormModal({
  target,
  onClose,
}: {
  target: IndicatorTarget | 'new';
  onClose: () => void;
}) {
  const { t, label } = useT();
  const { data: indicators = [] } = useIndicators();
  const initial = target === 'new' ? null : target;
  const [indicatorCode, setIndicatorCode] = useState<string | null>(initial?.indicatorCode ?? null);
  const [scope, setScope] = useState<Scope>(
    initial?.unit ? 'unit' : initial?.unitType ? 'unitType' : 'everyone',
  );
  const [unitType, setUnitType] = useState<string | null>(initial?.unitType ?? 'commune');
  const [unitId, setUnitId] = useState<string | null>(initial?.unit ? String(initial.unit.id) : null);
  const [periodCode, setPeriodCode] = useState(initial?.periodCode ?? '');
  const [operator, setOperator] = useState<TargetOperator>(initial?.operator ?? '>=');
  const [threshold, setThreshold] = useState<number | string>(initial?.threshold ?? '');
  const [riskMargin, setRiskMargin] = useState<number | string>(initial?.riskMargin ?? 0);
  const [note, setNote] = useState(initial?.note ?? '');
  const { errors, formError, check, fail } = useFieldErrors();
  const save = useTargetWrite(saveTarget);
  const measureUnit = indicators.find((indicator) => indicator.code === indicatorCode)?.measureUnit;

  const submit = () => {
    const body = check(targetBodySchema, {
      indicatorCode: indicatorCode ?? '',
      unitType: scope === 'unitType' ? unitType : null,
      unitId: scope === 'unit' && unitId ? Number(unitId) : null,
      periodCode: periodCode.trim() || null,
      operator,
      threshold: typeof threshold === 'number' ? threshold : Number.NaN,
      riskMargin: typeof riskMargin === 'number' ? riskMargin : 0,
      note,
    });
    if (!body) return;
    save.mutate(
      { ...body, id: initial?.id, version: initial?.version },
      {
        onSuccess: () => {
          notifySaved(t('saved'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={initial ? t('editTarget') : t('addTarget')} size="lg">
      <Stack>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Select
          label={t('indicator')}
          data={indicators.map((indicator) => ({
            value: indicator.code,
            label: label({ vi: indicator.nameVi, en: indicator.nameEn }),
          }))}
          value={indicatorCode}
          onChange={setIndicatorCode}
          searchable
          error={errors.indicatorCode}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('appliesTo')}
          </Text>
          <SegmentedControl
            aria-label={t('appliesTo')}
            value={scope}
            onChange={(value) => setScope(value as Scope)}
            data={[
              { value: 'everyone', label: t('everyone') },
              { value: 'unitType', label: t('byUnitType') },
              { value: 'unit', label: t('oneUnit') },
            ]}
          />
          {scope === 'unitType' && (
            <Select
              label={t('type')}
              data={UNIT_TYPE_NAMES.map((type) => ({ value: type, label: label(UNIT_TYPES[type]) }))}
              value={unitType}
              onChange={setUnitType}
              allowDeselect={false}
              error={errors.unitType}
            />
          )}
          {scope === 'unit' && (
            <UnitPicker
              label={t('unit')}
              value={unitId}
              selectedLabel={initial?.unit?.name}
              onChange={setUnitId}
              error={errors.unitId}
            />
          )}
        </Stack>
        <TargetPeriodSelect value={periodCode} onChange={setPeriodCode} error={errors.periodCode} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('operator')}
            data={TARGET_OPERATORS.map((value) => ({ value, label: label(OPERATOR_LABELS[value]) }))}
            value={operator}
            onChange={(value) => value && setOperator(value as TargetOperator)}
            allowDeselect={false}
            error={errors.operator}
          />
          <NumberInput
            label={t('threshold')}
            value={threshold}
            onChange={setThreshold}
            decimalSeparator={decimalMark()}
            rightSection={measureUnit}
            error={errors.threshold}
          />
          <NumberInput
            label={t('riskMargin')}
            value={riskMargin}
            onChange={setRiskMargin}
            decimalSeparator={decimalMark()}
            min={0}
            error={errors.riskMargin}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          {t('riskMarginHelp')}
        </Text>
        <Textarea
          label={t('targetNote')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autosize
        />
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={save.isPending} />
      </Stack>
    </Modal>
  );
}
