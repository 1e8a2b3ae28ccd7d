import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import {
  CLOCK_STEP_NAMES,
  type ClockStep,
  RULE_SOURCE_NAMES,
  type RuleSource,
} from '../../../../core/feedback/clock-rules.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { useAutosave } from '../../api/autosave.ts';
import { api } from '../../api/client.ts';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { type RoutingForm, type RoutingLine, useRoutingForm } from './api.ts';

interface ClockRuleRow {
  key: string;
  kindName: { vi: string; en: string };
  step: ClockStep;
  unit: 'workdays' | 'days';
  from: string;
  to: string | null;
  basis: string;
  source: RuleSource;
  defaultDays: number;
  days: number | null;
}

interface ClockForm {
  rules: ClockRuleRow[];
  version: number;
}

/** The routing table as saved: only complete lines (a line without its answering unit waits). */
const complete = (lines: RoutingLine[]) =>
  lines
    .filter((line) => line.handlingUnitId !== null)
    .map(({ categoryCode, unitId, handlingUnitId }) => ({ categoryCode, unitId, handlingUnitId }));

/**
 * The province's feedback settings (installation-wide): which unit answers a category about a commune,
 * and the numbers of the clocks the law leaves to the province. Saved as typed, like every form.
 */
export function FeedbackSettingsPage() {
  const { t } = useT();
  return (
    <Stack gap="xl" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('feedbackSettings')}</Title>
        <Anchor component={Link} to="/feedback" size="sm">
          {t('feedbackBackToInbox')}
        </Anchor>
      </Group>
      <RoutingSection />
      <ClockSection />
      <section aria-label={t('open311Clients')}>
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('open311Clients')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('feedbackAppsHelp')}
          </Text>
          <Anchor component={Link} to="/feedback/apps" size="sm">
            {t('feedbackAppsManage')}
          </Anchor>
        </Stack>
      </section>
    </Stack>
  );
}

function RoutingSection() {
  const { t, label } = useT();
  const client = useQueryClient();
  const { data, error } = useRoutingForm();
  const [lines, setLines] = useState<RoutingLine[] | null>(null);
  const version = useRef(0);
  useEffect(() => {
    if (!data) return;
    version.current = data.version;
    setLines((current) => current ?? data.rules);
  }, [data]);
  const autosave = useAutosave<RoutingLine[]>({
    save: async (value, { keepalive }) => {
      const saved = await api<RoutingForm>(
        'PUT',
        '/api/feedback/routing',
        { rules: complete(value), version: version.current },
        { keepalive },
      );
      version.current = saved.version;
      client.setQueryData(['feedback', 'routing'], saved);
    },
    leaveMessage: t('saveLeaveUnsaved'),
  });
  if (error)
    return (
      <Alert color="gray" title={t('feedbackRouting')}>
        {error.message}
      </Alert>
    );
  if (!data || !lines) return null;
  const change = (next: RoutingLine[]) => {
    setLines(next);
    autosave.schedule(next);
  };
  const patch = (index: number, part: Partial<RoutingLine>) =>
    change(lines.map((line, at) => (at === index ? { ...line, ...part } : line)));
  const categories = [
    { value: '', label: t('feedbackAnyCategory') },
    ...data.categories.map((category) => ({
      value: category.code,
      label: label({ vi: category.nameVi, en: category.nameEn }),
    })),
  ];
  const waiting = lines.filter((line) => line.handlingUnitId === null).length;
  return (
    <section aria-label={t('feedbackRouting')}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('feedbackRouting')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('feedbackRoutingHelp')}
        </Text>
        <ScrollTable withTableBorder minWidth={760} aria-label={t('feedbackRouting')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('feedbackCategory')}</Table.Th>
              <Table.Th>{t('feedbackCommune')}</Table.Th>
              <Table.Th>{t('feedbackHandlingUnit')}</Table.Th>
              <Table.Th w={48} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed">
                    {t('feedbackRoutingEmpty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {lines.map((line, index) => (
              // Lines have no identity of their own: the table is saved whole, in this order.
              // biome-ignore lint/suspicious/noArrayIndexKey: the position is the line's identity here
              <Table.Tr key={index} data-routing-line={index}>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={`${t('feedbackCategory')} ${index + 1}`}
                    data={categories}
                    value={line.categoryCode ?? ''}
                    allowDeselect={false}
                    onChange={(value) => patch(index, { categoryCode: value ? value : null })}
                  />
                </Table.Td>
                <Table.Td>
                  <UnitPicker
                    hideLabel
                    label={`${t('feedbackCommune')} ${index + 1}`}
                    placeholder={t('feedbackAnyCommune')}
                    value={line.unitId === null ? null : String(line.unitId)}
                    selectedLabel={line.unitName ?? undefined}
                    onChange={(value) => patch(index, { unitId: value ? Number(value) : null })}
                  />
                </Table.Td>
                <Table.Td>
                  <UnitPicker
                    hideLabel
                    label={`${t('feedbackHandlingUnit')} ${index + 1}`}
                    placeholder={t('feedbackChooseUnit')}
                    value={line.handlingUnitId === null ? null : String(line.handlingUnitId)}
                    selectedLabel={line.handlingUnitName ?? undefined}
                    error={line.handlingUnitId === null ? t('feedbackLineWaits') : undefined}
                    onChange={(value) => patch(index, { handlingUnitId: value ? Number(value) : null })}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={fill(t('feedbackRemoveLine'), { line: index + 1 })}
                    onClick={() => change(lines.filter((_, at) => at !== index))}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        <Group justify="space-between">
          <Button
            variant="default"
            size="xs"
            onClick={() => setLines([...lines, { categoryCode: null, unitId: null, handlingUnitId: null }])}
          >
            {t('feedbackAddLine')}
          </Button>
          <Group gap="xs">
            {waiting > 0 && (
              <Text size="xs" c="orange">
                {fill(t('feedbackLinesWaiting'), { count: waiting })}
              </Text>
            )}
            <SaveState autosave={autosave} />
          </Group>
        </Group>
      </Stack>
      <ConflictDialog
        conflict={autosave.conflict}
        mine={null}
        labels={{}}
        onKeepMine={(current) => {
          version.current = current.version;
          void autosave.retry();
        }}
        onTakeTheirs={() => {
          autosave.discard();
          setLines(null);
          void client.invalidateQueries({ queryKey: ['feedback', 'routing'] });
        }}
      />
    </section>
  );
}

function ClockSection() {
  const { t, label } = useT();
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: ['feedback', 'clock-settings'],
    queryFn: () => api<ClockForm>('GET', '/api/feedback/clock-settings'),
    retry: false,
  });
  const [days, setDays] = useState<Record<string, number | null> | null>(null);
  const version = useRef(0);
  useEffect(() => {
    if (!data) return;
    version.current = data.version;
    setDays((current) => current ?? Object.fromEntries(data.rules.map((rule) => [rule.key, rule.days])));
  }, [data]);
  const autosave = useAutosave<Record<string, number | null>>({
    save: async (value, { keepalive }) => {
      const set = Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, number] => entry[1] !== null),
      );
      const saved = await api<ClockForm>(
        'PUT',
        '/api/feedback/clock-settings',
        { days: set, version: version.current },
        { keepalive },
      );
      version.current = saved.version;
      client.setQueryData(['feedback', 'clock-settings'], saved);
    },
    leaveMessage: t('saveLeaveUnsaved'),
  });
  if (!data || !days) return null;
  return (
    <section aria-label={t('feedbackClocks')}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('feedbackClocks')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('feedbackClocksHelp')}
        </Text>
        <ScrollTable withTableBorder minWidth={860} aria-label={t('feedbackClocks')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('feedbackClockCase')}</Table.Th>
              <Table.Th>{t('feedbackClockBasis')}</Table.Th>
              <Table.Th w={140}>{t('feedbackClockDefault')}</Table.Th>
              <Table.Th w={190}>{t('feedbackClockProvince')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rules.map((rule) => {
              const unit = t(rule.unit === 'workdays' ? 'feedbackWorkdays' : 'feedbackCalendarDays');
              return (
                <Table.Tr key={`${rule.key}-${rule.from}`}>
                  <Table.Td>
                    <Text size="sm">{label(rule.kindName)}</Text>
                    <Text size="xs" c="dimmed">
                      {label(CLOCK_STEP_NAMES[rule.step])}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {/* The legal text's own title, in Vietnamese whatever the reader's language. */}
                    <Text size="sm" lang="vi">
                      {rule.basis}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {label(RULE_SOURCE_NAMES[rule.source])} ·{' '}
                      {rule.to
                        ? fill(t('feedbackRuleBetween'), {
                            from: formatDateVi(rule.from),
                            to: formatDateVi(rule.to),
                          })
                        : fill(t('feedbackRuleFrom'), { from: formatDateVi(rule.from) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {rule.defaultDays} {unit}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <NumberInput
                        size="xs"
                        w={80}
                        min={1}
                        max={365}
                        aria-label={`${label(rule.kindName)} — ${label(CLOCK_STEP_NAMES[rule.step])}`}
                        placeholder={String(rule.defaultDays)}
                        value={days[rule.key] ?? ''}
                        onChange={(value) => {
                          const next = { ...days, [rule.key]: value === '' ? null : Number(value) };
                          setDays(next);
                          autosave.schedule(next);
                        }}
                      />
                      <Text size="xs">{unit}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ScrollTable>
        <Group justify="flex-end">
          <SaveState autosave={autosave} />
        </Group>
      </Stack>
    </section>
  );
}
