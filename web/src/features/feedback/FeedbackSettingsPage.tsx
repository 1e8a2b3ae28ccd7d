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
import { Link } from '@tanstack/react-router';
import {
  CLOCK_STEP_NAMES,
  type ClockStep,
  RULE_SOURCE_NAMES,
  type RuleSource,
} from '../../../../core/feedback/clock-rules.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { useAutosavedSetting } from '../../api/autosaved-setting.ts';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { UnitPicker } from '../units/UnitPicker.tsx';
import type { RoutingForm, RoutingLine } from './api.ts';
import { CategoriesSection } from './CategoriesSection.tsx';
import { CommuneAreasSection } from './CommuneAreasSection.tsx';
import { SettingsSection } from './SettingsSection.tsx';

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
      <CategoriesSection />
      <RoutingSection />
      <ClockSection />
      <CommuneAreasSection />
      <SettingsSection title={t('open311Clients')} help={t('feedbackAppsHelp')}>
        <Anchor component={Link} to="/feedback/apps" size="sm">
          {t('feedbackAppsManage')}
        </Anchor>
      </SettingsSection>
    </Stack>
  );
}

function RoutingSection() {
  const { t, label } = useT();
  const setting = useAutosavedSetting<RoutingForm, RoutingLine[]>({
    queryKey: ['feedback', 'routing'],
    url: '/api/feedback/routing',
    initial: (form) => form.rules,
    body: (lines) => ({ rules: complete(lines) }),
  });
  const { data, error, value: lines, autosave } = setting;
  if (error)
    return (
      <Alert color="gray" title={t('feedbackRouting')}>
        {error.message}
      </Alert>
    );
  if (!data || !lines) return null;
  const change = setting.change;
  const patch = (index: number, part: Partial<RoutingLine>) =>
    change(lines.map((line, at) => (at === index ? { ...line, ...part } : line)));
  const categories = [
    { value: '', label: t('feedbackAnyCategory') },
    // Retired categories only where a line still names them.
    ...data.categories
      .filter((category) => category.isActive || lines.some((line) => line.categoryCode === category.code))
      .map((category) => ({
        value: category.code,
        label: label({ vi: category.nameVi, en: category.nameEn }),
      })),
  ];
  const waiting = lines.filter((line) => line.handlingUnitId === null).length;
  return (
    <SettingsSection title={t('feedbackRouting')} help={t('feedbackRoutingHelp')}>
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
          onClick={() => setting.set([...lines, { categoryCode: null, unitId: null, handlingUnitId: null }])}
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
      <ConflictDialog
        conflict={autosave.conflict}
        mine={null}
        onKeepMine={setting.keepMine}
        onTakeTheirs={setting.takeTheirs}
      />
    </SettingsSection>
  );
}

function ClockSection() {
  const { t, label } = useT();
  const setting = useAutosavedSetting<ClockForm, Record<string, number | null>>({
    queryKey: ['feedback', 'clock-settings'],
    url: '/api/feedback/clock-settings',
    initial: (form) => Object.fromEntries(form.rules.map((rule) => [rule.key, rule.days])),
    // Only the numbers set: an empty box is the default.
    body: (value) => ({
      days: Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, number] => entry[1] !== null),
      ),
    }),
  });
  const { data, value: days, autosave } = setting;
  if (!data || !days) return null;
  return (
    <SettingsSection title={t('feedbackClocks')} help={t('feedbackClocksHelp')}>
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
                      onChange={(value) =>
                        setting.change({ ...days, [rule.key]: value === '' ? null : Number(value) })
                      }
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
      <ConflictDialog
        conflict={autosave.conflict}
        mine={null}
        onKeepMine={setting.keepMine}
        onTakeTheirs={setting.takeTheirs}
      />
    </SettingsSection>
  );
}
