import { Alert, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FREQUENCIES, HOST_LEVEL_CODES, HOST_LEVELS, WEEKDAYS } from '../../../../core/reception/labels.ts';
import { ruleFieldsSchema } from '../../../../core/reception/reception-schemas.ts';
import { formatDateVi, parseDate, todayInVietnam } from '../../../../core/text/dates.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { type Rule, useSaveRule } from './api.ts';

const WEEKS: { value: string; label: MessageKey }[] = [
  { value: '1', label: 'receptionWeek1' },
  { value: '2', label: 'receptionWeek2' },
  { value: '3', label: 'receptionWeek3' },
  { value: '4', label: 'receptionWeek4' },
  { value: '-1', label: 'receptionWeekLast' },
];

const dateField = (value: string) => (value.trim() ? (parseDate(value) ?? value) : null);

/**
 * A head's standing reception day: weekly on a weekday, or monthly on a day of the month or the n-th
 * (or last) weekday; hours, place, from when. Checked with the server's own schema; what was typed
 * stays in the dialog on any refusal.
 */
export function RuleDialog({
  unitId,
  rule,
  onClose,
}: {
  unitId: number;
  rule: Rule | null;
  onClose: () => void;
}) {
  const { t, label } = useT();
  const save = useSaveRule();
  const { errors, formError, check, fail } = useFieldErrors();
  const [hostLevel, setHostLevel] = useState<string>(rule?.hostLevel ?? 'commune_chair');
  const [hostTitle, setHostTitle] = useState(rule?.hostTitle ?? '');
  const [hostName, setHostName] = useState(rule?.hostName ?? '');
  const [frequency, setFrequency] = useState<string>(rule?.frequency ?? 'weekly');
  const [weekday, setWeekday] = useState<string | null>(rule?.weekday ? String(rule.weekday) : null);
  const [byWeek, setByWeek] = useState(rule ? rule.monthWeek !== null : true);
  const [monthWeek, setMonthWeek] = useState<string>(String(rule?.monthWeek ?? 1));
  const [monthDay, setMonthDay] = useState<number | string>(rule?.monthDay ?? '');
  const [startTime, setStart] = useState(rule?.startTime ?? '07:30');
  const [endTime, setEnd] = useState(rule?.endTime ?? '11:00');
  const [location, setLocation] = useState(rule?.location ?? '');
  const [validFrom, setValidFrom] = useState(formatDateVi(rule?.validFrom ?? todayInVietnam()));
  const [validTo, setValidTo] = useState(formatDateVi(rule?.validTo ?? null));

  const submit = async () => {
    const monthly = frequency === 'monthly';
    const fields = check(ruleFieldsSchema, {
      hostLevel,
      hostTitle,
      hostName,
      frequency,
      weekday: weekday === null || (monthly && !byWeek) ? null : Number(weekday),
      monthWeek: monthly && byWeek ? Number(monthWeek) : null,
      monthDay: monthly && !byWeek && monthDay !== '' ? Number(monthDay) : null,
      startTime,
      endTime,
      location,
      validFrom: dateField(validFrom) ?? '',
      validTo: dateField(validTo),
    });
    if (!fields) return;
    try {
      await save.mutateAsync({ id: rule?.id ?? null, version: rule?.version ?? 0, unitId, fields });
      notifySaved(t('receptionRuleSaved'));
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  const weekdays = Object.entries(WEEKDAYS).map(([value, name]) => ({ value, label: label(name) }));
  return (
    <Modal opened onClose={onClose} title={t(rule ? 'receptionRuleEdit' : 'receptionRuleAdd')} size="lg">
      <Stack>
        <Select
          label={t('receptionHostLevel')}
          required
          data={HOST_LEVEL_CODES.map((value) => ({ value, label: label(HOST_LEVELS[value]) }))}
          value={hostLevel}
          onChange={(value) => setHostLevel(value ?? 'commune_chair')}
          allowDeselect={false}
          error={errors.hostLevel}
        />
        <Group grow wrap="wrap">
          <TextInput
            label={t('receptionHostTitle')}
            required
            value={hostTitle}
            onChange={(event) => setHostTitle(event.currentTarget.value)}
            error={errors.hostTitle}
          />
          <TextInput
            label={t('receptionHostName')}
            value={hostName}
            onChange={(event) => setHostName(event.currentTarget.value)}
            error={errors.hostName}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('receptionFrequency')}
            required
            data={Object.entries(FREQUENCIES).map(([value, name]) => ({ value, label: label(name) }))}
            value={frequency}
            onChange={(value) => setFrequency(value ?? 'weekly')}
            allowDeselect={false}
          />
          {frequency === 'monthly' && (
            <Select
              label={t('receptionMonthPattern')}
              data={[
                { value: 'week', label: t('receptionWeekOfMonth') },
                { value: 'day', label: t('receptionMonthByDay') },
              ]}
              value={byWeek ? 'week' : 'day'}
              onChange={(value) => setByWeek(value !== 'day')}
              allowDeselect={false}
            />
          )}
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          {frequency === 'monthly' && byWeek && (
            <Select
              label={t('receptionWeekOfMonth')}
              data={WEEKS.map((week) => ({ value: week.value, label: t(week.label) }))}
              value={monthWeek}
              onChange={(value) => setMonthWeek(value ?? '1')}
              allowDeselect={false}
            />
          )}
          {(frequency === 'weekly' || byWeek) && (
            <Select
              label={t('receptionWeekday')}
              required
              data={weekdays}
              value={weekday}
              onChange={setWeekday}
              error={errors.weekday}
            />
          )}
          {frequency === 'monthly' && !byWeek && (
            <NumberInput
              label={t('receptionMonthDay')}
              required
              min={1}
              max={31}
              value={monthDay}
              onChange={setMonthDay}
              error={errors.monthDay}
            />
          )}
        </Group>
        <Group grow wrap="wrap">
          <TextInput
            label={t('receptionStart')}
            placeholder="07:30"
            value={startTime}
            onChange={(event) => setStart(event.currentTarget.value)}
            error={errors.startTime}
          />
          <TextInput
            label={t('receptionEnd')}
            placeholder="11:00"
            value={endTime}
            onChange={(event) => setEnd(event.currentTarget.value)}
            error={errors.endTime}
          />
        </Group>
        <TextInput
          label={t('receptionLocation')}
          required
          value={location}
          onChange={(event) => setLocation(event.currentTarget.value)}
          error={errors.location}
        />
        <Group grow wrap="wrap">
          <TextInput
            label={t('receptionValidFrom')}
            placeholder="dd/mm/yyyy"
            required
            value={validFrom}
            onChange={(event) => setValidFrom(event.currentTarget.value)}
            error={errors.validFrom}
          />
          <TextInput
            label={t('receptionValidTo')}
            placeholder="dd/mm/yyyy"
            value={validTo}
            onChange={(event) => setValidTo(event.currentTarget.value)}
            error={errors.validTo}
          />
        </Group>
        <Alert color="gray">{t('receptionHolidayMoves')}</Alert>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={save.isPending} />
      </Stack>
    </Modal>
  );
}
