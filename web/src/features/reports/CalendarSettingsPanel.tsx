import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { holidayOverridesSchema, regimeSettingsSchema } from '../../../../core/periods/calendar-settings.ts';
import { holidayNameIn } from '../../../../core/periods/workdays.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { api, queryString } from '../../api/client.ts';
import { notifySaved, useFieldErrors } from '../../components/form.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';

interface Regime {
  dueDay: number;
  internalDueWorkdays: number | null;
  /** The version read: a save over someone else's newer one is refused (409). */
  version?: number;
}

interface YearHolidays {
  year: number;
  defaults: { date: string; name: string; kept: boolean }[];
  daysOff: string[];
  workingDays: string[];
  notHolidays: string[];
  version: number;
}

/** "10/02/2027, 11/02/2027" ↔ the dates as typed; the shared schema checks and converts them. */
const toList = (text: string) => text.split(/[\s,;]+/).filter(Boolean);
const fromList = (dates: string[]) => dates.map(formatDateVi).join(', ');

/** When reports are due and which days are worked: the province's reporting calendar. */
export function CalendarSettingsPanel() {
  return (
    <Stack maw={760} gap="xl">
      <RegimeForm />
      <HolidayForm />
    </Stack>
  );
}

function RegimeForm() {
  const { t } = useT();
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: ['settings', 'regime'],
    queryFn: () => api<Regime>('GET', '/api/settings/reporting-regime'),
  });
  const { errors, formError, check, fail } = useFieldErrors();
  const [dueDay, setDueDay] = useState<number | string>(20);
  const [internal, setInternal] = useState<number | string>('');
  useEffect(() => {
    if (!data) return;
    setDueDay(data.dueDay);
    setInternal(data.internalDueWorkdays ?? '');
  }, [data]);
  const save = useMutation({
    mutationFn: (input: Regime) =>
      api<Regime>('PUT', '/api/settings/reporting-regime', { ...input, version: data?.version ?? 0 }),
    onSuccess: () => {
      notifySaved(t('saved'));
      void client.invalidateQueries({ queryKey: ['reports'] });
      void client.invalidateQueries({ queryKey: ['settings', 'regime'] });
    },
    onError: fail,
  });
  const submit = () => {
    const values = check(regimeSettingsSchema, {
      dueDay: Number(dueDay),
      internalDueWorkdays: internal === '' ? null : Number(internal),
    });
    if (values) save.mutate(values);
  };
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('reportingRegime')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('reportingRegimeHelp')}
      </Text>
      {formError && <Alert color="red">{formError}</Alert>}
      <Group align="start">
        <NumberInput
          label={t('dueDay')}
          min={15}
          max={28}
          value={dueDay}
          onChange={setDueDay}
          error={errors.dueDay}
          w={220}
        />
        <NumberInput
          label={t('internalDueWorkdays')}
          description={t('internalDueHelp')}
          min={0}
          max={20}
          value={internal}
          onChange={setInternal}
          error={errors.internalDueWorkdays}
          w={320}
        />
      </Group>
      <Group>
        <Button onClick={submit} loading={save.isPending} disabled={!data}>
          {t('save')}
        </Button>
      </Group>
    </Stack>
  );
}

function HolidayForm() {
  const { t, locale } = useT();
  const client = useQueryClient();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const key = ['settings', 'holidays', year];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => api<YearHolidays>('GET', `/api/settings/holidays${queryString({ year })}`),
  });
  const { errors, formError, check, fail } = useFieldErrors();
  const [daysOff, setDaysOff] = useState('');
  const [workingDays, setWorkingDays] = useState('');
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!data) return;
    setDaysOff(fromList(data.daysOff));
    setWorkingDays(fromList(data.workingDays));
    setRemoved(new Set(data.notHolidays));
  }, [data]);
  const save = useMutation({
    mutationFn: (input: { daysOff: string[]; workingDays: string[]; notHolidays: string[] }) =>
      api<YearHolidays>('PUT', `/api/settings/holidays${queryString({ year })}`, {
        ...input,
        version: data?.version ?? 0,
      }),
    onSuccess: (saved) => {
      notifySaved(t('saved'));
      client.setQueryData(key, saved);
      void client.invalidateQueries({ queryKey: ['reports'] });
    },
    onError: fail,
  });
  const submit = () => {
    const values = check(holidayOverridesSchema, {
      daysOff: toList(daysOff),
      workingDays: toList(workingDays),
      notHolidays: [...removed],
    });
    if (values) save.mutate(values);
  };
  const toggle = (date: string, kept: boolean) =>
    setRemoved((current) => {
      const next = new Set(current);
      if (kept) next.delete(date);
      else next.add(date);
      return next;
    });
  const firstError = (field: string) =>
    Object.entries(errors).find(([path]) => path === field || path.startsWith(`${field}.`))?.[1];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('holidaySchedule')}
        </Title>
        <Select
          aria-label={t('year')}
          data={[thisYear - 1, thisYear, thisYear + 1].map(String)}
          value={String(year)}
          onChange={(value) => value && setYear(Number(value))}
          allowDeselect={false}
          w={110}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('holidayHelp')}
      </Text>
      {formError && <Alert color="red">{formError}</Alert>}
      <ScrollTable withTableBorder minWidth={0} aria-label={t('defaultHolidays')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('date')}</Table.Th>
            <Table.Th>{t('holiday')}</Table.Th>
            <Table.Th>{t('dayOff')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.defaults.map((day) => (
            <Table.Tr key={`${day.date}:${day.name}`}>
              <Table.Td>{formatDateVi(day.date)}</Table.Td>
              <Table.Td>{holidayNameIn(day.name, locale)}</Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`${t('dayOff')} ${formatDateVi(day.date)}`}
                  checked={!removed.has(day.date)}
                  onChange={(event) => toggle(day.date, event.currentTarget.checked)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <TextInput
        label={t('extraDaysOff')}
        description="10/02/2027, 11/02/2027"
        value={daysOff}
        onChange={(event) => setDaysOff(event.currentTarget.value)}
        error={firstError('daysOff')}
      />
      <TextInput
        label={t('swappedWorkingDays')}
        description="20/02/2027"
        value={workingDays}
        onChange={(event) => setWorkingDays(event.currentTarget.value)}
        error={firstError('workingDays')}
      />
      <Group>
        <Button onClick={submit} loading={save.isPending} disabled={!data}>
          {t('save')}
        </Button>
      </Group>
    </Stack>
  );
}
