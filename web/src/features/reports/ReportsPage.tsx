import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { ReminderSettingsPanel } from '../notifications/ReminderSettingsPanel.tsx';
import { CalendarSettingsPanel } from './CalendarSettingsPanel.tsx';
import { ConsolidatedPanel } from './ConsolidatedPanel.tsx';
import { PeriodBoard } from './PeriodBoard.tsx';
import { ReportInbox } from './ReportInbox.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';

/**
 * Periodic reporting: a unit sees its inbox of reports to write; the coordinator the review queue,
 * the completeness board of a period (whom to chase) and the consolidated report of the province.
 */
export function ReportsPage() {
  const { t } = useT();
  const { data: me } = useMe();
  const canWrite = hasPermission(me, 'reports.write');
  const canReview = hasPermission(me, 'reports.review');
  const [tab, setTab] = useState<string | null>(canWrite ? 'inbox' : canReview ? 'queue' : 'board');
  return (
    <Stack>
      <Title order={2}>{t('reporting')}</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {canWrite && <Tabs.Tab value="inbox">{t('inbox')}</Tabs.Tab>}
          {canReview && <Tabs.Tab value="queue">{t('reviewQueue')}</Tabs.Tab>}
          <Tabs.Tab value="board">{t('completenessBoard')}</Tabs.Tab>
          {canReview && <Tabs.Tab value="consolidated">{t('consolidatedReport')}</Tabs.Tab>}
          {canReview && <Tabs.Tab value="reminders">{t('reportingSettings')}</Tabs.Tab>}
        </Tabs.List>
        {canWrite && (
          <Tabs.Panel value="inbox" pt="md">
            <ReportInbox />
          </Tabs.Panel>
        )}
        {canReview && (
          <Tabs.Panel value="queue" pt="md">
            <ReviewQueue />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="board" pt="md">
          <PeriodBoard />
        </Tabs.Panel>
        {canReview && (
          <Tabs.Panel value="consolidated" pt="md">
            <ConsolidatedPanel />
          </Tabs.Panel>
        )}
        {canReview && (
          <Tabs.Panel value="reminders" pt="md">
            <Stack gap="xl">
              <CalendarSettingsPanel />
              <section aria-label={t('reminderSettings')}>
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    {t('reminderSettings')}
                  </Title>
                  <ReminderSettingsPanel />
                </Stack>
              </section>
            </Stack>
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
