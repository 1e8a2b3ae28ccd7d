import { Anchor, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { addDays, todayInVietnam } from '../../../../core/text/dates.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { useCompliance } from './api.ts';
import { CompliancePanel } from './CompliancePanel.tsx';
import { ReceptionSettingsCard } from './ReceptionSettingsCard.tsx';
import { RegisterPanel } from './RegisterPanel.tsx';
import { SchedulePanel } from './SchedulePanel.tsx';

type Tab = 'schedule' | 'register' | 'compliance';

/**
 * "Tiếp công dân": a unit's schedule (standing days, sessions, warnings against the legal minimum and
 * the publish-ahead rule), its register, and for the province's coordinator the compliance board. The
 * units offered are the user's own and those the board lists.
 */
export function ReceptionPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const manages = hasPermission(me, 'feedback.manage');
  const today = todayInVietnam();
  const { data: board } = useCompliance({ from: addDays(today, -92), to: addDays(today, 31) }, manages);
  const options = new Map<string, string>();
  for (const grant of me?.grants ?? [])
    if (grant.unitId !== null) options.set(String(grant.unitId), grant.unitName ?? '');
  for (const unit of board?.units ?? []) options.set(String(unit.unitId), unit.unitName);
  const [chosen, setChosen] = useState<string | null>(null);
  const unitKey = chosen ?? [...options.keys()][0] ?? null;
  const unitId = unitKey === null ? null : Number(unitKey);
  const [tab, setTab] = useState<Tab>('schedule');
  const canHandle = hasPermission(me, 'feedback.handle');

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('reception')}</Title>
        <Group gap="sm" wrap="wrap">
          {options.size > 1 && (
            <Select
              aria-label={t('receptionUnit')}
              data={[...options.entries()].map(([value, label]) => ({ value, label }))}
              value={unitKey}
              onChange={setChosen}
              allowDeselect={false}
              searchable
              w={260}
            />
          )}
          <Anchor href="/tiep-cong-dan" target="_blank">
            {t('receptionPublicPage')}
          </Anchor>
        </Group>
      </Group>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'schedule')}>
        <Tabs.List>
          <Tabs.Tab value="schedule">{t('receptionTabSchedule')}</Tabs.Tab>
          <Tabs.Tab value="register">{t('receptionTabRegister')}</Tabs.Tab>
          {manages && <Tabs.Tab value="compliance">{t('receptionTabCompliance')}</Tabs.Tab>}
        </Tabs.List>
      </Tabs>
      {tab !== 'compliance' && unitId === null && <Text c="dimmed">{t('receptionPickUnit')}</Text>}
      {tab === 'schedule' && unitId !== null && (
        <SchedulePanel key={unitId} unitId={unitId} canHandle={canHandle} />
      )}
      {tab === 'register' && unitId !== null && (
        <RegisterPanel key={unitId} unitId={unitId} canHandle={canHandle} />
      )}
      {tab === 'compliance' && manages && <ReceptionSettingsCard />}
      {tab === 'compliance' && manages && (
        <CompliancePanel
          onShow={(id) => {
            setChosen(String(id));
            setTab('schedule');
          }}
        />
      )}
    </Stack>
  );
}
